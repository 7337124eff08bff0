"""Sync: a changed Finnish source shows exactly its new strings as untranslated, and the
public Swedish page keeps its previous text until a translator translates and publishes."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home import demo as home_demo
from tests.translations.conftest import editor_state

NEW_LEAD = "Vapaaehtoistoiminta on yhteistä hyvinvointia"
NEW_LEAD_SV = "Frivilligverksamhet är gemensamt välbefinnande"
OLD_LEAD_SV = home_demo.TRANSLATIONS["sv"][home_demo.LEAD]


@pytest.fixture
def changed_source(translated_home):
    """The Finnish home page with a new lead, published; translations not yet synced."""
    fi = translated_home["fi"]
    fi.lead = NEW_LEAD
    fi.save_revision().publish()
    return translated_home


def _untranslated(source, code):
    locale = Locale.objects.get(language_code=code)
    return set(
        StringSegment.objects.filter(source=source)
        .annotate_translation(locale)
        .filter(translation__isnull=True)
        .values_list("string__data", flat=True)
    )


def _source(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def test_update_from_db_lists_exactly_the_changed_string_as_untranslated(changed_source):
    source = _source(changed_source["fi"])
    assert _untranslated(source, "sv") == set()
    source.update_from_db()
    assert _untranslated(source, "sv") == {NEW_LEAD}
    assert _untranslated(source, "en") == {NEW_LEAD}


def test_translation_editor_shows_the_changed_string_untranslated_and_keeps_the_rest(
    changed_source, admin_client_fi
):
    _source(changed_source["fi"]).update_from_db()
    shown = editor_state(admin_client_fi, changed_source["sv"])
    assert shown[NEW_LEAD] is None
    assert [text for text, translation in shown.items() if translation is None] == [NEW_LEAD]
    assert shown[home_demo.TITLE] == home_demo.TRANSLATIONS["sv"][home_demo.TITLE]


def test_sync_with_publish_keeps_the_previous_swedish_text_public(changed_source, admin_client_fi, client):
    source = _source(changed_source["fi"])
    response = admin_client_fi.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("Svenska" in m and "English" in m for m in shown), shown
    public = client.get("/sv/").content.decode()
    assert OLD_LEAD_SV in public
    assert NEW_LEAD not in public
    # The sync itself happened: the new string is waiting for a translator.
    assert _untranslated(source, "sv") == {NEW_LEAD}


def test_sync_without_publish_changes_nothing_public(changed_source, admin_client_fi, client):
    source = _source(changed_source["fi"])
    before = client.get("/sv/").content
    admin_client_fi.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert _untranslated(source, "sv") == {NEW_LEAD}
    assert client.get("/sv/").content == before


def test_stock_save_target_would_publish_a_mix_which_is_why_sync_holds_back(changed_source, client):
    """wagtail-localize's own behaviour: untranslated strings fall back to Finnish."""
    source = _source(changed_source["fi"])
    source.update_from_db()
    Translation.objects.get(source=source, target_locale__language_code="sv").save_target(publish=True)
    public = client.get("/sv/").content.decode()
    assert NEW_LEAD in public  # the silent mix our sync view refuses to publish


def test_complete_translation_is_published_by_sync(changed_source, admin_client_fi, client):
    source = _source(changed_source["fi"])
    source.update_from_db()
    segment = StringSegment.objects.get(source=source, string__data=NEW_LEAD)
    for code, text in (("sv", NEW_LEAD_SV), ("en", "Volunteering is shared well-being")):
        StringTranslation.objects.create(
            translation_of=segment.string,
            context=segment.context,
            locale=Locale.objects.get(language_code=code),
            data=text,
        )
    admin_client_fi.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )
    assert NEW_LEAD_SV in client.get("/sv/").content.decode()


def test_translator_publishes_the_new_string_from_the_editor(changed_source, translator_client, client):
    source = _source(changed_source["fi"])
    source.update_from_db()
    sv = changed_source["sv"]
    translation = Translation.objects.get(source=source, target_locale__language_code="sv")
    segment = StringSegment.objects.get(source=source, string__data=NEW_LEAD)
    response = translator_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        data=f"value={NEW_LEAD_SV}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    assert OLD_LEAD_SV in client.get("/sv/").content.decode()  # saved, not yet published
    response = translator_client.post(f"/admin/pages/{sv.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    public = client.get("/sv/").content.decode()
    assert NEW_LEAD_SV in public
    assert NEW_LEAD not in public
