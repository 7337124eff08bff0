"""Anonymous visitors never see drafts, private pages or documents, old revisions or
unconsented contact details: not on pages, in the API, search, feeds or the sitemap.

The demo content is loaded, secrets are planted in every place they must not leak from,
and everything an anonymous visitor can reach is crawled: links from the home pages,
the sitemap, search for each secret, every API list in the OpenAPI schema and the
feeds linked from pages. A consented, serving member's email must be found, proving the
crawl reaches the member directory at all.
"""

import datetime
import json
import re
from collections import deque
from urllib.parse import urldefrag, urlencode, urlparse

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from board import factories as f
from board.models import RoleKind
from documents.models import CustomDocument
from documents.pdfgen import build_pdf
from home.models import HomePage, StandardPage

SECRETS = {
    "draft": "LUONNOSSALAISUUS",
    "unpublished": "JULKAISEMATONSALAISUUS",
    "private_page": "YKSITYISSALAISUUS",
    "old_revision": "VANHAREVISIOSALAISUUS",
    "private_document": "SALAINENASIAKIRJA",
    "hidden_email": "piilotettu.henkilo@example.invalid",
    "hidden_phone": "040 999 1234",
    "former_member_email": "entinen.jasen@example.invalid",
}
# Searched for instead of the secrets themselves, which search pages would echo back.
COMPANIONS = {
    "draft": "kirsikkapuu",
    "unpublished": "luumupuu",
    "private_page": "päärynäpuu",
    "old_revision": "omenapuu",
    "private_document": "mansikkamaa",
}
SEARCH_WORDS = [*COMPANIONS.values(), "Piilo", "Entinen", "piilotettu", "entinen", "999"]
VISIBLE_EMAIL = "julkinen.jasen@example.invalid"
CRAWL_LIMIT = 600


@pytest.fixture
def planted(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
    home = HomePage.objects.get(locale__language_code="fi")

    page = home.add_child(
        instance=StandardPage(title="Luonnoskoe", slug="luonnoskoe", lead="Julkaistu teksti")
    )
    page.lead = f"{SECRETS['old_revision']} {COMPANIONS['old_revision']}"
    page.save_revision().publish()
    page.lead = "Julkaistu teksti"
    page.save_revision().publish()
    page.lead = f"{SECRETS['draft']} {COMPANIONS['draft']}"
    page.save_revision()  # a draft on top of the live version

    home.add_child(
        instance=StandardPage(
            title="Piilo",
            slug="piilo",
            lead=f"{SECRETS['unpublished']} {COMPANIONS['unpublished']}",
            live=False,
        )
    )
    private = home.add_child(
        instance=StandardPage(
            title="Yksityinen",
            slug="yksityinen",
            lead=f"{SECRETS['private_page']} {COMPANIONS['private_page']}",
        )
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    private_collection = Collection.get_first_root_node().add_child(name="Sisäiset")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    content = build_pdf(SECRETS["private_document"], [SECRETS["private_document"]])
    document = CustomDocument(
        title=SECRETS["private_document"], collection=private_collection, locale=home.locale
    )
    document.file.save("sisainen.pdf", ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()

    today = timezone.localdate()
    current = f.TermFactory(
        start_date=today - datetime.timedelta(days=100), end_date=today + datetime.timedelta(days=600)
    )
    member = f.RoleFactory(kind=RoleKind.MEMBER)
    hidden = f.PersonFactory(
        first_name="Piia", last_name="Piilo", email=SECRETS["hidden_email"], phone=SECRETS["hidden_phone"]
    )
    f.MembershipFactory(person=hidden, term=current, role=member)
    shown = f.PersonFactory(first_name="Julia", last_name="Julkinen", email=VISIBLE_EMAIL, email_public=True)
    f.MembershipFactory(person=shown, term=current, role=member)
    former = f.PersonFactory(
        first_name="Eero", last_name="Entinen", email=SECRETS["former_member_email"], email_public=True
    )
    f.MembershipFactory(person=former, term=current, role=member, end_date=today - datetime.timedelta(days=1))
    return {"draft_page": page, "private_page": private, "document": document}


def _links(content_type: str, text: str) -> list[str]:
    if "json" in content_type:
        return re.findall(r'"(?:https?://[^/"]+)?(/(?:api|fi|sv|en|documents)/[^"\s]*)"', text)
    if "html" in content_type or "xml" in content_type:
        found = re.findall(r'(?:href|src)="([^"]+)"', text) + re.findall(r"<loc>([^<]+)</loc>", text)
        return [urldefrag(link)[0] for link in found]
    return []


def _crawl(client: Client, seeds: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(seeds)
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.popleft()
        parsed = urlparse(url)
        if parsed.netloc and parsed.netloc not in ("testserver", "127.0.0.1:8000", "localhost"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if not path.startswith(("/fi/", "/sv/", "/en/", "/api/", "/documents/", "/sitemap", "/robots")):
            continue
        if path.startswith("/static/") or path in seen:
            continue
        response = client.get(path, follow=True)
        body = (
            response.content
            if not getattr(response, "streaming", False)
            else b"".join(response.streaming_content)
        )
        seen[path] = body.decode("utf-8", errors="replace") + str(response.headers)
        assert response.status_code < 500, path
        for link in _links(response.get("Content-Type", ""), body.decode("utf-8", errors="replace")):
            if link not in seen:
                queue.append(link)
    return seen


@override_settings(RATELIMIT_ENABLED=False)
def test_anonymous_never_sees_drafts_private_content_revisions_or_unconsented_details(planted):
    client = Client()
    schema = json.loads(client.get("/api/v3/openapi.json").content)
    seeds = ["/fi/", "/sv/", "/en/", "/sitemap.xml", "/robots.txt"]
    for word in SEARCH_WORDS:
        for search in ("/fi/haku/", "/sv/sok/", "/en/search/"):
            seeds.append(f"{search}?{urlencode({'q': word})}")
        for language in ("fi", "sv", "en"):
            seeds.append(f"/api/v3/search/?{urlencode({'q': word, 'locale': language})}")
    for path, operations in schema["paths"].items():
        if "get" in operations and "{" not in path:
            for language in ("fi", "sv", "en"):
                seeds.append(f"{path}?{urlencode({'locale': language, 'limit': 100})}")
    # Direct addresses a visitor might guess.
    seeds += [
        f"/api/v3/pages/{planted['private_page'].pk}/",
        f"/api/v3/documents/{planted['document'].pk}/",
        planted["document"].url,
        "/fi/piilo/",
        "/fi/yksityinen/",
    ]
    pages = _crawl(client, seeds)
    assert len(pages) > 40, sorted(pages)
    everything = "\n".join(pages.values())
    assert VISIBLE_EMAIL in everything, "the crawl never reached the member directory"
    assert "Julkaistu teksti" in everything
    leaks = {
        name: [url for url, body in pages.items() if secret.lower() in body.lower()]
        for name, secret in SECRETS.items()
    }
    assert {name: urls for name, urls in leaks.items() if urls} == {}


def test_draft_and_private_pages_answer_anonymous_with_not_found_or_login(planted):
    client = Client()
    assert client.get("/fi/piilo/").status_code == 404
    response = client.get("/fi/yksityinen/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(planted["document"].url).status_code in (302, 403, 404)
    assert client.get(f"/api/v3/pages/{planted['private_page'].pk}/").status_code in (401, 403, 404)
    assert client.get(f"/api/v3/documents/{planted['document'].pk}/").status_code in (401, 403, 404)
    for page in Page.objects.filter(live=False):
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
