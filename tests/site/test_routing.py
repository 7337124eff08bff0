"""Page serving with fewer queries (cms/routing.py) gives exactly Wagtail's results."""

from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from board.models import MinutesArchivePage
from cms import routing
from home.models import StandardPage


def _plain(result):
    """A route result to compare: the page, and views by their function (not bound to an instance)."""
    if result is None:
        return None
    page, args, kwargs = result
    # A routable page's sub-route: (bound view, args, kwargs).
    args = tuple(getattr(a, "__func__", a) for a in args)
    return page.pk, type(page), args, kwargs


def wagtail_route(path: str, language: str):
    """What Wagtail itself routes `path` to (its own Page.route_for_request)."""
    request = RequestFactory().get(path)
    with translation.override(language):
        result = Page.route_for_request(request, path.split("/", 2)[2])
    return _plain(result)


def our_route(path: str, language: str):
    request = RequestFactory().get(path)
    with translation.override(language):
        result = routing.route(request, path.split("/", 2)[2])
    return _plain(result)


def test_every_live_page_sub_route_and_unknown_path_routes_as_in_wagtail(demo):
    paths = []
    for page in Page.objects.live().filter(depth__gte=2).specific():
        language = page.locale.language_code
        url = page.get_url()
        paths.append((url, language))
        paths.append((url + "no-such-page/", language))
    archive = MinutesArchivePage.objects.live().filter(locale__language_code="fi").first()
    base = archive.get_url()
    paths += [
        (base + "2025/", "fi"),
        (base + "1900/", "fi"),
        (base + "2025/1/", "fi"),
        (base + "2025/1/ical/", "fi"),
        (base + "2025/999/", "fi"),
        ("/fi/kokousmuistiot/2025/1/extra/", "fi"),
        ("/sv/", "sv"),
        ("/en/", "en"),
    ]
    assert len(paths) > 20
    for path, language in paths:
        assert our_route(path, language) == wagtail_route(path, language), path


def test_unpublished_page_is_not_found_but_its_live_children_still_are(client, demo):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    section = home.add_child(instance=Page(title="Osio", slug="osio", live=False))
    child = section.add_child(instance=Page(title="Alasivu", slug="alasivu", live=True))
    assert our_route("/fi/osio/", "fi") is None
    assert our_route("/fi/osio/", "fi") == wagtail_route("/fi/osio/", "fi")
    assert our_route("/fi/osio/alasivu/", "fi")[0] == child.pk
    assert our_route("/fi/osio/alasivu/", "fi") == wagtail_route("/fi/osio/alasivu/", "fi")


def test_a_private_page_still_asks_for_login(client, demo):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    private = home.add_child(instance=StandardPage(title="Sisäinen", slug="sisainen", live=True))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    child = private.add_child(instance=StandardPage(title="Alasivu", slug="alasivu", live=True))
    # An alias elsewhere in the tree is restricted by its source page's restrictions.
    alias = private.create_alias(parent=home, update_slug="sisainen-kopio")
    open_page = home.add_child(instance=StandardPage(title="Avoin", slug="avoin", live=True))
    assert client.get(open_page.get_url()).status_code == 200
    assert list(open_page.specific.get_view_restrictions()) == []
    alias = alias.specific
    for page in (private, child, alias):
        assert isinstance(page, StandardPage)  # the site's own get_view_restrictions
        response = client.get(page.get_url())
        assert response.status_code == 302 and "login" in response["Location"]
        assert list(page.specific.get_view_restrictions()) == list(Page.get_view_restrictions(page))


def test_a_changed_site_is_used_by_the_next_request(client, demo):
    assert client.get("/fi/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "elsewhere.example"
    site.save()  # bumps the content version: every process re-reads the sites
    assert client.get("/fi/").status_code == 404
    site.is_default_site = True
    site.save()
    assert client.get("/fi/").status_code == 200


def test_site_matching_follows_wagtails_rules(demo):
    default = Site.objects.get(is_default_site=True)
    root = default.root_page
    Site.objects.create(hostname="toinen.example", port=80, root_page=root)
    Site.objects.create(hostname="toinen.example", port=8080, root_page=root)
    factory = RequestFactory()
    for host in ("toinen.example", "toinen.example:8080", "toinen.example:9999", "muu.example", "testserver"):
        request = factory.get("/fi/", HTTP_HOST=host)
        expected = Site._find_for_request(factory.get("/fi/", HTTP_HOST=host))
        assert routing.find_site(request) == expected, host


def test_meeting_urls_match_the_archives_own(demo):
    archive = MinutesArchivePage.objects.live().filter(locale__language_code="sv").first()
    for year, number in [(2025, 1), (1987, 12), (2026, 3)]:

        class M:
            pass

        meeting = M()
        meeting.year, meeting.number = year, number
        assert archive.meeting_url(meeting, "/base/") == f"/base/{year}/{number}/"
        assert archive.meeting_url(meeting, "/base/", name="meeting_ics") == f"/base/{year}/{number}/ical/"
        # The archive's own routing takes them back to the meeting.
        match = archive.resolve_subpage(f"/{year}/{number}/")
        assert (match.url_name, match.kwargs) == ("meeting", {"year": year, "number": number})


def test_demo_home_page_is_rendered_in_five_queries(client, demo, settings, django_assert_num_queries):
    settings.APP_CACHE_ENABLED = False  # render it: no whole-response copy
    client.get("/fi/")  # the site configuration is read once per content version
    # The page, the footer, the menu with the page's translations, and
    # the documents and pages its body links to (one query each, however many links).
    with django_assert_num_queries(5):
        assert client.get("/fi/").status_code == 200
