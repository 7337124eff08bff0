"""Facts no translator may change (SynchronizedField(overridable=False)) follow the Finnish
original into its translations as soon as the original is published: their rows, their edit
views and their next publish, without touching what translators wrote."""

import datetime
import json

import pytest
from django.db.models.signals import post_save
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.fields import StreamField
from wagtail.models import Locale, ModelLogEntry, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from board import factories as f
from board.management.commands.create_staff_user import create_staff_user
from board.models import CalendarPage, Event, Meeting, MeetingStatus, Seat, SeatGroup
from documents.factories import DocumentFactory
from translations.synchronised import LOG_ACTION, locked_fields

PASSWORD = "kevät-aurinko-2027"


@pytest.fixture
def editor(db, home_page):
    """A member of the communications group, made as the README says."""
    return create_staff_user("communications", "viestija", "viestija@example.org", PASSWORD, language="fi")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def meeting(translated_home, translate):
    """A published Finnish meeting with Swedish and English translations."""
    original = f.MeetingFactory(
        title="Kevätkokous",
        number=3,
        start=datetime.datetime(2026, 3, 4, 14, tzinfo=datetime.UTC),
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda=DocumentFactory(title="Esityslista", read=False),
        summary="Käsiteltiin talousarvio.",
    )
    original.save_revision().publish()
    translate(original, "sv", {"Kevätkokous": "Vårmöte", "Käsiteltiin talousarvio.": "Budgeten behandlades."})
    translate(original, "en", {"Kevätkokous": "Spring meeting"})
    return Meeting.objects.get(pk=original.pk)


def copy(original, code: str):
    return type(original).objects.get(translation_key=original.translation_key, locale__language_code=code)


def form_data(response) -> dict:
    """The edit form's fields as the browser would submit them."""
    doc = lxml_html.fromstring(response.content.decode())
    form = doc.xpath("//form[.//button[@name='action-publish']]")[0]
    data = {}
    for node in form.xpath(".//input[@name]"):
        if node.get("type") in ("checkbox", "radio") and node.get("checked") is None:
            continue
        if node.get("type") in ("submit", "file"):
            continue
        data[node.get("name")] = node.get("value", "")
    for node in form.xpath(".//textarea[@name]"):
        data[node.get("name")] = node.text or ""
    for node in form.xpath(".//select[@name]"):
        chosen = node.xpath(".//option[@selected]/@value") or node.xpath(".//option/@value")[:1]
        data[node.get("name")] = chosen[0] if chosen else ""
    return data


def publish_in_admin(client, obj, **changes) -> None:
    """Open the Finnish original's edit view, change fields and press Publish, as an editor does."""
    url = reverse(f"{obj.snippet_viewset.url_namespace}:edit", args=[obj.pk])
    data = form_data(client.get(url))
    # Wagtail's JavaScript writes a StreamField's inputs; these objects have no blocks.
    for field in type(obj)._meta.concrete_fields:
        if isinstance(field, StreamField):
            assert not getattr(obj, field.name), field.name
            data.setdefault(f"{field.name}-count", "0")
    data.update({name: str(value) for name, value in changes.items()})
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def edit_view(client, obj):
    response = client.get(reverse(f"{obj.snippet_viewset.url_namespace}:edit", args=[obj.pk]))
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def localize_editor_title(client, obj) -> str:
    """The title wagtail-localize's editor shows for a translation (str() of its latest version)."""
    node = edit_view(client, obj).xpath('//*[contains(@class,"js-translation-editor")]')[0]
    return json.loads(node.get("data-props"))["object"]["title"]


def stop_translation(obj) -> None:
    """The translator chose "Stop synced translation": the ordinary edit form from now on."""
    Translation.objects.filter(source__object_id=obj.translation_key, target_locale=obj.locale).update(
        enabled=False
    )


def selected(doc, name: str) -> str:
    return doc.xpath(f"//select[@name='{name}']//option[@selected]/@value")[0]


def test_the_locked_fields_are_the_ones_the_models_declare():
    assert [field.name for field in locked_fields(Meeting)] == [
        "number",
        "start",
        "status",
        "agenda",
        "minutes",
    ]
    assert [field.name for field in locked_fields(Event)] == ["start", "end", "document"]
    assert [field.name for field in locked_fields(CalendarPage)] == ["calendar_document"]
    assert [field.name for field in locked_fields(Seat)] == ["group", "number"]


def test_publishing_the_finnish_meeting_updates_every_translation_and_its_edit_view(
    meeting, editor, editor_client
):
    stop_translation(copy(meeting, "en"))  # one copy edited in the ordinary form
    minutes = DocumentFactory(title="Pöytäkirja", read=False)
    publish_in_admin(
        editor_client, meeting, number=4, status=MeetingStatus.MINUTES_APPROVED, minutes=minutes.pk
    )

    meeting.refresh_from_db()
    assert (meeting.number, meeting.status, meeting.minutes_id) == (
        4,
        MeetingStatus.MINUTES_APPROVED,
        minutes.pk,
    )
    for code, title in (("sv", "Vårmöte"), ("en", "Spring meeting")):
        row = copy(meeting, code)
        latest = row.get_latest_revision_as_object()
        for version in (row, latest):
            assert (version.number, version.status, version.minutes_id, version.agenda_id) == (
                4,
                MeetingStatus.MINUTES_APPROVED,
                minutes.pk,
                meeting.agenda_id,
            ), code
            assert version.title == title  # the translation itself is untouched
        assert row.live and not row.has_unpublished_changes, code
        assert row.live_revision_id == row.latest_revision_id, code
        assert ModelLogEntry.objects.filter(object_id=str(row.pk), action=LOG_ACTION).count() == 1

    # The copy's history says why it changed, and who published the change, in Finnish.
    history = editor_client.get(
        reverse("wagtailsnippets_board_meeting:history", args=[copy(meeting, "sv").pk])
    ).content.decode()
    assert "Synkronoitu suomenkielisen alkuperäisen kanssa" in history
    assert ModelLogEntry.objects.get(object_id=str(copy(meeting, "sv").pk), action=LOG_ACTION).user == editor
    # wagtail-localize's editor of the Swedish copy names it by its new number.
    assert localize_editor_title(editor_client, copy(meeting, "sv")) == "4/2026 Vårmöte"
    # The English copy's ordinary edit form shows the new status and minutes.
    form = edit_view(editor_client, copy(meeting, "en"))
    assert selected(form, "status") == MeetingStatus.MINUTES_APPROVED
    assert form.xpath("//input[@name='minutes']/@value") == [str(minutes.pk)]
    assert form.xpath("//input[@name='title']/@value") == ["Spring meeting"]


def test_a_translators_unpublished_work_is_kept(
    meeting, editor_client, translator, django_capture_on_commit_callbacks
):
    sv = copy(meeting, "sv")
    # Work in wagtail-localize's editor: a string translated, not yet published.
    translation = Translation.objects.get(source__object_id=meeting.translation_key, target_locale=sv.locale)
    segment = translation.source.stringsegment_set.get(context__path="place")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=sv.locale,
        context=segment.context,
        data="Stadshuset",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    strings_before = set(StringTranslation.objects.values_list("pk", "data"))
    synced_at = translation.source.last_updated_at
    # And a draft saved in the ordinary form of the English copy.
    en = copy(meeting, "en")
    stop_translation(en)
    draft = en.get_latest_revision_as_object()
    draft.summary = "Draft summary in English."
    draft.save_revision(user=translator)

    publish_in_admin(editor_client, meeting, status=MeetingStatus.HELD)

    assert set(StringTranslation.objects.values_list("pk", "data")) == strings_before
    en = copy(meeting, "en")
    latest = en.get_latest_revision_as_object()
    assert (latest.summary, latest.status) == ("Draft summary in English.", MeetingStatus.HELD)
    # The draft stays a draft: the live row has the new status and the old summary.
    assert en.has_unpublished_changes and en.live_revision_id != en.latest_revision_id
    assert (en.status, en.summary) == (MeetingStatus.HELD, "Käsiteltiin talousarvio.")
    form = edit_view(editor_client, en)
    assert [t.strip() for t in form.xpath("//textarea[@name='summary']/text()")] == [
        "Draft summary in English."
    ]
    assert selected(form, "status") == MeetingStatus.HELD

    # The source wagtail-localize previews and publishes from carries the new facts; it was
    # not synced (the original's new text waits for a translator's sync).
    source = TranslationSource.objects.get(pk=translation.source_id)
    assert source.as_instance().status == MeetingStatus.HELD
    assert source.last_updated_at == synced_at
    # When the translator publishes the Swedish translation later, wagtail-localize copies
    # the facts from its stored source: they are the new ones, and the new string is used.
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(pk=translation.pk).save_target(user=translator, publish=True)
    sv = copy(meeting, "sv")
    assert (sv.status, sv.place, sv.title) == (MeetingStatus.HELD, "Stadshuset", "Vårmöte")


def test_publishing_again_without_a_change_writes_nothing_to_the_translations(meeting, editor_client):
    publish_in_admin(editor_client, meeting, status=MeetingStatus.HELD)
    copies = [copy(meeting, "sv"), copy(meeting, "en")]
    revisions = Revision.objects.filter(object_id__in=[str(c.pk) for c in copies]).count()
    saved = []

    def record(sender, instance, **kwargs):
        if isinstance(instance, Meeting) and instance.locale.language_code != "fi":
            saved.append(instance.pk)

    post_save.connect(record)
    try:
        publish_in_admin(editor_client, meeting)  # nothing changed
        meeting.refresh_from_db()
        meeting.summary = "Korjattu tiivistelmä."  # only translatable text changed
        meeting.save_revision().publish()
    finally:
        post_save.disconnect(record)
    assert saved == []
    assert Revision.objects.filter(object_id__in=[str(c.pk) for c in copies]).count() == revisions
    for before in copies:
        after = copy(meeting, before.locale.language_code)
        assert after.latest_revision_id == before.latest_revision_id
        assert after.summary == before.summary  # translatable text waits for a translator


def test_an_events_start_and_end_follow_the_original(translated_home, translate, editor_client):
    event = f.EventFactory(
        title="Infotilaisuus",
        start=datetime.datetime(2026, 5, 4, 15, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 5, 4, 17, tzinfo=datetime.UTC),
    )
    event.save_revision().publish()
    translate(event, "sv", {"Infotilaisuus": "Infotillfälle"})
    start = datetime.datetime(2026, 5, 6, 12, tzinfo=datetime.UTC)
    end = datetime.datetime(2026, 5, 6, 13, 30, tzinfo=datetime.UTC)
    event.start, event.end = start, end
    event.save_revision().publish()

    sv = copy(event, "sv")
    for version in (sv, sv.get_latest_revision_as_object()):
        assert (version.start, version.end, version.title) == (start, end, "Infotillfälle")
    assert not sv.has_unpublished_changes


def test_a_pages_locked_field_follows_the_original(translated_home, translate):
    page = f.CalendarPageFactory(parent=translated_home["fi"])
    page.save_revision().publish()
    translate(page, "sv", {page.title: "Verksamhetskalender", page.slug: "verksamhetskalender"})
    document = DocumentFactory(title="Kalenteri 2026", read=False)
    page = CalendarPage.objects.get(pk=page.pk)
    page.calendar_document = document
    page.save_revision().publish()

    sv = copy(page, "sv")
    assert sv.calendar_document_id == document.pk
    assert sv.get_latest_revision_as_object().calendar_document_id == document.pk
    assert sv.title == "Verksamhetskalender" and not sv.has_unpublished_changes


def test_a_seats_group_and_number_follow_the_original_on_save(translated_home, translate):
    seat = f.SeatFactory(group=SeatGroup.AGENCIES, number=1, name="Kulttuurin ja vapaa-ajan toimiala")
    translate(seat, "sv", {seat.name: "Kultur- och fritidssektorn"})
    seat.number = 5
    seat.save()
    sv = copy(seat, "sv")
    assert (sv.group, sv.number, sv.name) == (SeatGroup.AGENCIES, 5, "Kultur- och fritidssektorn")
    assert sv.locale == Locale.objects.get(language_code="sv")
    assert ModelLogEntry.objects.filter(object_id=str(sv.pk), action=LOG_ACTION).count() == 1


def test_an_older_revision_of_a_translation_going_live_keeps_the_originals_facts(meeting, editor_client):
    sv = copy(meeting, "sv")
    older = sv.live_revision  # e.g. scheduled before the original changed
    publish_in_admin(editor_client, meeting, status=MeetingStatus.HELD)
    older.publish()
    sv = copy(meeting, "sv")
    assert sv.status == MeetingStatus.HELD
    assert sv.get_latest_revision_as_object().status == MeetingStatus.HELD
