"""The content version: which models change it (declared per model), how often, and where it lives.

tests/perf/test_content_version_workers.py shows the same from outside: two production
workers without Redis never serve a page after another process made it private.
"""

from __future__ import annotations

import logging

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms import cache as content_cache
from cms import public_output
from cms.models import ContentVersion, PreviewSnapshot, WebhookDelivery
from tests.api.receiver import Receiver

BOOKKEEPING = {
    # previews and webhook deliveries
    "cms.PreviewSnapshot",
    "cms.WebhookDelivery",
    # task results
    "django_tasks_database.DBTaskResult",
    # logs
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "admin.LogEntry",
    "wagtail_localize.TranslationLog",
    # sessions and lockouts
    "sessions.Session",
    "axes.AccessAttempt",
    "axes.AccessAttemptExpiration",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    # drafts and rendering by-products
    "wagtailcore.Revision",
    "wagtailimages.Rendition",
    "wagtailembeds.Embed",
    "cms.ContentVersion",
}
CONTENT = {
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "home.HomePage",
    "home.StandardPage",
    "board.Meeting",
    "board.Person",
    "documents.CustomDocument",
    "wagtailredirects.Redirect",
}


def test_every_installed_model_declares_whether_it_changes_public_output():
    table = public_output.classification()
    listing = "\n".join(
        f"{label:45} {'changes public output' if value else 'never' if value is False else 'UNDECLARED'}"
        for label, value in sorted(table.items())
    )
    print(listing)  # the whole classification, with -s

    undeclared = sorted(label for label, value in table.items() if value is None)
    assert undeclared == [], (
        f"declare these in their AppConfig.public_output or cms/public_output.py:\n{listing}"
    )
    assert public_output.stale_declarations() == []
    assert public_output.check_declarations() == []
    assert set(table) >= BOOKKEEPING | CONTENT
    assert {label for label in BOOKKEEPING if table[label]} == set()
    assert {label for label in CONTENT if not table[label]} == set()
    # What the signals follow is exactly this declaration.
    assert set(content_cache.registered_models()) == {label for label, value in table.items() if value}


@isolate_apps("cms")
def test_a_model_without_a_declaration_is_found_and_meanwhile_bumps():
    class Unlisted(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "cms"

    assert public_output.declared(Unlisted) is None
    assert public_output.changes_public_output(Unlisted) is True  # a missing bump would serve stale content


@pytest.fixture
def standard_page(translated_home):
    from home.models import StandardPage

    page = StandardPage(title="Saavutettavuusseloste", slug="saavutettavuus", lead="Miten sivusto toimii.")
    translated_home["fi"].add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def bumps(caplog):
    """The bumps that happen (cms/cache.py logs each one)."""
    caplog.set_level(logging.DEBUG, logger="cms.cache")
    caplog.clear()

    def count() -> int:
        return sum(
            1 for r in caplog.records if r.name == "cms.cache" and r.msg.startswith("content version bumped")
        )

    return count


@pytest.mark.django_db
def test_clicking_preview_does_not_change_the_version(admin_client, standard_page, settings, bumps):
    settings.HEADLESS_PREVIEW_URL = "https://frontend.example.invalid/preview"
    before = content_cache.get_version()
    url = f"/admin/pages/{standard_page.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Luonnos",
            "slug": "saavutettavuus",
            "lead": "Luonnoksen ingressi",
            "body": streamfield([("heading", {"text": "Väliotsikko", "level": "h3"})]),
            "comments": inline_formset([]),
        }
    )
    for _ in range(3):
        assert admin_client.post(url, data).json() == {"is_valid": True, "is_available": True}
        assert admin_client.get(url).status_code == 302  # to the front end, with a snapshot's token

    assert PreviewSnapshot.objects.exists()
    assert content_cache.get_version() == before
    assert bumps() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_with_two_webhook_receivers_bumps_the_version_once(
    admin_client, standard_page, settings, bumps
):
    """Real commits: the page, its revision, its log, the index tasks and two webhook deliveries."""
    settings.CONTENT_VERSION_BUMP_ON_COMMIT = True
    settings.WEBHOOK_SECRET = "test-webhook-secret"
    settings.WEBHOOK_BACKOFF_SECONDS = 0.05
    with Receiver([200]) as first, Receiver([200]) as second:
        settings.WEBHOOK_URLS = [first.url, second.url]
        before = content_cache.get_version()
        bumps_before = bumps()

        standard_page.title = "Julkaistu otsikko"
        revision = standard_page.save_revision()
        revision.publish()

    assert len(first.requests) == len(second.requests) == 1
    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == ["delivered", "delivered"]
    assert content_cache.get_version().token != before.token
    assert bumps() - bumps_before == 1


@pytest.mark.django_db
def test_saving_a_draft_does_not_bump_publishing_it_does(
    standard_page, settings, bumps, django_capture_on_commit_callbacks
):
    settings.CONTENT_VERSION_BUMP_ON_COMMIT = True
    before = content_cache.get_version()
    with django_capture_on_commit_callbacks(execute=True):
        standard_page.title = "Luonnoksen otsikko"
        revision = standard_page.save_revision()
    assert content_cache.get_version() == before
    assert bumps() == 0

    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert content_cache.get_version() != before
    assert bumps() == 1


@pytest.mark.django_db
def test_index_tasks_run_by_the_worker_bump_only_when_their_index_changed(standard_page, settings, bumps):
    """With the database task backend (production) the search and reference indexes are
    rebuilt by `manage.py db_worker` after the commit: the version follows them."""
    from django_tasks_db.models import DBTaskResult

    from tests.tasks import run_ready_tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_worker() -> None:
        assert run_ready_tasks()
        assert not DBTaskResult.objects.ready().exists()

    standard_page.title = "Hakusanaksi uusi otsikko"
    standard_page.save_revision().publish()
    assert bumps() == 1  # the publish
    run_worker()
    assert bumps() == 2  # the search index now has the new title

    standard_page.title = "Vain luonnoksessa"
    standard_page.save_revision()
    run_worker()
    assert bumps() == 2  # a draft: neither the page nor its index entries changed


@pytest.mark.django_db
def test_webhook_deliveries_and_task_results_never_bump(standard_page, bumps):
    before = content_cache.get_version()
    delivery = WebhookDelivery.objects.create(
        event="publish", object_type="home.StandardPage", object_id="1", url="http://127.0.0.1:9/", payload={}
    )
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.save()
    delivery.delete()
    assert content_cache.get_version() == before
    assert bumps() == 0


@pytest.fixture
def database_store(settings):
    settings.CONTENT_VERSION_STORE = "database"
    return settings


@pytest.mark.django_db
def test_without_a_shared_cache_the_version_is_one_database_row(database_store, locales):
    first = content_cache.get_version()
    assert ContentVersion.objects.get().token == first.token

    bumped = content_cache.bump_now("test")

    assert ContentVersion.objects.get().token == bumped.token != first.token
    assert content_cache.get_version() == bumped


@pytest.mark.django_db
def test_without_a_shared_cache_a_request_reads_the_version_once(database_store, client, translated_home):
    client.get("/fi/")
    with CaptureQueriesContext(connection) as hit:
        response = client.get("/fi/")
    assert response["X-App-Cache"] == "hit"
    assert [q["sql"] for q in hit.captured_queries if "cms_contentversion" in q["sql"]] == [hit[0]["sql"]]
    assert len(hit) == 1

    # With the HTTP cache off (production without Redis) every memo of the request
    # (sites, locales, view restrictions) hangs on the one version read.
    database_store.HTTP_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as uncached:
        assert client.get("/fi/").status_code == 200
    version_reads = [q for q in uncached.captured_queries if "cms_contentversion" in q["sql"]]
    assert len(version_reads) == 1


@pytest.mark.django_db
def test_without_a_shared_cache_a_change_reaches_the_memos(database_store, client, standard_page):
    from wagtail.models import PageViewRestriction

    assert client.get(standard_page.url).status_code == 200
    PageViewRestriction.objects.create(page=standard_page, restriction_type="login")
    assert client.get(standard_page.url).status_code == 302
