"""Which models the translation workflow covers: every translatable page, snippet and document.

Found by introspection, so a new TranslatableMixin model in home/, board/ or documents/
is covered by the dashboard, the translator role and the tests without changes here.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from wagtail.documents import get_document_model
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from cms.locales import locales_by_code

CONTENT_APPS = ("home", "board", "documents")


def translatable_models() -> list[type[Model]]:
    """Concrete TranslatableMixin models of the project's content apps (pages included)."""
    found = []
    for label in CONTENT_APPS:
        if not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, TranslatableMixin) and not model._meta.abstract:
                found.append(model)
    return found


def translatable_page_models() -> list[type[Page]]:
    return [m for m in translatable_models() if issubclass(m, Page)]


def translatable_snippet_models() -> list[type[Model]]:
    """Translatable models that editors manage as snippets (wagtail-localize translates these)."""
    snippets = set(get_snippet_models())
    return [m for m in translatable_models() if m in snippets]


def translatable_document_model() -> type[Model] | None:
    model = get_document_model()
    return model if issubclass(model, TranslatableMixin) else None


def locale_ids() -> dict[str, int]:
    """{language code: Locale id}: checked on every page view and every save, so read once
    per process and content version (a changed Locale bumps the version, cms/cache.py)."""
    return {code: locale.pk for code, locale in locales_by_code().items()}


def default_locale_id() -> int | None:
    return locale_ids().get(settings.LANGUAGE_CODE)


def is_in_default_locale(obj: Model) -> bool:
    """True for Finnish originals (the default locale), which translators never change."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return False
    return locale_id == default_locale_id()
