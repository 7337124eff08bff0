"""The admin's document listing and chooser filter by kind, language and year."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.factories import DocumentFactory


@pytest.fixture
def library(db):
    return {
        "agenda": DocumentFactory(
            title="Esityslista 1/2025", kind="agenda", document_date=datetime.date(2025, 2, 1)
        ),
        "minutes": DocumentFactory(
            title="Pöytäkirja 1/2026", kind="minutes", document_date=datetime.date(2026, 2, 1)
        ),
        "protokoll": DocumentFactory(
            title="Protokoll 1/2026", kind="minutes", language="sv", document_date=datetime.date(2026, 2, 1)
        ),
        "calendar": DocumentFactory(
            title="Toimintakalenteri", kind="calendar", document_date=datetime.date(2026, 1, 1)
        ),
    }


def listed(admin, params) -> list[str]:
    response = admin.get(reverse("wagtaildocs:index"), params)
    assert response.status_code == 200
    return sorted(d.title for d in response.context["object_list"])


def chosen(admin, params) -> str:
    response = admin.get(reverse("wagtaildocs_chooser:choose"), params)
    assert response.status_code == 200
    return response.json()["html"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "minutes"}, ["Protokoll 1/2026", "Pöytäkirja 1/2026"]),
        ({"language": "sv"}, ["Protokoll 1/2026"]),
        ({"year": "2025"}, ["Esityslista 1/2025"]),
        ({"kind": "minutes", "language": "fi", "year": "2026"}, ["Pöytäkirja 1/2026"]),
        ({}, ["Esityslista 1/2025", "Protokoll 1/2026", "Pöytäkirja 1/2026", "Toimintakalenteri"]),
    ],
)
def test_listing_filters(admin, library, params, expected):
    assert listed(admin, params) == expected


def test_listing_filters_combine_with_search(admin, library):
    assert listed(admin, {"q": "1/2026", "language": "sv"}) == ["Protokoll 1/2026"]


def test_listing_offers_the_years_that_exist(admin, library):
    response = admin.get(reverse("wagtaildocs:index"))

    year_field = response.context["filters"].form.fields["year"]
    assert [value for value, _ in year_field.choices if value] == ["2026", "2025"]


def test_listing_refuses_unknown_values_without_error(admin, library):
    response = admin.get(reverse("wagtaildocs:index"), {"kind": "nonsense", "year": "abc"})

    assert response.status_code == 200
    assert response.context["filters"].form.errors


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"kind": "calendar"}, ["Toimintakalenteri"], ["Pöytäkirja 1/2026", "Esityslista 1/2025"]),
        ({"language": "sv"}, ["Protokoll 1/2026"], ["Pöytäkirja 1/2026"]),
        ({"year": "2025"}, ["Esityslista 1/2025"], ["Toimintakalenteri", "Protokoll 1/2026"]),
    ],
)
def test_chooser_filters(admin, library, params, present, absent):
    html = chosen(admin, params)

    assert all(title in html for title in present)
    assert not any(title in html for title in absent)


def test_chooser_shows_the_filter_fields(admin, library):
    html = chosen(admin, {})

    for name in ("kind", "language", "year"):
        assert f'name="{name}"' in html


def test_chooser_results_view_filters_too(admin, library):
    response = admin.get(reverse("wagtaildocs_chooser:choose_results"), {"kind": "agenda"})

    html = response.content.decode()
    assert "Esityslista 1/2025" in html and "Toimintakalenteri" not in html


def queries(admin, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert admin.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["wagtaildocs:index", "wagtaildocs_chooser:choose"])
def test_query_count_does_not_grow_with_documents(admin, db, url_name, django_assert_max_num_queries):
    url = reverse(url_name)
    DocumentFactory.create_batch(3)
    admin.get(url)  # warm per-process caches (content types, site)
    small = queries(admin, url, {"kind": "minutes"})

    DocumentFactory.create_batch(12)
    with django_assert_max_num_queries(small):
        admin.get(url, {"kind": "minutes"})


def test_listing_shows_which_language_version_each_document_is(admin, locales, translate):
    finnish = DocumentFactory(title="Toimintakalenteri")
    translate(finnish, "sv", {"Toimintakalenteri": "Verksamhetskalender"})

    html = admin.get(reverse("wagtaildocs:index"), {"locale": "sv"}).content.decode()

    assert "Verksamhetskalender" in html and "Toimintakalenteri" not in html
    assert "Svenska" in html or "Swedish" in html
