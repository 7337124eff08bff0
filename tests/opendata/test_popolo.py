"""Popolo: the same people, organisations, posts (seats) and memberships, valid against the
official Popolo schemas, with contact details only with consent."""

from __future__ import annotations

from board.models import Membership, Organisation, Person, Seat
from tests.opendata.conftest import POPOLO


def test_every_popolo_object_is_valid_and_counts_match_the_database(api, opendata, schemas):
    data = api.json(POPOLO)
    assert set(data) == {"persons", "organizations", "posts", "memberships"}
    for collection, schema in (
        ("persons", "person"),
        ("organizations", "organization"),
        ("posts", "post"),
        ("memberships", "membership"),
    ):
        for obj in data[collection]:
            schemas.validate_popolo(schema, obj)
    assert {p["id"] for p in data["persons"]} == {
        f"person-{pk}" for pk in Person.objects.public().values_list("pk", flat=True)
    }
    assert len(data["memberships"]) == Membership.objects.count()
    assert len(data["posts"]) == Seat.objects.filter(locale__language_code="fi").count()
    represented = Organisation.objects.filter(locale__language_code="fi").count()
    assert len(data["organizations"]) == 1 + 3 + represented
    # Every reference resolves inside the document.
    ids = {c: {o["id"] for o in data[c]} for c in data}
    for m in data["memberships"]:
        assert m["person_id"] in ids["persons"] and m["organization_id"] in ids["organizations"]
        assert m.get("post_id") is None or m["post_id"] in ids["posts"]
        assert m.get("on_behalf_of_id") is None or m["on_behalf_of_id"] in ids["organizations"]
    for post in data["posts"]:
        assert post["organization_id"] in ids["organizations"]


def test_popolo_contact_details_only_with_consent_and_swedish_names(api, opendata):
    data = api.json(POPOLO)
    people = {p["family_name"]: p for p in data["persons"]}
    assert people["Meikäläinen"]["email"] == opendata["consenting"].email
    assert {"type": "voice", "value": opendata["consenting"].phone} in people["Meikäläinen"][
        "contact_details"
    ]
    for name in ("Mallikas", "Entinen"):
        assert "email" not in people[name] and "contact_details" not in people[name]
    posts = {p["label"]: p for p in data["posts"]}
    assert posts["Kulttuuri ja vapaa-aika"]["other_label"] == ["Kultur och fritid"]
    organisations = {o["name"]: o for o in data["organizations"]}
    assert organisations["Kulttuurin ja vapaa-ajan toimiala"]["other_names"] == [
        {"name": "Kultur- och fritidssektorn", "note": "sv"}
    ]
    chair = next(m for m in data["memberships"] if m["person_id"] == f"person-{opendata['consenting'].pk}")
    assert chair["on_behalf_of_id"] == f"organization-{opendata['organisation'].pk}"
    assert chair["post_id"] == f"seat-{opendata['seat'].pk}"
