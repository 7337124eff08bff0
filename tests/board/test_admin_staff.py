"""The communications group, the admin listings' filters and search, and the "to do" panel."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page
from wagtail.permissions import policy_registry

from board import factories as f
from board.models import Meeting, MeetingStatus, RoleKind, SeatGroup
from board.permissions import GROUP_NAME, ensure_communications_group
from documents.factories import DocumentFactory
from tests.board.admin_forms import form_values, use_english
from tests.board.scenario import build_board

EXPECTED_MODEL_PERMISSIONS = {
    "wagtailadmin.access_admin",
    *(
        f"board.{a}_{m}"
        for m in ("term", "seat", "role", "organisation", "person", "membership")
        for a in ("add", "change", "delete")
    ),
    *(
        f"board.{a}_{m}"
        for m in ("meeting", "event")
        for a in ("add", "change", "delete", "publish", "lock", "unlock")
    ),
    *(f"home.{a}_notification" for a in ("add", "change", "delete", "publish")),
}


@pytest.fixture
def staff(db, home_page):
    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    use_english(user)
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_migration_creates_the_group_with_exactly_the_staff_permissions(db):
    group = Group.objects.get(name=GROUP_NAME)
    codenames = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert codenames == EXPECTED_MODEL_PERMISSIONS
    pages = {(p.page.depth, p.permission.codename) for p in GroupPagePermission.objects.filter(group=group)}
    assert pages == {(1, "add_page"), (1, "change_page"), (1, "publish_page")}
    docs = {p.permission.codename for p in GroupCollectionPermission.objects.filter(group=group)}
    assert docs == {"add_document", "change_document", "choose_document"}


def test_group_helper_is_idempotent(db):
    before = (
        Group.objects.get(name=GROUP_NAME).permissions.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    ensure_communications_group()
    ensure_communications_group()
    after = (
        Group.objects.get(name=GROUP_NAME).permissions.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    assert before == after
    assert Group.objects.filter(name=GROUP_NAME).count() == 1


def test_staff_can_publish_a_meeting_through_the_admin(staff_client, board_pages):
    url = reverse("wagtailsnippets_board_meeting:add")
    data = form_values(staff_client, url)
    data.update(
        {
            "title": "Viestinnän kokous",
            "number": "5",
            "start": "2025-10-01 16:00",
            "status": "planned",
            "attachments-count": "0",
            "action-publish": "action-publish",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    assert Meeting.objects.get().live
    for name in ("membership", "person", "seat", "role", "term", "event"):
        assert staff_client.get(reverse(f"wagtailsnippets_board_{name}:list")).status_code == 200, name


def test_staff_can_edit_and_publish_pages_and_upload_documents(staff, staff_client, board_pages):
    page = board_pages["archive"]
    permissions = page.permissions_for_user(staff)
    assert permissions.can_edit() and permissions.can_publish()
    assert Page.objects.get(depth=2).permissions_for_user(staff).can_add_subpage()
    assert staff_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    document_policy = policy_registry.get_by_type(get_document_model())
    assert document_policy.user_has_permission(staff, "add")
    assert document_policy.user_has_permission(staff, "change")
    assert staff_client.get(reverse("wagtaildocs:add")).status_code == 200
    # "change" on the root collection covers every document (Wagtail lets it delete, too).
    other = DocumentFactory(title="Muun asiakirja", kind="other", read=False)
    assert document_policy.user_has_permission_for_instance(staff, "change", other)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailusers_users:index",
        "wagtailusers_groups:index",
        "wagtailsites:index",
        "wagtailadmin_workflows:index",
    ],
)
def test_staff_cannot_manage_users_groups_sites_or_workflows(staff_client, url_name):
    response = staff_client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_staff_has_no_superuser_powers(staff):
    assert not staff.is_superuser
    assert not staff.has_perm("auth.change_user")
    assert not staff.has_perm("auth.change_group")
    assert not staff.has_perm("wagtailcore.change_site")


def _index_rows(client, name, **params):
    response = client.get(reverse(f"wagtailsnippets_board_{name}:list"), params)
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    return [
        " ".join(r.text_content().split()) for r in doc.xpath("//table[contains(@class,'listing')]//tbody/tr")
    ]


def test_meeting_listing_filters_by_year_and_status_and_searches(admin_client, superuser, locales):
    use_english(superuser)
    f.MeetingFactory(number=1, start=timezone.make_aware(datetime.datetime(2024, 2, 1, 16)), title="Helmikuu")
    f.MeetingFactory(
        number=2,
        start=timezone.make_aware(datetime.datetime(2025, 3, 1, 16)),
        title="Maaliskuu",
        status="held",
    )
    f.MeetingFactory(number=3, start=timezone.make_aware(datetime.datetime(2025, 4, 1, 16)), title="Huhtikuu")
    rows = _index_rows(admin_client, "meeting", year=2025)
    assert len(rows) == 2 and all("2025" in r for r in rows)
    rows = _index_rows(admin_client, "meeting", year=2025, status=MeetingStatus.HELD)
    assert len(rows) == 1 and "Maaliskuu" in rows[0]
    rows = _index_rows(admin_client, "meeting", q="Huhtikuu")
    assert len(rows) == 1 and "Huhtikuu" in rows[0]
    rows = _index_rows(admin_client, "meeting")
    assert ["3/2025" in rows[0], "2/2025" in rows[1], "1/2024" in rows[2]] == [True] * 3  # newest first


def test_membership_listing_filters_by_term_role_and_group_and_searches(
    admin_client, superuser, roles, seats, terms, board_pages
):
    use_english(superuser)
    build_board(roles, seats, terms)
    rows = _index_rows(admin_client, "membership", role=RoleKind.CHAIR)
    assert len(rows) == 1 and "Aino Puheenjohtaja" in rows[0]
    rows = _index_rows(admin_client, "membership", term=terms["previous"].pk)
    assert sorted(r.split(" Edit")[0] for r in rows) == ["Eero Entinen", "Hilkka Jatkaja"]
    rows = _index_rows(admin_client, "membership", group=SeatGroup.AGENCIES, term=terms["current"].pk)
    assert len(rows) == 3
    rows = _index_rows(admin_client, "membership", q="Lähtijä")
    assert len(rows) == 1 and "Lauri Lähtijä" in rows[0]


def _make_todo_meetings(n_extra: int = 0):
    now = timezone.now()
    agenda = DocumentFactory(title="Esityslista", kind="agenda", read=False)
    minutes = DocumentFactory(title="Pöytäkirja", kind="minutes", read=False)
    made = {
        "needs_agenda": f.MeetingFactory(
            number=1, start=now + datetime.timedelta(days=10), title="Ei esityslistaa"
        ),
        "has_agenda": f.MeetingFactory(
            number=2, start=now + datetime.timedelta(days=40), title="Esityslista valmis", agenda=agenda
        ),
        "needs_minutes": f.MeetingFactory(
            number=3, start=now - datetime.timedelta(days=10), title="Pöytäkirja puuttuu", status="held"
        ),
        "stale_status": f.MeetingFactory(
            number=4,
            start=now - datetime.timedelta(days=20),
            title="Tila päivittämättä",
            agenda=agenda,
            minutes=minutes,
            status=MeetingStatus.AGENDA_PUBLISHED,
        ),
        "done": f.MeetingFactory(
            number=5,
            start=now - datetime.timedelta(days=30),
            title="Valmis kokous",
            agenda=agenda,
            minutes=minutes,
            status=MeetingStatus.MINUTES_APPROVED,
        ),
        "cancelled": f.MeetingFactory(
            number=6, start=now - datetime.timedelta(days=5), title="Peruttu", status=MeetingStatus.CANCELLED
        ),
    }
    for i in range(n_extra):
        f.MeetingFactory(
            number=100 + i,
            start=now - datetime.timedelta(days=400 + i),
            agenda=agenda,
            minutes=minutes,
            status=MeetingStatus.MINUTES_APPROVED,
            title=f"Vanha {i}",
        )
    return made


def test_admin_home_lists_meetings_that_need_an_agenda_or_minutes(admin_client, superuser, locales):
    use_english(superuser)
    made = _make_todo_meetings()
    doc = lxml_html.fromstring(admin_client.get(reverse("wagtailadmin_home")).content.decode())
    agenda_items = " ".join(doc.xpath('//ul[contains(@class,"board-todo--agenda")]//text()'))
    minutes_items = " ".join(doc.xpath('//ul[contains(@class,"board-todo--minutes")]//text()'))
    assert "Ei esityslistaa" in agenda_items and "Esityslista valmis" not in agenda_items
    assert "Pöytäkirja puuttuu" in minutes_items
    assert "Tila päivittämättä" in minutes_items and "status not updated" in minutes_items
    for title in ("Valmis kokous", "Peruttu"):
        assert title not in agenda_items + minutes_items
    edit = reverse("wagtailsnippets_board_meeting:edit", args=[made["needs_agenda"].pk])
    assert edit in doc.xpath('//ul[contains(@class,"board-todo")]//a/@href')


def test_admin_home_panel_query_count_does_not_grow(admin_client, locales):
    _make_todo_meetings()
    admin_client.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as small:
        admin_client.get(reverse("wagtailadmin_home"))
    f.MeetingFactory.reset_sequence()
    for i in range(30):
        now = timezone.now()
        f.MeetingFactory(number=200 + i, start=now + datetime.timedelta(days=60 + i), title=f"Tuleva {i}")
        f.MeetingFactory(number=300 + i, start=now - datetime.timedelta(days=60 + i), title=f"Mennyt {i}")
    # Warm, as for the small count: the first request after a change re-reads the site configuration.
    admin_client.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as large:
        admin_client.get(reverse("wagtailadmin_home"))
    assert len(large) == len(small)


def test_staff_without_meeting_rights_sees_no_panel(client, db, home_page, locales):
    _make_todo_meetings()
    user = get_user_model().objects.create_user("muu", "muu@example.invalid", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert b"board-meetings-to-do" not in client.get(reverse("wagtailadmin_home")).content
