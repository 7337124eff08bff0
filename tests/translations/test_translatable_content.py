"""Everything translatable goes through wagtail-localize: every page type, every translatable
snippet and the documents' titles. New TranslatableMixin models are covered automatically."""

import datetime

import pytest
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.operations import TranslationCreator

from tests.translations.builders import build_finnish, is_rich, text_fields
from tests.translations.conftest import add_child_page
from translations.content import translatable_models

UNCOMPARED_SYNC_FIELDS = {"first_published_at", "go_live_at", "expire_at", "show_in_menus"}


def _comparable(value):
    # wagtail-localize copies values through JSON, which keeps milliseconds only.
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def _sv(text: str, path: str) -> str:
    return f"{text}-sv" if path == "slug" else f"[sv] {text}"


def _swedish_strings(instance) -> dict[str, str]:
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    return {
        segment.string.data: _sv(segment.string.data, segment.context.path)
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context")
    }


@pytest.mark.parametrize("model", translatable_models(), ids=lambda m: m._meta.label)
def test_every_translatable_model_is_translated_through_wagtail_localize(model, home_page, translate):
    if not isinstance(home_page, model):
        translate(home_page, "sv", {})  # a page's parent is translated first
    source = build_finnish(model, home_page)
    strings = _swedish_strings(source)
    assert strings, f"{model._meta.label} has nothing to translate"

    target = translate(source, "sv", strings)

    assert target is not None and target.locale.language_code == "sv"
    assert target.translation_key == source.translation_key and target.pk != source.pk
    for name in text_fields(model):
        if getattr(source, name):
            assert getattr(target, name) == f"[sv] {getattr(source, name)}", name
    for spec in get_translatable_fields(model):
        field = model._meta.get_field(spec.field_name)
        if (
            isinstance(spec, TranslatableField)
            and is_rich(model, spec.field_name)
            and getattr(source, field.name)
        ):
            value = getattr(target, field.name)
            assert "[sv]" in str(getattr(value, "raw_data", value)), field.name
        if (
            isinstance(spec, SynchronizedField)
            and not field.is_relation
            and spec.field_name not in UNCOMPARED_SYNC_FIELDS
        ):
            assert _comparable(getattr(target, field.name)) == _comparable(getattr(source, field.name)), (
                f"{field.name} not synchronised"
            )


@pytest.mark.parametrize(
    "model", [m for m in translatable_models() if issubclass(m, Page)], ids=lambda m: m._meta.label
)
def test_translated_page_slug_is_translatable(model, home_page, translate):
    if not isinstance(home_page, model):
        translate(home_page, "sv", {"etusivu": "startsida"})
    source = build_finnish(model, home_page)
    target = translate(source, "sv", {source.slug: f"{source.slug}-pa-svenska"})
    assert target.slug == f"{source.slug}-pa-svenska"
    if target.depth > 2:  # a language's home page is served at /sv/ whatever its slug
        assert target.url == f"/sv/{source.slug}-pa-svenska/"


def test_members_page_is_reached_at_its_swedish_slug(translated_home, translate, client):
    members = add_child_page(translated_home["fi"], "Jäsenet", "jasenet")
    swedish = translate(members, "sv", {"Jäsenet": "Medlemmar", "jasenet": "medlemmar"})
    assert swedish.url == "/sv/medlemmar/"
    response = client.get("/sv/medlemmar/")
    assert response.status_code == 200
    assert "Medlemmar" in response.content.decode()


def test_synchronised_fields_follow_the_source_on_update(translated_home, translate):
    from board.factories import MeetingFactory

    meeting = MeetingFactory.create(title="Kokous 1/2026", number=1)
    translate(meeting, "sv", {"Kokous 1/2026": "Möte 1/2026"})
    meeting.number = 7
    meeting.save()
    meeting.save_revision().publish()
    swedish = translate(meeting, "sv", {})
    assert swedish.number == 7
    assert swedish.title == "Möte 1/2026"


def _create_translation_as_the_translate_action_does(instance, user):
    sv = Locale.objects.get(language_code="sv")
    TranslationCreator(user, [sv]).create_translations(instance)
    return instance.get_translation(sv)


def test_new_page_translation_stays_a_draft_until_published(
    translated_home, superuser, client, admin_client_fi, django_capture_on_commit_callbacks
):
    page = add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    with django_capture_on_commit_callbacks(execute=True):
        swedish = _create_translation_as_the_translate_action_does(page, superuser)
    assert page.live and not swedish.live
    # Not served as Swedish: the visitor is told the page exists only in Finnish.
    assert 'class="only-in-finnish"' in client.get(f"/sv/{swedish.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_fi.post(f"/admin/pages/{swedish.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    swedish.refresh_from_db()
    assert swedish.live


@pytest.mark.parametrize(
    "model",
    [m for m in translatable_models() if issubclass(m, DraftStateMixin) and not issubclass(m, Page)],
    ids=lambda m: m._meta.label,
)
def test_new_snippet_translation_stays_a_draft_until_published(model, home_page, superuser):
    source = build_finnish(model, home_page)
    swedish = _create_translation_as_the_translate_action_does(source, superuser)
    assert source.live and not swedish.live
