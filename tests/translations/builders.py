"""Build a Finnish instance of any translatable model, for tests that cover every model."""

import datetime
import importlib
import inspect

from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail_localize.fields import TranslatableField, get_translatable_fields

from translations.content import CONTENT_APPS

FINNISH_TEXT = "Suomenkielinen teksti"


def find_factory(model):
    for label in CONTENT_APPS:
        try:
            module = importlib.import_module(f"{label}.factories")
        except ImportError:
            continue
        for _name, candidate in inspect.getmembers(module, inspect.isclass):
            meta = getattr(candidate, "_meta", None)
            if getattr(meta, "model", None) is model and hasattr(candidate, "create"):
                return candidate
    return None


def _generic_kwargs(model) -> dict:
    """Values for required plain fields of a model that has no factory."""
    kwargs = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null or field.blank or field.name == "locale":
            continue
        if field.is_relation:
            raise AssertionError(f"{model._meta.label} needs a factory: required relation {field.name}")
        if field.choices:
            kwargs[field.name] = field.choices[0][0]
        elif isinstance(field, models.EmailField):
            kwargs[field.name] = "testi@example.invalid"
        elif isinstance(field, (models.CharField, models.TextField)):
            kwargs[field.name] = FINNISH_TEXT
        elif isinstance(field, models.DateTimeField):
            kwargs[field.name] = timezone.now()
        elif isinstance(field, models.DateField):
            kwargs[field.name] = datetime.date.today()
        elif isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
            kwargs[field.name] = 1
    return kwargs


def text_fields(model) -> list[str]:
    """Translatable plain-text fields (CharField/TextField) other than the slug."""
    names = []
    for spec in get_translatable_fields(model):
        if not isinstance(spec, TranslatableField) or spec.field_name == "slug":
            continue
        field = model._meta.get_field(spec.field_name)
        if isinstance(field, (models.CharField, models.TextField)) and not isinstance(field, RichTextField):
            names.append(spec.field_name)
    return names


def fill_texts(instance) -> None:
    """Give every translatable text field Finnish text, so every one must be translated."""
    for name in text_fields(type(instance)):
        field = type(instance)._meta.get_field(name)
        if not getattr(instance, name):
            value = f"{FINNISH_TEXT} ({name})"
            setattr(instance, name, value[: field.max_length] if field.max_length else value)


def build_finnish(model, home: Page):
    """A saved Finnish instance of `model`; pages are created live under `home`."""
    fi = Locale.objects.get(language_code="fi")
    if issubclass(model, Page):
        if isinstance(home, model):
            page = home.specific
            fill_texts(page)
            page.save_revision().publish()
            return type(page).objects.get(pk=page.pk)
        assert model.can_create_at(home), f"{model._meta.label} cannot be created under the home page"
        page = model(title=f"Testisivu {model._meta.model_name}", slug=f"testi-{model._meta.model_name}")
        fill_texts(page)
        home.add_child(instance=page)
        page.save_revision().publish()
        return model.objects.get(pk=page.pk)
    factory = find_factory(model)
    instance = factory.create() if factory else model.objects.create(locale=fi, **_generic_kwargs(model))
    assert instance.locale_id == fi.pk
    fill_texts(instance)
    instance.save()
    return instance


def is_rich(model, name: str) -> bool:
    field = model._meta.get_field(name)
    return isinstance(field, (StreamField, RichTextField))
