"""Conditional GET, whole-response cache and Cache-Control (cms/http_cache.py, cms/cache.py)."""

import pytest
from django.core.cache import cache
from django.utils.http import http_date

from cms import cache as content_cache
from documents.models import CustomDocument
from tests.perf import urls as perf_urls

pytestmark = pytest.mark.django_db


def test_public_page_has_validators_and_public_cache_control(client, translated_home):
    response = client.get("/fi/")

    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    cache_control = response["Cache-Control"]
    for part in ("public", "max-age=0", "s-maxage=600", "stale-while-revalidate=10"):
        assert part in cache_control
    assert response["X-App-Cache"] == "miss"


def test_second_request_is_served_from_the_cache_without_queries(
    client, translated_home, django_assert_num_queries
):
    first = client.get("/fi/")
    with django_assert_num_queries(0):
        second = client.get("/fi/")

    assert second["X-App-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_matching_if_none_match_is_answered_304_before_the_view(
    client, translated_home, django_assert_num_queries
):
    etag = client.get("/fi/")["ETag"]

    with django_assert_num_queries(0):
        response = client.get("/fi/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]


def test_if_modified_since_is_answered_304_until_content_changes(client, translated_home):
    last_modified = client.get("/fi/")["Last-Modified"]

    assert client.get("/fi/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/fi/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_a_stale_etag_gets_the_full_new_page_after_publishing(client, translated_home):
    page = translated_home["fi"]
    old = client.get("/fi/")

    page.title = "Uusi otsikko julkaistu"
    page.save_revision().publish()

    response = client.get("/fi/", HTTP_IF_NONE_MATCH=old["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    assert "Uusi otsikko julkaistu" in response.content.decode()


def test_unpublishing_removes_the_cached_page(client, translated_home):
    before = client.get("/sv/")
    assert client.get("/sv/")["X-App-Cache"] == "hit"

    translated_home["sv"].unpublish()

    after = client.get("/sv/")
    assert after["X-App-Cache"] == "miss"
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_languages_and_query_strings_are_cached_separately(client, translated_home):
    fi = client.get("/fi/")
    sv = client.get("/sv/")
    assert fi["ETag"] != sv["ETag"]
    assert fi.content != sv.content
    # The same parameters in another order are the same request.
    assert client.get("/fi/?a=1&b=2")["ETag"] == client.get("/fi/?b=2&a=1")["ETag"]
    assert client.get("/fi/?a=1")["ETag"] != client.get("/fi/?a=2")["ETag"]


def test_head_is_answered_from_the_get_copy_without_a_body(client, translated_home):
    client.get("/fi/")
    response = client.head("/fi/")
    assert response.status_code == 200
    assert response["X-App-Cache"] == "hit"
    assert response.content == b""


def test_admin_answers_are_private_and_never_cached(admin_client, translated_home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response


def test_logged_in_visitors_get_private_uncached_pages(admin_client, translated_home):
    for _ in range(2):
        response = admin_client.get("/fi/")
        assert response.status_code == 200
        assert "X-App-Cache" not in response
        assert "ETag" not in response
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_requests_with_credentials_or_preview_tokens_are_private(client, translated_home):
    with_token = client.get("/fi/", HTTP_AUTHORIZATION="Bearer abc")
    preview = client.get("/fi/?token=abc")
    for response in (with_token, preview):
        assert "private" in response["Cache-Control"]
        assert "X-App-Cache" not in response


@pytest.mark.urls("tests.perf.urls")
def test_answers_setting_cookies_varying_on_other_headers_or_failing_are_not_cached(client, locales):
    first, second = client.get("/perf-test/cookie/?n=1"), client.get("/perf-test/cookie/?n=1")
    assert "X-App-Cache" not in second and "public" not in second.get("Cache-Control", "")
    assert second.cookies["seen"].value == "1" and first.status_code == 200

    chrome = client.get("/perf-test/vary/", HTTP_USER_AGENT="Chrome")
    firefox = client.get("/perf-test/vary/", HTTP_USER_AGENT="Firefox")
    assert (chrome.content, firefox.content) == (b"Chrome", b"Firefox")

    for _ in range(2):
        error = client.get("/perf-test/error/")
        assert error.status_code == 500 and "X-App-Cache" not in error and "ETag" not in error


@pytest.mark.urls("tests.perf.urls")
def test_application_cache_can_be_switched_off_keeping_etags(client, locales, settings):
    settings.APP_CACHE_ENABLED = False
    calls = perf_urls.counter.calls
    first = client.get("/perf-test/counter/")
    second = client.get("/perf-test/counter/")

    assert perf_urls.counter.calls == calls + 2  # the view ran both times
    assert "X-App-Cache" not in second
    assert first["ETag"] == second["ETag"]
    assert client.get("/perf-test/counter/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert perf_urls.counter.calls == calls + 2


@pytest.mark.urls("tests.perf.urls")
def test_http_cache_can_be_switched_off_entirely(client, locales, settings):
    settings.HTTP_CACHE_ENABLED = False
    response = client.get("/perf-test/counter/")
    assert "ETag" not in response and "Cache-Control" not in response


def test_a_document_change_bumps_the_version(locales):
    before = content_cache.get_version()
    CustomDocument.objects.create(title="Pöytäkirja", file="documents/p.pdf")
    after_create = content_cache.get_version()
    CustomDocument.objects.all().delete()
    after_delete = content_cache.get_version()

    assert len({before.token, after_create.token, after_delete.token}) == 3


def test_moving_a_page_bumps_the_version(translated_home):
    from wagtail.models import Page

    from home.factories import HomePageFactory

    child = HomePageFactory(parent=translated_home["fi"], title="Lapsi", slug="lapsi")
    other = HomePageFactory(parent=translated_home["fi"], title="Toinen", slug="toinen")
    before = content_cache.get_version()
    Page.objects.get(pk=child.pk).move(other, pos="last-child")
    assert content_cache.get_version().token != before.token


def test_rendering_public_pages_does_not_bump_the_version(client, translated_home):
    """Renditions, embeds and search bookkeeping written while rendering must not churn the cache."""
    client.get("/fi/")
    before = content_cache.get_version()
    for language in ("fi", "sv", "en"):
        client.get(f"/{language}/")
    assert content_cache.get_version() == before


def test_bookkeeping_models_are_not_watched_but_content_models_are():
    watched = set(content_cache.registered_models())
    assert {"wagtailcore.Page", "wagtailcore.Site", "home.HomePage"} <= watched
    assert settings_documents_model() in watched
    noise = {"wagtailcore.Revision", "sessions.Session", "wagtailcore.PageLogEntry"}
    noise.add("wagtailimages.Rendition")
    assert not noise & watched


def settings_documents_model() -> str:
    from django.conf import settings

    return settings.WAGTAILDOCS_DOCUMENT_MODEL.replace("customdocument", "CustomDocument")


def test_bump_waits_for_the_commit_and_happens_once_per_transaction(
    settings, locales, django_capture_on_commit_callbacks
):
    settings.CONTENT_VERSION_BUMP_ON_COMMIT = True
    before = content_cache.get_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CustomDocument.objects.create(title="A", file="documents/a.pdf")
        CustomDocument.objects.create(title="B", file="documents/b.pdf")
        assert content_cache.get_version() == before  # not visible before the commit

    assert len([c for c in callbacks if c is content_cache._bump_after_commit]) == 1
    for callback in callbacks:
        callback()
    assert content_cache.get_version().token != before.token


def test_version_survives_a_flushed_cache_with_a_new_token(locales):
    before = content_cache.get_version()
    cache.clear()
    assert content_cache.get_version().token != before.token


@pytest.fixture
def purge_receiver():
    """A real HTTP server on 127.0.0.1 standing in for nginx's /_purge location."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.path, self.headers["X-Purge-Key"]))
            self.send_response(200 if len(received) % 2 else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 9619), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:9619", received
    server.shutdown()
    server.server_close()


def test_a_change_purges_exactly_the_proxy_keys_the_app_gave_out(
    client, translated_home, settings, purge_receiver
):
    url, received = purge_receiver
    settings.FRONTEND_CACHE_PURGE_URLS = [url]
    client.get("/fi/", HTTP_X_PROXY_CACHE_KEY="example.test/fi/|fi")
    client.get("/fi/", HTTP_X_PROXY_CACHE_KEY="example.test/fi/|fi")  # a hit: the same key
    client.get("/sv/?b=2&a=1", HTTP_X_PROXY_CACHE_KEY="example.test/sv/?b=2&a=1|fi")
    client.get("/admin/", HTTP_X_PROXY_CACHE_KEY="example.test/admin/|fi")  # private: never stored
    assert received == []

    translated_home["fi"].save_revision().publish()  # the immediate task backend purges at once

    assert sorted(received) == [
        ("/_purge", "example.test/fi/|fi"),
        ("/_purge", "example.test/sv/?b=2&a=1|fi"),
    ]
    assert content_cache.take_proxy_keys() == []  # purged keys are forgotten


def test_purge_outcomes_are_counted_and_an_unreachable_proxy_does_not_fail_the_change(
    settings, purge_receiver, locales
):
    url, received = purge_receiver
    settings.FRONTEND_CACHE_PURGE_URLS = [url, "http://127.0.0.1:9618"]  # nothing listens on 9618
    settings.FRONTEND_CACHE_PURGE_TIMEOUT = 0.5

    outcome = content_cache.purge_keys(["a|fi", "b|fi"])

    assert outcome == {"purged": 1, "not_cached": 1, "failed": 2}
    assert len(received) == 2


def test_a_copy_from_an_older_version_is_never_served(client, translated_home):
    client.get("/fi/")
    assert client.get("/fi/")["X-App-Cache"] == "hit"
    content_cache.bump_now("test")
    response = client.get("/fi/")
    assert response["X-App-Cache"] == "miss"
    # A client holding the old ETag gets the copy made for the new version.
    assert client.get("/fi/", HTTP_IF_NONE_MATCH='W/"old"')["X-App-Cache"] == "hit"


@pytest.mark.urls("tests.perf.urls")
def test_files_a_proxy_may_keep_are_purged_too(client, locales, settings, purge_receiver):
    """Documents have their own caching headers and no response copy, but proxies may keep them."""
    url, received = purge_receiver
    settings.FRONTEND_CACHE_PURGE_URLS = [url]
    settings.HTTP_CACHE_UNCACHED_PATHS = ["/perf-test/files/"]
    response = client.get("/perf-test/files/report.pdf", HTTP_X_PROXY_CACHE_KEY="example.test/report.pdf|fi")
    assert response["Cache-Control"] == "public, max-age=3600" and "X-App-Cache" not in response

    CustomDocument.objects.create(title="Muutos", file="documents/m.pdf")

    assert received == [("/_purge", "example.test/report.pdf|fi")]


def test_a_meeting_change_refreshes_the_archive_its_page_the_feed_and_the_api_list(client, translated_home):
    """Everything that shows a meeting changes with it, without knowing which pages those are."""
    from board.factories import CalendarPageFactory, MeetingFactory, MinutesArchivePageFactory

    home = translated_home["fi"]
    archive = MinutesArchivePageFactory(parent=home)
    calendar = CalendarPageFactory(parent=home)
    meeting = MeetingFactory(title="Alkuvuoden kokous", number=3)
    urls = [
        archive.url,
        f"{archive.url}{meeting.year}/",
        f"{archive.url}{meeting.year}/3/",
        f"{calendar.url}ical/",
        "/api/v3/meetings/",
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        assert "Alkuvuoden kokous" in first.content.decode(), url
        assert client.get(url)["X-App-Cache"] == "hit", url

    meeting.title = "Loppuvuoden kokous"
    meeting.save_revision().publish()

    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        assert "Loppuvuoden kokous" in body and "Alkuvuoden kokous" not in body, url

    meeting.unpublish()
    for url in urls[:2] + urls[3:]:
        assert "Loppuvuoden kokous" not in client.get(url).content.decode(), url
    assert client.get(urls[2]).status_code == 404
