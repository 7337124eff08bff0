"""Query budgets that hold at 10 and at 500 meetings (issue 8): any public HTML page ≤ 15
queries, API list ≤ 6, API detail ≤ 10, search ≤ 8; and no count grows with the data.

The URLs are found at run time: public pages from the sitemap and the archive's routes,
API endpoints from the OpenAPI description (lists as they are, details with the first id
a list returns). The application cache is off, so every request runs its view.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import dataset

pytestmark = pytest.mark.django_db

HTML_BUDGET, SEARCH_BUDGET, API_LIST_BUDGET, API_DETAIL_BUDGET = 15, 8, 6, 10
SEARCH_WORDS = {"fi": "kokous", "sv": "möte", "en": "meeting"}
# Not content reads: the contract itself, the docs page and the draft preview (token only).
API_SKIP = re.compile(r"/(openapi\.json|docs/|preview/|resolve/)")


def budget_for(path: str) -> tuple[str, int]:
    if path.startswith("/api/"):
        if "/search/" in path:
            return "API search", SEARCH_BUDGET
        return (
            ("API detail", API_DETAIL_BUDGET)
            if re.search(r"/\d+/$", path.split("?")[0])
            else (
                "API list",
                API_LIST_BUDGET,
            )
        )
    if re.search(r"/(haku|sok|search)/", path):
        return "search page", SEARCH_BUDGET
    return "HTML page", HTML_BUDGET


def count_queries(client, path: str) -> tuple[int, int, str]:
    """(status, queries, the most repeated query) for one anonymous GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fi")
    shapes = Counter(re.sub(r"\b\d+\b", "N", q["sql"])[:200] for q in captured.captured_queries)
    repeated = shapes.most_common(1)[0] if shapes else ("", 0)
    return response.status_code, len(captured.captured_queries), f"{repeated[1]}× {repeated[0]}"


def public_paths(client, summary: dict) -> list[str]:
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    paths = {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())}
    archive = summary["archive_url"]
    first_year = summary["first_year"]
    paths |= {archive, f"{archive}{first_year}/", f"{archive}{first_year}/1/", f"{archive}?page=2"}
    for language, word in SEARCH_WORDS.items():
        search = {"fi": "haku", "sv": "sok", "en": "search"}[language]
        paths.add(f"/{language}/{search}/?q={word}")
    return sorted(paths)


def api_paths(client) -> list[str]:
    """Every public GET list endpoint, and each detail endpoint with the first id its list gives."""
    templates = [
        template
        for template, operations in sorted(client.get("/api/v3/openapi.json").json()["paths"].items())
        if "get" in operations and not API_SKIP.search(template)
    ]
    lists = [t for t in templates if "{" not in t]
    paths = []
    for list_path in lists:
        query = "?q=kokous" if list_path.endswith("/search/") else ""
        paths.append(f"{list_path}{query}")
        details = [t for t in templates if re.fullmatch(re.escape(list_path) + r"\{\w+\}/", t)]
        if not details or query:
            continue
        response = client.get(list_path)
        body = response.json() if response.status_code == 200 else {}
        items = body.get("items") or body.get("results") or []
        if items and isinstance(items[0], dict) and "id" in items[0]:
            paths.append(f"{list_path}{items[0]['id']}/")
    return paths


def measure_all(client, summary: dict) -> dict[str, tuple[int, int, str]]:
    paths = public_paths(client, summary) + api_paths(client)
    return {path: count_queries(client, path) for path in paths}


def over_budget(measured: dict[str, tuple[int, int, str]]) -> list[str]:
    problems = []
    for path, (status, queries, repeated) in measured.items():
        kind, budget = budget_for(path)
        if status == 200 and queries > budget:
            problems.append(f"{kind} {path}: {queries} queries > {budget}; most repeated: {repeated}")
    return problems


@pytest.fixture
def anonymous(client, settings):
    settings.APP_CACHE_ENABLED = False
    settings.HTTP_CACHE_ENABLED = False
    return client


def build(django_capture_on_commit_callbacks, years: int, per_year: int) -> dict:
    with django_capture_on_commit_callbacks(execute=True):
        summary = dataset.build(years=years, meetings_per_year=per_year, real_pdfs=False, events=6)
    from django.utils import timezone

    summary["first_year"] = timezone.now().year - years + 1
    return summary


def test_query_budgets_hold_with_10_and_with_500_meetings_and_do_not_grow(
    anonymous, locales, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    summary = build(django_capture_on_commit_callbacks, years=1, per_year=10)
    assert summary["meetings"] == 10
    small = measure_all(anonymous, summary)
    assert len([p for p in small if not p.startswith("/api/")]) >= 10, small.keys()
    assert any(p.startswith("/api/") for p in small), "no API endpoint found in the OpenAPI description"

    # 490 more meetings in the 49 years before: 500 in all, the same URLs.
    fi, sv = Locale.objects.get(language_code="fi"), Locale.objects.get(language_code="sv")
    added = dataset._meetings(49, 10, summary["first_year"] - 1, fi, sv, dataset.PdfMaker(real=False))
    assert added == 490
    large = measure_all(anonymous, summary)

    problems = [f"10 meetings: {p}" for p in over_budget(small)]
    problems += [f"500 meetings: {p}" for p in over_budget(large)]
    for path, (status, queries, repeated) in large.items():
        if path in small and status == 200 and queries > small[path][1]:
            problems.append(f"grows with size: {path}: {small[path][1]} → {queries} queries; {repeated}")
    assert not problems, "\n".join(problems)
