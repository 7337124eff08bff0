"""The board's endpoints: complete, public, read-only, in every language, flat query counts."""

from __future__ import annotations

import pytest
from django.test import override_settings

from board.models import Meeting
from documents.factories import DocumentFactory
from tests.api.conftest import make_meetings


def test_terms_list_and_detail(api, board):
    data = api.json("/api/v3/terms/")
    assert [t["id"] for t in data["items"]] == [board["current"].pk, board["previous"].pk]
    assert data["items"][0]["is_current"] is True
    assert api.json(f"/api/v3/terms/{board['previous'].pk}/")["is_current"] is False
    api.json("/api/v3/terms/999999/", expect=404)


def test_seats_have_current_member_and_deputy_with_translated_names(api, board):
    data = api.json("/api/v3/seats/", locale="sv")
    seat = next(s for s in data["items"] if s["member"])
    assert seat["name"] == "Kultur och fritid"
    assert seat["fallback"] is False
    assert seat["member"]["person"]["last_name"] == "Meikäläinen"
    assert seat["member"]["role"]["kind"] == "chair"
    assert seat["deputy"]["person"]["last_name"] == "Mallikas"
    assert [t["locale"] for t in seat["translations"]] == ["fi"]
    finnish = api.json("/api/v3/seats/", locale="fi")["items"]
    assert any(s["name"] == "Kulttuuri ja vapaa-aika" for s in finnish)
    untranslated = next(s for s in data["items"] if s["name"] == "Liikunta")
    assert untranslated["fallback"] is True
    assert api.json("/api/v3/seats/", group="agencies")["count"] == 1
    api.json("/api/v3/seats/", expect=404, term=999999)


def test_contact_details_only_with_consent_and_while_serving(api, board):
    people = {p["last_name"]: p for p in api.json("/api/v3/people/", limit=100)["items"]}
    consenting, shy, former = board["consenting"], board["shy"], board["former"]
    assert people["Meikäläinen"]["email"] == consenting.email
    assert people["Meikäläinen"]["phone"] == consenting.phone
    assert people["Mallikas"]["email"] is None and people["Mallikas"]["phone"] is None
    assert people["Entinen"]["email"] is None, "a person whose memberships ended shows no contact details"
    everything = api.get("/api/v3/people/", {"limit": 100}).content.decode()
    everything += api.get("/api/v3/seats/").content.decode()
    everything += api.get(f"/api/v3/people/{shy.pk}/").content.decode()
    for hidden in (shy.email, shy.phone, former.email, former.phone):
        assert hidden not in everything


def test_people_with_their_memberships(api, board):
    data = api.json(f"/api/v3/people/{board['shy'].pk}/", locale="fi")
    (membership,) = data["memberships"]
    assert membership["role"]["kind"] == "deputy"
    assert membership["seat"]["name"] == "Kulttuuri ja vapaa-aika"
    assert membership["is_current"] is True
    assert membership["deputy_of"] is not None
    current = api.json("/api/v3/people/", current="true")
    assert {p["last_name"] for p in current["items"]} == {"Meikäläinen", "Mallikas"}
    past = api.json("/api/v3/people/", term=board["previous"].pk)
    assert [p["last_name"] for p in past["items"]] == ["Entinen"]


def test_meetings_with_documents_translations_and_fallback(api, board):
    data = api.json("/api/v3/meetings/", locale="sv")
    by_number = {m["number"]: m for m in data["items"]}
    assert set(by_number) == {1, 2}, "the draft meeting is not listed"
    held = by_number[1]
    assert held["title"] == "Vårens möte" and held["fallback"] is False
    assert held["meta"]["locale"] == "sv"
    assert held["agenda"]["url"].startswith("http") and held["agenda"]["kind"] == "agenda"
    assert held["minutes"]["title"] == "Pöytäkirja 1/2025"
    assert held["attachments"][0]["document"]["url"].startswith("http")
    assert held["attachments"][0]["text"] == "Liite"
    assert held["reference"] == f"1/{held['year']}"
    assert [t["locale"] for t in held["translations"]] == ["fi"]
    assert held["meta"]["html_url"].endswith(f"/kokousmuistiot/{held['year']}/1/")
    planned = by_number[2]
    assert planned["fallback"] is True and planned["title"] == "Syksyn kokous"


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({"status": "minutes_approved"}, {1}),
        ({"status": "planned"}, {2}),
        ({"from": "{year}-06-01"}, {2}),
        ({"to": "{year}-06-01"}, {1}),
        ({"from": "{year}-03-10", "to": "{year}-03-10"}, {1}),
        ({"year": "{year}"}, {1, 2}),
        ({"year": "1999"}, set()),
    ],
)
def test_meeting_filters(api, board, params, numbers):
    year = board["held"].year
    params = {k: v.format(year=year) for k, v in params.items()}
    data = api.json("/api/v3/meetings/", **params)
    assert {m["number"] for m in data["items"]} == numbers
    assert data["count"] == len(numbers)


def test_meeting_date_filters_take_iso_dates_only(api, board):
    assert api.json("/api/v3/meetings/", **{"from": "2025-02-01", "to": "2025-01-01"})["count"] == 0
    for bad in ("1735689600", "1.5", "2025-1-1", "1.1.2025", "2025-02-30"):
        problem = api.json("/api/v3/meetings/", expect=400, **{"from": bad})
        assert problem["errors"][0]["loc"] == ["query", "from"], problem


def test_draft_meeting_and_its_documents_are_private(api, board):
    draft = board["draft"]
    api.json(f"/api/v3/meetings/{draft.pk}/", expect=404)
    listed = api.get("/api/v3/documents/", {"limit": 100}).content.decode()
    assert "Luonnoksen esityslista" not in listed
    api.json(f"/api/v3/documents/{board['draft_agenda'].pk}/", expect=404)
    # Once published, the meeting and its agenda are public.
    draft.save_revision().publish()
    api.json(f"/api/v3/meetings/{draft.pk}/")
    api.json(f"/api/v3/documents/{board['draft_agenda'].pk}/")


def test_meeting_detail_by_any_language_version(api, board):
    held = board["held"]
    swedish = held.get_translation(board["sv"])
    data = api.json(f"/api/v3/meetings/{swedish.pk}/", locale="fi")
    assert data["id"] == held.pk and data["title"] == "Kevään kokous"


def test_events(api, board):
    data = api.json("/api/v3/events/", locale="sv")
    (event,) = data["items"]
    assert event["title"] == "Infotilaisuus" and event["fallback"] is True
    assert event["meta"]["html_url"].endswith("/toimintakalenteri/")
    assert api.json("/api/v3/events/", upcoming="false")["count"] == 0
    assert api.json(f"/api/v3/events/{board['event'].pk}/")["id"] == board["event"].pk


def test_documents_with_filters(api, board, private_pdf):
    data = api.json("/api/v3/documents/", limit=100)
    titles = {d["title"] for d in data["items"]}
    assert {"Esityslista 1/2025", "Pöytäkirja 1/2025"} <= titles
    assert "Sisäinen muistio" not in titles
    agendas = api.json("/api/v3/documents/", kind="agenda")["items"]
    assert {d["title"] for d in agendas} == {"Esityslista 1/2025"}
    assert all(d["url"].startswith("http://") for d in data["items"])
    assert api.json("/api/v3/documents/", language="sv")["count"] == 0
    assert api.json("/api/v3/documents/", year="1990")["count"] == 0
    api.json(f"/api/v3/documents/{private_pdf.pk}/", expect=404)


def test_search_over_pages_meetings_and_document_text(api, board, standard_page):
    data = api.json("/api/v3/search/", q="Saavutettavuusseloste")
    assert [(i["type"], i["id"]) for i in data["items"]] == [("page", standard_page.pk)]
    meetings = api.json("/api/v3/search/", q="Kevään", type="meeting")
    assert [i["id"] for i in meetings["items"]] == [board["held"].pk]
    assert meetings["items"][0]["detail_url"].endswith(f"/api/v3/meetings/{board['held'].pk}/")
    assert api.json("/api/v3/search/", q="Luonnoskokous")["count"] == 0


def test_search_never_returns_private_documents(api, board, private_pdf):
    private_pdf.extracted_text = "salaisuus"
    private_pdf.save()
    data = api.json("/api/v3/search/", q="salaisuus", type="document")
    assert private_pdf.pk not in [i["id"] for i in data["items"]]


def _queries(django_assert_max_num_queries, api, url, bound, **params):
    """Queries of one uncached request (the whole-response cache would answer with none)."""
    with override_settings(HTTP_CACHE_ENABLED=False):
        api.get(url, params)  # warm per-process caches (site root paths, content types, locales)
        with django_assert_max_num_queries(bound):
            response = api.get(url, params)
    assert response.status_code == 200, response.content[:500]
    assert "X-App-Cache" not in response
    return response.json()


@pytest.mark.parametrize("size", [10, 100])
def test_meeting_list_query_count_does_not_grow_with_page_size(
    api, translated_home, django_assert_max_num_queries, size
):
    make_meetings(size)
    data = _queries(django_assert_max_num_queries, api, "/api/v3/meetings/", 6, limit=size, locale="sv")
    assert len(data["items"]) == size
    assert all(m["agenda"] and m["attachments"][0]["document"] for m in data["items"])
    assert Meeting.objects.count() == size


@pytest.mark.parametrize("size", [10, 100])
def test_event_and_document_list_query_counts_are_flat(
    api, translated_home, django_assert_max_num_queries, size
):
    from board import factories as bf

    for i in range(size):
        bf.EventFactory(
            title=f"Tapahtuma {i}", document=DocumentFactory(title=f"Liite {i}", kind="other", read=False)
        )
    events = _queries(django_assert_max_num_queries, api, "/api/v3/events/", 6, limit=size, locale="sv")
    assert len(events["items"]) == size
    documents = _queries(django_assert_max_num_queries, api, "/api/v3/documents/", 6, limit=size, locale="sv")
    assert len(documents["items"]) == size


@pytest.mark.parametrize("size", [10, 100])
def test_people_list_query_count_is_flat(api, board, django_assert_max_num_queries, size):
    from board import factories as bf

    for _ in range(size):
        bf.MembershipFactory(term=board["current"])
    data = _queries(django_assert_max_num_queries, api, "/api/v3/people/", 8, limit=size, locale="sv")
    assert len(data["items"]) == size
    assert all(p["memberships"] for p in data["items"])


@pytest.mark.parametrize("size", [10, 100])
def test_page_list_query_count_is_flat(api, standard_page, django_assert_max_num_queries, size):
    from home.models import StandardPage

    parent = standard_page.get_parent()
    for i in range(size):
        page = StandardPage(title=f"Sivu {i}", slug=f"sivu-{i}", body=standard_page.body.raw_data)
        parent.add_child(instance=page)
    data = _queries(django_assert_max_num_queries, api, "/api/v3/pages/", 10, limit=size, locale="sv")
    assert len(data["items"]) == size
    assert all(item["body"] for item in data["items"] if item["meta"]["type"] == "home.StandardPage")


def test_detail_endpoints_stay_within_ten_queries(api, board, standard_page, django_assert_max_num_queries):
    for url in (
        f"/api/v3/pages/{standard_page.pk}/",
        f"/api/v3/meetings/{board['held'].pk}/",
        f"/api/v3/events/{board['event'].pk}/",
        f"/api/v3/people/{board['consenting'].pk}/",
        f"/api/v3/documents/{board['agenda'].pk}/",
        f"/api/v3/terms/{board['current'].pk}/",
    ):
        _queries(django_assert_max_num_queries, api, url, 10, locale="sv")
    _queries(django_assert_max_num_queries, api, "/api/v3/resolve/", 10, path="/fi/saavutettavuus/")
    _queries(django_assert_max_num_queries, api, "/api/v3/seats/", 10, locale="sv")


def test_snippet_internals_are_not_exposed(api, board):
    text = api.get("/api/v3/meetings/", {"limit": 100}).content.decode()
    text += api.get("/api/v3/events/").content.decode()
    text += api.get(f"/api/v3/meetings/{board['held'].pk}/").content.decode()
    for internal in (
        "latest_revision",
        "live_revision",
        "locked_by",
        "locked_at",
        "owner",
        "has_unpublished_changes",
    ):
        assert f'"{internal}"' not in text


@pytest.mark.parametrize("size", [10, 100])
def test_search_query_count_is_flat(api, translated_home, django_assert_max_num_queries, size):
    make_meetings(size)
    data = _queries(django_assert_max_num_queries, api, "/api/v3/search/", 8, q="Kokous", limit=50)
    assert data["count"] == size
