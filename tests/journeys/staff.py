"""What the journeys of journeys 5–7 share: the board's site in fi/sv/en, staff accounts
in their groups with their admin language, a browser that reaches only the live server,
the real login form, and the check that no English is left on an admin screen.

Content is made through the same code paths as the demo (`home.demo`, `board.demo`'s
texts, wagtail-localize for the translations), but only what the journeys need, so
each journey stays well under a minute.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from tests.browser_context import browser_context  # noqa: F401 - the journeys' browser
from tests.conftest import CHROMIUM

STAFF_PASSWORD = "journey-salasana-7"

journey_marks = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class BoardSite:
    """The home page and the board's three pages, each {language code: page}."""

    home: dict = field(default_factory=dict)
    directory: dict = field(default_factory=dict)
    archive: dict = field(default_factory=dict)
    calendar: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    term: object = None


def _in_languages(page) -> dict:
    return {t.locale.language_code: t.specific for t in page.get_translations(inclusive=True)}


def build_board_site() -> BoardSite:
    """fi/sv/en home page, member directory, minutes archive and calendar; the roles in three
    languages; the current term. Everything a visitor reaches is live."""
    from board import demo as board_demo
    from board.models import CalendarPage, MemberDirectoryPage, MinutesArchivePage, Role, Term
    from cms.localize_programmatic import translate_object
    from home import demo as home_demo

    home_demo.ensure_locales()
    site = BoardSite()
    home = home_demo.load()
    home_demo.translate_home(home)
    site.home = _in_languages(home)
    slots = {MemberDirectoryPage: "directory", MinutesArchivePage: "archive", CalendarPage: "calendar"}
    for model, slug, title, intro, translations in board_demo.PAGES:
        page = board_demo._child(home, model, slug, title=title, intro=f"<p>{intro}</p>")
        for code, (t_title, t_slug, t_intro) in translations.items():
            translate_object(page, code, {title: t_title, slug: t_slug, intro: t_intro})
        setattr(site, slots[model], _in_languages(page))

    fi = Locale.objects.get(language_code="fi")
    for order, (kind, name, sv, en) in enumerate(board_demo.ROLES):
        role = Role.objects.create(kind=kind, name=name, sort_order=order, locale=fi)
        translate_object(role, "sv", {name: sv})
        translate_object(role, "en", {name: en})
        site.roles[kind] = role
    today = timezone.localdate()
    site.term = Term.objects.create(
        start_date=today - datetime.timedelta(days=300), end_date=today + datetime.timedelta(days=430)
    )
    return site


def staff_user(username: str, group_name: str, language: str, first_name: str, last_name: str):
    """A member of `group_name` only (not a superuser), whose admin is in `language`."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.invalid", STAFF_PASSWORD, first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    assert not user.is_superuser
    return user


# The login form before anyone is known: in the browser's language.
LOGIN_TEXTS = {
    "fi": {"username": "Käyttäjätunnus", "password": "Salasana", "submit": "Kirjaudu sisään"},
    "sv": {"username": "Användarnamn", "password": "Lösenord", "submit": "Logga in"},
}


class AdminScreens:
    """Every admin screen a journey visits, checked for English interface strings.

    The findings are collected and asserted at the end of the journey, so one untranslated
    string does not hide what the rest of the journey would show."""

    def __init__(self, language: str):
        self.language = language
        self.findings: dict[str, list] = {}

    def check(self, page, where: str = "") -> None:
        from tests.admin_language import english_strings_on

        found = english_strings_on(page, self.language)
        if found:
            self.findings.setdefault(where or page.url, []).extend(str(f) for f in found)

    def assert_no_english(self) -> None:
        assert not self.findings, f"English in the {self.language} admin:\n" + "\n".join(
            f"  {where}: {finding}" for where, found in self.findings.items() for finding in found
        )


def log_in(page, base_url: str, user, language: str, screens: AdminScreens) -> None:
    """Sign in through the admin's own login form, as the user would."""
    from playwright.sync_api import expect

    texts = LOGIN_TEXTS[language]
    page.goto(f"{base_url}/admin/")
    page.get_by_label(texts["username"]).fill(user.username)
    page.get_by_role("textbox", name=re.compile(rf"^{texts['password']}\*?$")).fill(STAFF_PASSWORD)
    screens.check(page, "login")
    page.get_by_role("button", name=texts["submit"]).click()
    expect(page).to_have_url(f"{base_url}/admin/")
    screens.check(page, "dashboard")


def open_menu(page, section: str, item: str | None = None) -> None:
    """Click a section of the admin's sidebar menu, then one of its items."""
    sidebar = page.locator("aside")
    if item is None:
        sidebar.get_by_role("link", name=section, exact=True).click()
        return
    sidebar.get_by_role("button", name=section, exact=True).click()
    sidebar.get_by_role("link", name=item, exact=True).click()
