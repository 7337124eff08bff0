"""No English in the Finnish and Swedish admin (issue 13, item 5).

A communications editor and a translator, each with the admin in Finnish and in Swedish, open
every admin screen the staff journeys visit, with the demo content loaded; the detector in
tests/admin_language.py lists any English interface string left on the screen (text, the
attributes people read, JSON props of the React parts). The JavaScript catalogues the admin's
client-side parts translate with are checked whole, since their strings are not in the HTML.
"""

import json
import re

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from tests.admin_language import (
    UPSTREAM_HARDCODED,
    assert_no_english,
    english_catalogue,
    english_in_texts,
    english_strings,
    texts_of_html,
    translation_of,
)
from tests.board.test_demo import demo, demo_db  # noqa: F401 - the demo, loaded once per module

# --- the detector itself ----------------------------------------------------------------


def test_detector_reports_the_english_strings_staff_saw(db):
    screen = """
        <button><em>Schedule to publish</em></button>
        <th>Full name</th>
        <p class="help">Once live anyone can view</p>
        <em data-w-progress-target="label">Publish in Svenska</em>
        <a title="Kokoukset">Kokoukset</a>
    """
    found = {finding.text for finding in english_strings(screen, "fi")}
    assert found == {"Schedule to publish", "Full name", "Once live anyone can view", "Publish in Svenska"}


def test_detector_reads_attributes_json_props_and_modal_answers(db):
    screen = """
        <input type="submit" value="Save draft">
        <input type="hidden" name="action" value="publish">
        <span aria-label="Toggle sidebar"></span>
        <input placeholder="Search all pages…">
        <div class="js-translation-editor" data-props='{"locale": {"displayName": "Svenska"},
             "tabs": [{"label": "Promote"}], "segments": [{"source": "Tervetuloa"}]}'></div>
        <script type="application/json">{"label": "Choose a page"}</script>
        <script>var x = "Choose a page";</script>
    """
    found = {finding.text for finding in english_strings(screen, "de")}
    assert found == {"Save draft", "Toggle sidebar", "Search all pages…", "Promote", "Choose a page"}
    # A chooser's JSON answer carries its HTML.
    modal = json.dumps({"step": "choose", "html": "<h2>Choose a document</h2>"})
    assert [finding.text for finding in english_strings(modal, "de")] == ["Choose a document"]


def test_detector_matches_msgids_with_placeholders_and_inline_markup(db):
    texts = texts_of_html("<p><strong>Schedule</strong> to publish</p><p>Edit 'Etusivu'</p>")
    assert "Schedule to publish" in texts
    assert {f.text for f in english_in_texts(texts, "de")} >= {"Schedule to publish", "Edit 'Etusivu'"}
    # Too little literal text to tell English from content: "%(title)s (%(count)s)".
    assert english_in_texts(["Etusivu (3)"], "de") == []


def test_detector_accepts_translated_screens_content_and_the_allow_list(db):
    screen = """
        <h1>Muokkaa sivua</h1><button>Tallenna luonnos</button><a>Etusivu</a>
        <td>Vapaaehtoistyön neuvottelukunta</td><span>PDF</span><span>English</span>
        <span>Svenska</span><span>Suomi</span><span>OK</span>
    """
    assert english_strings(screen, "fi") == []
    # Swedish words spelled like English ones are allowed in Swedish only.
    assert english_in_texts(["Status"], "sv") == []
    assert [f.text for f in english_in_texts(["Status"], "fi")] == ["Status"]


def test_detector_knows_whether_a_translation_exists(db):
    msgid = english_catalogue().match("Save draft")
    assert msgid is not None
    assert translation_of(msgid, "fi") == "Tallenna luonnos"
    assert translation_of(msgid, "de") == "Entwurf speichern"
    assert translation_of(english_catalogue().match("Full name"), "fi") is None


def test_detector_fails_on_a_screen_rendered_in_english(admin_client_fi):
    """The same screen the tests below pass in Finnish fails when it is shown in English."""
    profile = UserProfile.get_for_user(_user(admin_client_fi))
    profile.preferred_language = "en"
    profile.save()
    response = admin_client_fi.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    with pytest.raises(AssertionError, match="English on"):
        assert_no_english(response, "fi")


def test_menu_labels_the_packages_translate_at_startup_follow_each_users_language(admin_client_fi):
    """wagtail-localize's "Translations" report and Wagtail's "What's new" keep the language of
    the first request unless translations.admin_strings.relabel_menu_items is registered."""
    profile = UserProfile.get_for_user(_user(admin_client_fi))
    for language, translations, whats_new in [
        ("en", "Translations", "What's new in Wagtail"),
        ("fi", "Käännökset", "Mitä uutta Wagtail"),
        ("sv", "Översättningar", "Vad är nytt i Wagtail"),
    ]:
        profile.preferred_language = language
        profile.save()
        texts = texts_of_html(admin_client_fi.get(reverse("wagtailadmin_home")).content)
        assert translations in texts, f"the reports menu in {language}"
        assert any(text.startswith(whats_new) for text in texts), f"the help menu in {language}"


def test_snippet_breadcrumbs_follow_each_requests_language():
    """Wagtail labels a snippet viewset's breadcrumbs with plain gettext when the admin URLs
    load; every project viewset is a TranslatedSnippetViewSet, whose labels stay lazy."""
    from django.utils import translation
    from wagtail.snippets.models import get_snippet_models

    from translations.admin_strings import TranslatedSnippetViewSet

    project_models = [m for m in get_snippet_models() if m._meta.app_label in {"board", "home"}]
    assert len(project_models) >= 8
    for model in project_models:
        viewset = model.snippet_viewset
        assert isinstance(viewset, TranslatedSnippetViewSet), model
        with translation.override("en"):
            items = viewset.breadcrumbs_items  # as when the URLs load in English
        for language in ("fi", "sv", "en"):
            with translation.override(language):
                assert str(items[0]["label"]) == translation.gettext("Home"), (model, language)
    with translation.override("fi"):
        assert translation.gettext("Home") != "Home"


def _user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


# --- the screens the staff journeys visit --------------------------------------------------


def _staff(group_name: str, username: str, language: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "salasana-1234")
    user.first_name, user.last_name = "Testi", "Käyttäjä"
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def staff_client(client, demo):  # noqa: F811 - the fixture imported above
    from board.permissions import GROUP_NAME, ensure_communications_group
    from translations.roles import TRANSLATORS_GROUP, sync_translator_permissions

    ensure_communications_group()
    sync_translator_permissions()

    def login(role: str, language: str):
        group = GROUP_NAME if role == "editor" else TRANSLATORS_GROUP
        client.force_login(_staff(group, f"{role}-{language}", language))
        return client

    return login


def _in(model, code: str):
    return model.objects.filter(locale=Locale.objects.get(language_code=code)).order_by("pk").first()


def _home(code: str) -> Page:
    return Page.objects.get(depth=2, locale__language_code=code)


def _snippet_url(model, action: str, *args) -> str:
    return reverse(f"{model.snippet_viewset.get_admin_url_namespace()}:{action}", args=args)


def _snippet_screens(name: str, model, code: str) -> dict:
    instance = _in(model, code) if hasattr(model, "locale") else model.objects.order_by("pk").first()
    return {
        f"{name} list": _snippet_url(model, "list"),
        f"{name} create": _snippet_url(model, "add"),
        f"{name} edit": _snippet_url(model, "edit", instance.pk),
        f"{name} chooser": reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose")),
    }


def _source(instance) -> int:
    from wagtail_localize.models import TranslationSource

    return TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale).pk


def _new_page() -> Page:
    """A Finnish page with no translations yet, to submit for translation."""
    from tests.translations.conftest import add_child_page

    return add_child_page(_home("fi"), "Uusi sivu", "uusi-sivu")


def editor_screens() -> dict:
    from board.models import Event, Meeting, Membership, Person, Role, Seat, Term

    home = _home("fi")
    document = _in(get_document_model(), "fi")
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "page explorer (root)": reverse("wagtailadmin_explore_root"),
        "page explorer (home)": reverse("wagtailadmin_explore", args=[home.pk]),
        "page edit (home)": reverse("wagtailadmin_pages:edit", args=[home.pk]),
        "page privacy dialog": reverse("wagtailadmin_pages:set_privacy", args=[home.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[home.pk]),
        "page chooser": reverse("wagtailadmin_choose_page"),
        "document list": reverse("wagtaildocs:index"),
        "document upload": reverse("wagtaildocs:add_multiple"),
        "document edit": reverse("wagtaildocs:edit", args=[document.pk]),
        "document chooser": reverse("wagtaildocs_chooser:choose"),
        "inaccessible PDFs report": reverse("documents_accessibility_report"),
        "account": reverse("wagtailadmin_account"),
    }
    for name, model in [
        ("meetings", Meeting),
        ("events", Event),
        ("people", Person),
        ("memberships", Membership),
        ("seats", Seat),
        ("terms", Term),
        ("roles", Role),
    ]:
        screens |= _snippet_screens(name, model, "fi")
    return screens


def _scheduled_drafts() -> dict:
    """The home page and a meeting with a draft scheduled for next week: their editors show
    "Schedule to publish", the go-live time and its side-panel status."""
    import datetime

    from django.utils import timezone

    from board.models import Meeting

    go_live = timezone.now() + datetime.timedelta(days=7)
    home = _home("fi").specific
    home.go_live_at = go_live
    home.save_revision()
    meeting = _in(Meeting, "fi")
    meeting.go_live_at = go_live
    meeting.save_revision()
    return {
        "page edit (scheduled draft)": reverse("wagtailadmin_pages:edit", args=[home.pk]),
        "meeting edit (scheduled draft)": _snippet_url(Meeting, "edit", meeting.pk),
    }


def translator_screens(code: str) -> dict:
    from board.models import Meeting

    home = _home(code)
    meeting = _in(Meeting, code)
    document = _in(get_document_model(), code) or _in(get_document_model(), "fi")
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "translation dashboard": reverse("translations_status"),
        "translations report": reverse("wagtail_localize:translations_report"),
        "sync meeting translations": reverse(
            "wagtail_localize:update_translations", args=[_source(_in(Meeting, "fi"))]
        ),
        "translate a new page": reverse("wagtail_localize:submit_page_translation", args=[_new_page().pk]),
        "page explorer (root)": reverse("wagtailadmin_explore_root"),
        "page explorer (home)": reverse("wagtailadmin_explore", args=[home.pk]),
        "translation editor (page)": reverse("wagtailadmin_pages:edit", args=[home.pk]),
        "translation editor (meeting)": _snippet_url(Meeting, "edit", meeting.pk),
        "meetings list": _snippet_url(Meeting, "list"),
        "document list": reverse("wagtaildocs:index"),
        "document edit": reverse("wagtaildocs:edit", args=[document.pk]),
        "account": reverse("wagtailadmin_account"),
    }


EDITOR_SCREENS = [
    "dashboard", "page explorer (root)", "page explorer (home)", "page edit (home)", "page privacy dialog",
    "page history", "page chooser", "document list", "document upload", "document edit", "document chooser",
    "inaccessible PDFs report", "account", "page edit (scheduled draft)", "meeting edit (scheduled draft)",
    *(f"{name} {view}" for name in ("meetings", "events", "people", "memberships", "seats", "terms", "roles")
      for view in ("list", "create", "edit", "chooser")),
]  # fmt: skip
TRANSLATOR_SCREENS = [
    "dashboard", "translation dashboard", "translations report", "page explorer (root)",
    "page explorer (home)", "translation editor (page)", "translation editor (meeting)", "meetings list",
    "document list", "document edit", "account", "sync meeting translations", "translate a new page",
]  # fmt: skip


def _check(client, url: str, language: str, screen: str):
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200, f"{screen}: {url} answered {response.status_code}"
    assert_no_english(response, language, where=f"{screen} ({url})")


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("screen", EDITOR_SCREENS)
def test_communications_editor_sees_no_english(staff_client, screen, language):
    client = staff_client("editor", language)
    screens = _scheduled_drafts() if "scheduled" in screen else editor_screens()
    _check(client, screens[screen], language, screen)


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize("screen", TRANSLATOR_SCREENS)
def test_translator_sees_no_english(staff_client, screen, language):
    client = staff_client("translator", language)
    _check(client, translator_screens("sv")[screen], language, screen)


def test_the_checked_editor_holds_the_schedule_dialog_and_the_status_and_privacy_panels(staff_client):
    """The page editor's HTML holds the schedule dialog, the status side panel and its privacy
    section (hidden until opened), so the page-edit checks above cover them."""
    client = staff_client("editor", "fi")
    screens = _scheduled_drafts()
    texts = texts_of_html(client.get(screens["page edit (scheduled draft)"]).content)
    assert "Ajasta julkaisu" in texts  # the "Schedule to publish" button
    assert "Julkaisun jälkeen kaikki voivat nähdä" in texts  # "Once live anyone can view"
    content = client.get(screens["page edit (scheduled draft)"]).content.decode()
    assert 'id="schedule-publishing-dialog"' in content
    assert 'data-side-panel="status"' in content


def test_upstream_hard_coded_english_is_still_there():
    """The exceptions for English the packages hard-code (no gettext) name where; once an
    upgrade translates one, its exception must go."""
    from pathlib import Path

    import wagtail

    site_packages = Path(wagtail.__file__).parent.parent
    for text, (path, code) in UPSTREAM_HARDCODED.items():
        source = (site_packages / path).read_text(encoding="utf-8")
        assert code in source, f"{text!r} is no longer hard-coded in {path}: remove its exception"


# --- what the editor sees after acting: messages, history, validation errors -------------


def _post_form(client, url: str, changes: dict):
    from tests.board.admin_forms import form_values

    values = form_values(client, url) | changes
    # StreamFields are drawn by JavaScript: post them empty (blank is allowed in both forms).
    for stream in ("body", "attachments"):
        values.setdefault(f"{stream}-count", "0")
    return client.post(url, values, follow=True, HTTP_ACCEPT="text/html")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_scheduling_the_home_page_answers_in_the_editors_language(staff_client, language):
    import datetime

    from django.utils import timezone

    client = staff_client("editor", language)
    home = _home("fi")
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    go_live = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    response = _post_form(client, url, {"go_live_at": go_live, "action-publish": "action-publish"})
    assert response.status_code == 200
    home.refresh_from_db()
    assert home.latest_revision.approved_go_live_at is not None, "the schedule was not saved"
    assert_no_english(response, language, where="the page explorer after scheduling")
    # The schedule in the page's history, and its editor with "Schedule to publish".
    for screen in ("history", "edit"):
        response = client.get(reverse(f"wagtailadmin_pages:{screen}", args=[home.pk]))
        assert_no_english(response, language, where=f"the page {screen} after scheduling")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_publishing_and_scheduling_a_meeting_answers_in_the_editors_language(staff_client, language):
    import datetime

    from django.utils import timezone

    from board.models import Meeting

    client = staff_client("editor", language)
    meeting = _in(Meeting, "fi")
    url = _snippet_url(Meeting, "edit", meeting.pk)
    response = _post_form(client, url, {"action-publish": "action-publish"})
    assert_no_english(response, language, where="the meetings list after publishing")
    # A schedule that ends before it begins: the form comes back with its errors.
    go_live = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    expire = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = _post_form(client, url, {"go_live_at": go_live, "expire_at": expire, "action-publish": "1"})
    assert response.redirect_chain == [], "an expiry before the go-live time was accepted"
    assert_no_english(response, language, where="the meeting form with a bad schedule")
    response = _post_form(client, url, {"go_live_at": go_live, "action-publish": "action-publish"})
    assert_no_english(response, language, where="the meetings list after scheduling")
    # Scheduled, the meeting is locked until it goes live: saving again is refused.
    response = _post_form(client, url, {"title": meeting.title + " (muutos)"})
    assert response.redirect_chain == [], "a scheduled meeting was saved"
    assert_no_english(response, language, where="the scheduled meeting's form")


# --- the client-side parts: JavaScript catalogues -----------------------------------------


def _js_catalogue(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(match.group(1)) if match else {}


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize(
    ("url_name", "package"),
    [
        ("wagtailadmin_javascript_catalog", "wagtail/admin"),
        ("wagtail_localize:javascript_catalog", "wagtail_localize"),
    ],
)
def test_javascript_catalogues_translate_every_client_side_string(
    client, translator, language, url_name, package
):
    """Wagtail's React/Stimulus parts and wagtail-localize's editor translate with these
    catalogues (locale/*/LC_MESSAGES/djangojs.po supplies what the packages lack)."""
    import polib
    from django.apps import apps

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = language
    profile.save()
    client.force_login(translator)
    served = _js_catalogue(client, reverse(url_name))
    app_path = next(
        app.path for app in apps.get_app_configs() if app.path.replace("\\", "/").endswith(package)
    )
    source = polib.pofile(f"{app_path}/locale/en/LC_MESSAGES/djangojs.po")
    missing = []
    for entry in source:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = served.get(key)
        if entry.msgid_plural:
            ok = isinstance(value, list) and all(value)
        else:
            ok = bool(value) and (value != entry.msgid or english_in_texts([entry.msgid], language) == [])
            # "Publish in " + the language's name: the translation must keep the space.
            ok = ok and value.endswith(" ") == entry.msgid.endswith(" ")
        if not ok:
            missing.append(entry.msgid)
    assert missing == [], f"{package} JavaScript strings without a (good) {language} translation: {missing}"
