"""Two editors save the same snippet or document from the same version: the second is refused.

Each test opens the admin's edit form twice, as two members of the communications group do
in their browsers, saves one and then the other: the second save is refused with a message
in the editor's language, the first editor's text stays stored and the second's is shown
again in the form, ready to be saved deliberately. On PostgreSQL, 20 stale submits sent at
once through a live server show the check and the save are one step: exactly one wins.
"""

import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from board import factories as f
from board.management.commands.create_staff_user import create_staff_user
from board.models import Meeting
from cms.security.editing import VERSION_FIELD, StaleSaveRefusalMixin
from documents.factories import DocumentFactory
from home.models import StandardPage
from tests.board.admin_forms import form_values

ENGLISH = "saved this after you opened it, so your changes were not saved"
# The message in the editors' languages (locale/*/LC_MESSAGES/django.po).
TRANSLATED = {
    "fi": "tallensi tämän sen jälkeen, kun avasit sen",
    "sv": "sparade detta efter att du öppnade det",
}


def _editor(username: str, language: str) -> Client:
    user = create_staff_user(
        "communications", username, f"{username}@example.org", "kevät-aurinko-2027", language=language
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editors(db, home_page):
    return _editor("anna", "en"), _editor("ben", "en")


def _edit_url(obj) -> str:
    if obj._meta.model_name == "customdocument":
        return reverse("wagtaildocs:edit", args=[obj.pk])
    return reverse(f"wagtailsnippets_board_{obj._meta.model_name}:edit", args=[obj.pk])


def _saved(obj, field: str):
    """What the admin shows as the object's content: its latest revision, else its row."""
    obj = type(obj).objects.get(pk=obj.pk)
    if getattr(obj, "latest_revision", None) is not None:
        obj = obj.latest_revision.as_object()
    return str(getattr(obj, field))


def _with_streams(values: dict) -> dict:
    """A meeting's attachments StreamField is drawn by JavaScript: none posts a zero count."""
    if "summary" in values:
        values.setdefault("attachments-count", "0")
    return values


def _opened(client, url: str) -> dict:
    return _with_streams(form_values(client, url))


def _form_of(html: str) -> dict:
    doc = lxml_html.fromstring(html)
    form = max((f for f in doc.forms if f.get("method", "").lower() == "post"), key=lambda f: len(f.inputs))
    # A browser drops the newline that starts a textarea's text.
    values = {name: value.removeprefix("\n") for name, value in form.form_values()}
    for name in list(values):
        if name.endswith("-count") and values[name] == "":
            values[name] = "0"
    return _with_streams(values)


CASES = {
    "meeting": (lambda: f.MeetingFactory(), "summary", "Annan yhteenveto", "Benin yhteenveto"),
    "event": (lambda: f.EventFactory(), "description", "Annan kuvaus", "Benin kuvaus"),
    "person": (lambda: f.PersonFactory(), "last_name", "Annala", "Benilä"),
    "membership": (lambda: f.MembershipFactory(), "diary_number", "HEL 2026-000001", "HEL 2026-000002"),
    "seat": (lambda: f.SeatFactory(), "name", "Annan toimiala", "Benin toimiala"),
    "term": (lambda: f.TermFactory(), "end_date", "2026-12-30", "2026-12-29"),
    "role": (lambda: f.RoleFactory(), "name", "Annan rooli", "Benin rooli"),
    "organisation": (lambda: f.OrganisationFactory(), "name", "Annan järjestö ry", "Benin järjestö ry"),
    "document": (lambda: DocumentFactory(), "title", "Annan pöytäkirja", "Benin pöytäkirja"),
}


@pytest.mark.parametrize("kind", CASES)
def test_second_save_from_the_same_version_is_refused_and_both_texts_are_kept(kind, editors):
    make, field, annas, bens = CASES[kind]
    obj = make()
    anna, ben = editors
    url = _edit_url(obj)
    anna_form, ben_form = _opened(anna, url), _opened(ben, url)

    saved = anna.post(url, {**anna_form, field: annas})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert _saved(obj, field) == annas

    refused = ben.post(url, {**ben_form, field: bens})
    assert refused.status_code == 409
    body = refused.content.decode()
    assert "anna " + ENGLISH in body
    assert _saved(obj, field) == annas  # Anna's text is kept
    shown_again = _form_of(body)
    assert shown_again[field] == bens  # Ben's text is in the form again: nothing lost

    # The form shown again is based on Anna's version: saving it replaces hers, deliberately.
    assert shown_again[VERSION_FIELD] != ben_form[VERSION_FIELD]
    assert ben.post(url, shown_again).status_code == 302
    assert _saved(obj, field) == bens


@pytest.mark.parametrize("kind", ["meeting", "person"])
def test_saving_twice_from_the_latest_version_is_not_disturbed(kind, editors):
    make, field, first, second = CASES[kind]
    obj = make()
    anna = editors[0]
    url = _edit_url(obj)
    assert anna.post(url, {**_opened(anna, url), field: first}).status_code == 302
    assert anna.post(url, {**_opened(anna, url), field: second}).status_code == 302
    assert _saved(obj, field) == second


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_refusal_is_in_the_editors_language(language, db, home_page):
    """Needs the message's translations compiled (strings/concurrency.json, merged into locale/)."""
    meeting = f.MeetingFactory()
    anna, ben = _editor("anna", language), _editor("ben", language)
    url = _edit_url(meeting)
    anna_form, ben_form = _opened(anna, url), _opened(ben, url)
    assert anna.post(url, {**anna_form, "summary": "Eka"}).status_code == 302
    refused = ben.post(url, {**ben_form, "summary": "Toka"})
    assert refused.status_code == 409
    assert TRANSLATED[language] in refused.content.decode()


def test_every_snippet_and_the_documents_refuse_stale_saves():
    """The rule is in one place (cms/security/editing.py); every edit view must use it."""
    from documents.admin_views import EditView as DocumentEditView

    for model in get_snippet_models():
        assert issubclass(model.snippet_viewset.edit_view_class, StaleSaveRefusalMixin), model
    assert issubclass(DocumentEditView, StaleSaveRefusalMixin)
    snippets = {m._meta.label for m in get_snippet_models()}
    for label in [
        "board.Meeting",
        "board.Event",
        "board.Person",
        "board.Membership",
        "board.Seat",
        "board.Term",
        "board.Role",
        "board.Organisation",
    ]:
        assert label in snippets


# --- Truly parallel submits (PostgreSQL) -------------------------------------------------

PARALLEL = 20
ROUNDS = 3

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel saves need PostgreSQL: SQLite serialises every write, so it cannot show a race",
)


class Browser:
    """An editor's browser against the live server: their session cookie and CSRF token."""

    def __init__(self, live_server, user):
        client = Client()
        client.force_login(user)
        self.base = live_server.url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.session = client.cookies["sessionid"].value

    def open(self, path: str) -> dict:
        request = urllib.request.Request(self.base + path, headers={"Cookie": f"sessionid={self.session}"})
        with self.opener.open(request) as response:
            html = response.read().decode()
        return _form_of(html)

    def post(self, path: str, data: dict) -> int:
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={
                "Cookie": f"sessionid={self.session}; csrftoken={csrf}",
                "Referer": self.base + path,
                "Accept-Language": "en",
            },
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _send_at_once(browser, path: str, forms: list[dict]) -> list[int]:
    barrier = threading.Barrier(len(forms))
    statuses: list[int] = [0] * len(forms)

    def submit(i):
        barrier.wait()
        statuses[i] = browser.post(path, forms[i])

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@needs_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_stale_publishes_of_a_page_publish_once(live_server, home_page, django_user_model):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    user = django_user_model.objects.create_superuser("root", "root@example.invalid", "x")
    page = home_page.add_child(instance=StandardPage(title="Toiminta", slug="toiminta", lead="Alku"))
    page.save_revision(user=user).publish()
    browser = Browser(live_server, user)
    path = f"/admin/pages/{page.pk}/edit/"
    for round_ in range(ROUNDS):
        loaded = browser.open(path)
        forms = [
            {
                **nested_form_data(
                    {
                        "title": "Toiminta",
                        "slug": "toiminta",
                        "lead": f"Versio {round_}.{i}",
                        "body": streamfield([]),
                        "comments": inline_formset([]),
                    }
                ),
                "loaded_revision_id": loaded["loaded_revision_id"],
                "loaded_revision_created_at": loaded["loaded_revision_created_at"],
                "csrfmiddlewaretoken": loaded["csrfmiddlewaretoken"],
                "action-publish": "action-publish",
            }
            for i in range(PARALLEL)
        ]
        revisions_before = page.revisions.count()
        statuses = _send_at_once(browser, path, forms)
        assert sorted(statuses) == [302] + [409] * (PARALLEL - 1), statuses
        assert page.revisions.count() == revisions_before + 1
        live = Page.objects.get(pk=page.pk).specific
        assert live.lead == f"Versio {round_}.{statuses.index(302)}"


@needs_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("kind", ["meeting", "person"])
def test_parallel_stale_saves_of_a_snippet_save_once(kind, live_server, home_page):
    make, field, *_ = CASES[kind]
    user = create_staff_user(
        "communications", "anna", "anna@example.org", "kevät-aurinko-2027", language="en"
    )
    obj = make()
    browser = Browser(live_server, user)
    path = _edit_url(obj)
    for round_ in range(ROUNDS):
        loaded = browser.open(path)
        forms = [{**loaded, field: f"Versio {round_}.{i}"} for i in range(PARALLEL)]
        statuses = _send_at_once(browser, path, forms)
        assert sorted(statuses) == [302] + [409] * (PARALLEL - 1), statuses
        assert _saved(obj, field) == f"Versio {round_}.{statuses.index(302)}"
        if isinstance(obj, Meeting):
            assert obj.revisions.count() == round_ + 1


def test_an_autosave_from_before_the_first_revision_is_refused(editors):
    """A meeting made without a revision (demo data, imports): Wagtail's form then names no
    revision, and the version field alone shows that Anna saved after Ben opened it."""
    meeting = f.MeetingFactory()
    assert meeting.latest_revision is None
    anna, ben = editors
    url = _edit_url(meeting)
    anna_form, ben_form = _opened(anna, url), _opened(ben, url)
    assert "loaded_revision_id" not in ben_form
    assert anna.post(url, {**anna_form, "summary": "Annan"}).status_code == 302

    autosave = ben.post(url, {**ben_form, "summary": "Benin"}, HTTP_ACCEPT="application/json")
    assert autosave.json()["success"] is False
    assert autosave.json()["error_code"] == "invalid_revision"
    assert _saved(meeting, "summary") == "Annan"
    assert ben.post(url, {**ben_form, "summary": "Benin"}).status_code == 409
    assert _saved(meeting, "summary") == "Annan"
