"""PO round trip: download a translation's strings, translate them elsewhere, upload them back.
Bad files give a clear, translated error and change nothing."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail_localize.models import StringTranslation, Translation

from home import demo as home_demo
from tests.translations.conftest import add_child_page

NEW_LEAD = "Vapaaehtoistoiminta on yhteistä hyvinvointia"
NEW_LEAD_SV = "Frivilligverksamhet är gemensamt välbefinnande"


@pytest.fixture
def sv_translation(translated_home):
    fi = translated_home["fi"]
    fi.lead = NEW_LEAD
    fi.save_revision().publish()
    translation = Translation.objects.get(
        source__object_id=fi.translation_key, source__locale=fi.locale, target_locale__language_code="sv"
    )
    translation.source.update_from_db()
    return translation


def _download(client, translation) -> polib.POFile:
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    return polib.pofile(response.content.decode())


def _upload(client, translation, content: bytes, name="kaannos.po", next_url=None):
    next_url = next_url or f"/admin/pages/{translation.get_target_instance().pk}/edit/"
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile(name, content, content_type="text/x-gettext-translation"),
            "next": next_url,
        },
        follow=True,
    )


def _messages(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def _admin(msgid: str, plural: str | None = None, count: int = 1) -> str:
    """A message as the admin shows it to a user without a preference (Finnish)."""
    with django_translation.override("fi"):
        if plural:
            return django_translation.ngettext(msgid, plural, count) % {"count": count}
        return django_translation.gettext(msgid)


IMPORTED_ONE = (
    "Imported %(count)d translation from the PO file.",
    "Imported %(count)d translations from the PO file.",
)


def test_po_round_trip_translates_the_changed_string(translator_client, sv_translation, client):
    po = _download(translator_client, sv_translation)
    entries = {entry.msgid: entry for entry in po}
    assert entries[NEW_LEAD].msgstr == ""
    assert entries[home_demo.TITLE].msgstr == home_demo.TRANSLATIONS["sv"][home_demo.TITLE]
    entries[NEW_LEAD].msgstr = NEW_LEAD_SV

    response = _upload(translator_client, sv_translation, str(po).encode())

    assert ("success", _admin(*IMPORTED_ONE)) in _messages(response)
    assert StringTranslation.objects.get(translation_of__data=NEW_LEAD, locale__language_code="sv").data == (
        NEW_LEAD_SV
    )
    # Uploading saves strings; the public page changes only when the translator publishes.
    assert NEW_LEAD_SV not in client.get("/sv/").content.decode()
    translator_client.post(
        f"/admin/pages/{sv_translation.get_target_instance().pk}/edit/", {"action": "publish"}
    )
    assert NEW_LEAD_SV in client.get("/sv/").content.decode()


def _po_of_other_language(client, translation):
    other = Translation.objects.get(source=translation.source, target_locale__language_code="en")
    po = _download(client, other)
    for entry in po:
        entry.msgstr = "WRONG " + entry.msgid
    return str(po).encode()


def _po_of_other_object(client, translation):
    home = translation.source.get_source_instance()
    child = add_child_page(home, "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    from cms.localize_programmatic import translate_object

    translate_object(child, "sv", {})
    other = Translation.objects.get(
        source__object_id=child.translation_key, target_locale__language_code="sv"
    )
    po = _download(client, other)
    for entry in po:
        entry.msgstr = "WRONG " + entry.msgid
    return str(po).encode()


def _po_without_header(client, translation):
    po = _download(client, translation)
    po.metadata.pop("X-WagtailLocalize-TranslationID")
    for entry in po:
        entry.msgstr = "WRONG " + entry.msgid
    return str(po).encode()


def _broken_syntax(client, translation):
    text = str(_download(client, translation))
    # A translator's editor broke one entry: a line that is no PO syntax in the middle.
    head, tail = text.split("\nmsgctxt", 1)
    return (head + '\nmsgid "Vapaaehtoistyö\nrikki tämä rivi\nmsgctxt' + tail).encode()


OTHER_SOURCE = (
    "This PO file belongs to another page, snippet or language. "
    "Download the file of this translation and upload it here."
)
NOT_DOWNLOADED = (
    "This PO file was not downloaded from this translation. Download it again and translate that file."
)
BROKEN = "The PO file is broken and could not be read (%(detail)s). Nothing was imported."
NOT_PO = "This is not a PO file: it is not UTF-8 text."

BAD_FILES = {
    "another language's file": (_po_of_other_language, OTHER_SOURCE),
    "another page's file": (_po_of_other_object, OTHER_SOURCE),
    "no translation header": (_po_without_header, NOT_DOWNLOADED),
    "broken syntax": (_broken_syntax, BROKEN),
    "a PDF, not a PO file": (lambda c, t: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", NOT_PO),
    "plain text": (lambda c, t: "Tämä ei ole PO-tiedosto.\n".encode(), BROKEN),
    "empty file": (lambda c, t: b"", NOT_DOWNLOADED),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_po_file_gives_a_clear_error_and_changes_nothing(translator_client, sv_translation, case):
    make, msgid = BAD_FILES[case]
    # The broken-file message names the parser's complaint; compare the text around it.
    expected = _admin(msgid).split("%(detail)s")[0]
    content = make(translator_client, sv_translation)
    before = sorted(StringTranslation.objects.values_list("pk", "data"))

    response = _upload(translator_client, sv_translation, content)

    assert response.status_code == 200
    errors = [text for level, text in _messages(response) if level == "error"]
    assert len(errors) == 1 and expected in errors[0], _messages(response)
    assert sorted(StringTranslation.objects.values_list("pk", "data")) == before


def test_upload_without_a_file_is_refused(translator_client, sv_translation):
    before = StringTranslation.objects.count()
    response = translator_client.post(
        reverse("wagtail_localize:upload_pofile", args=[sv_translation.pk]), {}, follow=True
    )
    assert [text for level, text in _messages(response) if level == "error"] == [
        _admin("Choose a PO file to upload.")
    ]
    assert StringTranslation.objects.count() == before


def test_po_errors_follow_the_translators_admin_language(translator_client, translator, sv_translation):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "sv"
    profile.save()
    response = _upload(translator_client, sv_translation, b"%PDF-1.4\n\xe2\xe3")
    errors = [text for level, text in _messages(response) if level == "error"]
    with django_translation.override("sv"):
        expected = django_translation.gettext("This is not a PO file: it is not UTF-8 text.")
    assert errors == [expected]


def test_uploaded_file_name_is_never_read_as_a_path(translator_client, sv_translation):
    """polib treats a string as a path; the view parses its own temporary copy."""
    before = StringTranslation.objects.count()
    response = _upload(translator_client, sv_translation, b"/etc/passwd")
    prefix = _admin(BROKEN).split("%(detail)s")[0]
    assert any(text.startswith(prefix) for level, text in _messages(response) if level == "error")
    assert StringTranslation.objects.count() == before


def test_snippet_po_round_trip(translator_client, translated_home, translate):
    from board.factories import SeatFactory

    seat = SeatFactory.create(name="Kulttuuri ja taide")
    swedish = translate(seat, "sv", {})
    translation = Translation.objects.get(
        source__object_id=seat.translation_key, target_locale__language_code="sv"
    )
    po = _download(translator_client, translation)
    for entry in po:
        if entry.msgid == "Kulttuuri ja taide":
            entry.msgstr = "Kultur och konst"
    edit_url = reverse(f"{type(seat).snippet_viewset.url_namespace}:edit", args=[swedish.pk])
    response = _upload(translator_client, translation, str(po).encode(), next_url=edit_url)
    assert ("success", _admin(*IMPORTED_ONE)) in _messages(response)
    translator_client.post(edit_url, {"action": "publish"})
    swedish.refresh_from_db()
    assert swedish.name == "Kultur och konst"
