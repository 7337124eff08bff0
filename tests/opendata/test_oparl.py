"""OParl 1.1: every object valid against the official schemas, the whole graph reachable from
the System object, counts matching the database, lists paginated and filtered as specified."""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from board.models import Meeting, MeetingStatus, Membership, OpenDataStamp, Organisation, Person, Term
from board.opendata.common import in_language
from tests.opendata.conftest import ENTRY

TYPE = "https://schema.oparl.org/1.1/"


def _path(url: str) -> str:
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "testserver", url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(api, schemas) -> dict[str, dict[str, dict]]:
    """Walk every URL from the System object; return the objects found by type and id."""
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    queue = deque([(f"http://testserver{ENTRY}", "System", "(entry)")])
    visited: set[str] = set()
    while queue:
        address, promised, via = queue.popleft()
        if (address, promised) in visited:
            continue
        visited.add((address, promised))
        response = api.get(_path(address))
        assert response.status_code == 200, (address, via, response.status_code, response.content[:300])
        if promised == "web":
            assert response["Content-Type"].startswith("text/html"), (address, via)
            continue
        if promised == "download":
            assert response["Content-Type"] == "application/pdf", (address, via)
            continue
        assert response["Content-Type"].startswith("application/json"), address
        data = response.json()
        refs = []
        if promised.startswith("list:"):
            kind = promised.removeprefix("list:")
            assert set(data) == {"data", "pagination", "links"}, address
            pagination = data["pagination"]
            assert pagination["elementsPerPage"] >= len(data["data"])
            for obj in data["data"]:
                refs += schemas.validate_oparl(obj, kind)
                refs.append(("(list item)", obj["id"], kind))
            for name, link in data["links"].items():
                refs.append((f"links.{name}", link, promised))
        else:
            refs += schemas.validate_oparl(data, promised)
            assert data["id"] == address, (data["id"], address)
            found[promised][data["id"]] = data
        for key, url, target in refs:
            queue.append((url, target, f"{address} {key}"))
    return found


def test_crawler_finds_every_object_valid_and_as_many_as_the_database_has(api, opendata, schemas):
    found = crawl(api, schemas)
    ids = {
        kind: {int(url.rstrip("/").rsplit("/", 1)[1]) for url in objs}
        for kind, objs in found.items()
        if kind in ("Meeting", "Person", "Membership", "LegislativeTerm", "File")
    }
    assert len(found["System"]) == 1 and len(found["Body"]) == 1
    live_meetings = Meeting.objects.filter(live=True, locale__language_code="fi")
    assert ids["Meeting"] == set(live_meetings.values_list("pk", flat=True))
    assert opendata["draft"].pk not in ids["Meeting"]
    assert ids["Person"] == set(Person.objects.public().values_list("pk", flat=True))
    assert ids["Membership"] == set(Membership.objects.values_list("pk", flat=True))
    assert ids["LegislativeTerm"] == set(Term.objects.values_list("pk", flat=True))
    # Public files: the attachment, agenda (both languages) and minutes; not the draft's agenda
    # nor the file in a restricted collection.
    expected_files = {opendata[k].pk for k in ("agenda", "sv_agenda", "minutes")} | {
        opendata["held"].attachments[0].value["document"].pk
    }
    assert ids["File"] == expected_files
    organisations = Organisation.objects.filter(locale__language_code="fi").count()
    assert len(found["Organization"]) == 1 + 3 + organisations
    assert len(found["Location"]) == live_meetings.exclude(place="").count()
    # Every list's totalElements is the number of objects it lists.
    body = next(iter(found["Body"].values()))
    for key, kind in (
        ("meeting", "Meeting"),
        ("person", "Person"),
        ("membership", "Membership"),
        ("file", "File"),
        ("organization", "Organization"),
    ):
        total = api.json(_path(body[key]))["pagination"]["totalElements"]
        assert total == len(found[kind]), key


def test_meeting_carries_state_files_location_and_swedish_texts(api, opendata, schemas):
    held = opendata["held"]
    data = api.json(f"{ENTRY}meetings/{held.pk}/")
    schemas.validate_oparl(data, "Meeting")
    assert data["name"] == "Kevään kokous"
    assert data["helsinki:sv"]["name"] == "Vårens möte"
    assert data["meetingState"] == in_language("fi", MeetingStatus.MINUTES_APPROVED.label)
    assert data["helsinki:sv"]["meetingState"] == in_language("sv", MeetingStatus.MINUTES_APPROVED.label)
    assert data["meetingState"] != data["helsinki:sv"]["meetingState"]
    assert data["helsinki:status"] == "minutes_approved" and data["cancelled"] is False
    assert data["location"]["description"] == held.place
    assert data["invitation"]["id"].endswith(f"/files/{opendata['agenda'].pk}/")
    assert "Kokouksessa päätettiin." in data["resultsProtocol"]["text"]
    assert data["resultsProtocol"]["mimeType"] == "application/pdf"
    assert data["resultsProtocol"]["size"] == opendata["minutes"].file_size
    # The Swedish agenda is a file of its own, derived from the Finnish one.
    sv_url = f"http://testserver{ENTRY}files/{opendata['sv_agenda'].pk}/"
    assert data["invitation"]["derivativeFile"] == [sv_url]
    sv_file = api.json(_path(sv_url))
    assert sv_file["masterFile"] == data["invitation"]["id"]
    assert sv_file["name"] == "Föredragningslista 1/2025"
    assert sv_file.get("helsinki:language") == (opendata["sv_agenda"].language or None)
    assert data["auxiliaryFile"][0]["meeting"] == [data["id"]]


def test_membership_role_seat_group_represented_organisation_and_deputy(api, opendata, schemas):
    chair = Membership.objects.get(person=opendata["consenting"])
    deputy = Membership.objects.get(person=opendata["shy"])
    data = api.json(f"{ENTRY}memberships/{chair.pk}/")
    schemas.validate_oparl(data, "Membership")
    assert data["organization"].endswith("/organizations/group/agencies/")
    assert data["onBehalfOf"].endswith(f"/organizations/{opendata['organisation'].pk}/")
    assert data["votingRight"] is True and data["startDate"] == chair.start_date.isoformat()
    assert data["helsinki:deputies"] == [f"http://testserver{ENTRY}memberships/{deputy.pk}/"]
    deputy_data = api.json(f"{ENTRY}memberships/{deputy.pk}/")
    assert deputy_data["votingRight"] is False and deputy_data["helsinki:deputyOf"] == data["id"]
    organisation = api.json(_path(data["onBehalfOf"]))
    assert organisation["helsinki:sv"]["name"] == "Kultur- och fritidssektorn"
    group = api.json(_path(data["organization"]))
    assert group["post"] == ["Kulttuuri ja vapaa-aika"]
    assert group["helsinki:sv"]["post"] == ["Kultur och fritid"]


def test_contact_details_only_with_consent_while_serving(api, opendata):
    people = {p["familyName"]: p for p in api.json(f"{ENTRY}people/", limit=100)["data"]}
    assert people["Meikäläinen"]["email"] == [opendata["consenting"].email]
    assert people["Meikäläinen"]["phone"] == [opendata["consenting"].phone]
    assert "email" not in people["Mallikas"] and "phone" not in people["Mallikas"]  # no consent
    assert "email" not in people["Entinen"] and "phone" not in people["Entinen"]  # consented, left
    body = api.get(f"{ENTRY}people/").content.decode()
    assert opendata["shy"].email not in body and opendata["former"].email not in body


def test_drafts_and_restricted_files_never(api, opendata, private_pdf):
    api.json(f"{ENTRY}meetings/{opendata['draft'].pk}/", expect=404)
    api.json(f"{ENTRY}files/{opendata['draft_agenda'].pk}/", expect=404)
    api.json(f"{ENTRY}files/{private_pdf.pk}/", expect=404)
    listed = (
        api.get(f"{ENTRY}meetings/").content.decode() + api.get(f"{ENTRY}files/?limit=100").content.decode()
    )
    assert "Luonnoskokous" not in listed and "Salainen luonnos" not in listed and "Ei julkinen" not in listed
    # Not even as a tombstone: a draft never published has no stamp.
    assert not OpenDataStamp.objects.filter(kind="meeting", object_id=opendata["draft"].pk).exists()
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    changes = api.json(f"{ENTRY}meetings/", modified_since=since)["data"]
    assert all(not m.get("deleted") for m in changes)
    opendata["draft"].save_revision().publish()
    api.json(f"{ENTRY}meetings/{opendata['draft'].pk}/")


def test_lists_paginate_with_links_that_keep_the_filters(api, opendata, schemas):
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    first = api.json(f"{ENTRY}people/", limit=1, modified_since=since)
    assert first["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 1,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert "prev" not in first["links"]
    names, page = [], first
    while True:
        names += [p["name"] for p in page["data"]]
        if "next" not in page["links"]:
            break
        query = parse_qs(urlsplit(page["links"]["next"]).query)
        assert query["limit"] == ["1"] and query["modified_since"] == [
            datetime.datetime.fromisoformat(since).isoformat()
        ]
        page = api.json(_path(page["links"]["next"]))
    assert len(names) == len(set(names)) == 3
    assert page["pagination"]["currentPage"] == 3
    assert parse_qs(urlsplit(page["links"]["last"]).query)["page"] == ["3"]
    assert parse_qs(urlsplit(page["links"]["prev"]).query)["page"] == ["2"]
    assert api.json(f"{ENTRY}people/", page=9)["data"] == []


def test_created_and_modified_since_and_deleted_objects(api, opendata, schemas):
    OpenDataStamp.objects.update(
        created=timezone.now() - datetime.timedelta(days=10),
        modified=timezone.now() - datetime.timedelta(days=10),
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert api.json(f"{ENTRY}meetings/", modified_since=since)["data"] == []
    assert api.json(f"{ENTRY}people/", created_since=since)["data"] == []

    held, planned = opendata["held"], opendata["planned"]
    held.title = "Kevään kokous (muutettu)"
    held.save_revision().publish()
    planned.unpublish()
    leaving = Membership.objects.get(person=opendata["former"])
    leaving_pk = leaving.pk
    leaving.delete()  # the former member's only membership: the person is no longer public

    changes = api.json(f"{ENTRY}meetings/", modified_since=since)["data"]
    for obj in changes:
        schemas.validate_oparl(obj, "Meeting")
    assert [m["name"] for m in changes if not m.get("deleted")] == ["Kevään kokous (muutettu)"]
    assert [m["id"] for m in changes if m.get("deleted")] == [
        f"http://testserver{ENTRY}meetings/{planned.pk}/"
    ]
    # Without modified_since a list shows what is there, no tombstones.
    assert all(not m.get("deleted") for m in api.json(f"{ENTRY}meetings/")["data"])

    memberships = api.json(f"{ENTRY}memberships/", modified_since=since)["data"]
    assert [m["id"] for m in memberships if m.get("deleted")] == [
        f"http://testserver{ENTRY}memberships/{leaving_pk}/"
    ]
    people = api.json(f"{ENTRY}people/", modified_since=since)["data"]
    assert [p["id"] for p in people if p.get("deleted")] == [
        f"http://testserver{ENTRY}people/{opendata['former'].pk}/"
    ]
    # The object's own URL answers its tombstone.
    gone = api.json(f"{ENTRY}meetings/{planned.pk}/")
    schemas.validate_oparl(gone, "Meeting")
    assert gone["deleted"] is True
    # created_since: nothing new was created; modified_until before the changes: none of them.
    assert api.json(f"{ENTRY}meetings/", created_since=since)["data"] == []
    until = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    assert len(api.json(f"{ENTRY}memberships/", modified_until=until)["data"]) == 2


def test_bad_parameters_answer_400_with_a_problem_document(api, opendata):
    for url, params, name in (
        (f"{ENTRY}meetings/", {"limit": "0"}, "limit"),
        (f"{ENTRY}meetings/", {"limit": "101"}, "limit"),
        (f"{ENTRY}meetings/", {"limit": "abc"}, "limit"),
        (f"{ENTRY}people/", {"page": "-1"}, "page"),
        (f"{ENTRY}files/", {"modified_since": "yesterday"}, "modified_since"),
        (f"{ENTRY}memberships/", {"created_since": "2026-13-45T00:00:00"}, "created_since"),
        (f"{ENTRY}organizations/", {"colour": "red"}, "colour"),
        (f"{ENTRY}", {"limit": "5"}, "limit"),
        (f"{ENTRY}meetings/1/", {"x": "1"}, "x"),
    ):
        response = api.get(url, params)
        assert response.status_code == 400, (url, params, response.content)
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 400 and problem["title"] == "Bad Request"
        assert problem["errors"][0]["loc"] == ["query", name], problem
        assert problem["errors"][0]["msg"]
    # Translated like the API's: Finnish for a Finnish client.
    finnish = api.get(f"{ENTRY}meetings/", {"limit": "0"}, HTTP_ACCEPT_LANGUAGE="fi").json()
    english = api.get(f"{ENTRY}meetings/", {"limit": "0"}).json()
    assert finnish["detail"] and english["detail"] == "Invalid request parameters."
    response = api.get(f"{ENTRY}meetings/999999/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert api.post(f"{ENTRY}meetings/").status_code == 405


def test_a_draft_of_a_published_meeting_changes_nothing_until_published(api, opendata):
    OpenDataStamp.objects.update(modified=timezone.now() - datetime.timedelta(days=10))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    held = opendata["held"]
    held.title = "Luonnos otsikoksi"
    held.save_revision()
    assert api.json(f"{ENTRY}meetings/", modified_since=since)["data"] == []
    assert "Luonnos otsikoksi" not in api.get(f"{ENTRY}meetings/{held.pk}/").content.decode()
    held.get_latest_revision().publish()
    assert [m["name"] for m in api.json(f"{ENTRY}meetings/", modified_since=since)["data"]] == [
        "Luonnos otsikoksi"
    ]
