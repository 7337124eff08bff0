"""The site-wide notification: edited by staff in the admin, translated through wagtail-localize,
served by /graphql/ exactly as react-helsinki-headless-cms's notification query asks, and only
while it is published and within its dates (cms/visibility.py `public_current_objects`)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from board.permissions import GROUP_NAME
from home.models import Notification
from tests.board.admin_forms import error_text, form_values
from tests.graphql.conftest import operations

LIBRARY_FIELDS = {"content", "title", "level", "startDate", "endDate", "linkText", "linkUrl"}


def served(gql, language: str) -> dict | None:
    return gql.run(operations()["notification"], {"language": language})["data"]["notification"]


def publish(notification: Notification) -> Notification:
    notification.save_revision().publish()
    notification.refresh_from_db()
    return notification


@pytest.fixture
def notification(translated_home, locales):
    link = f'<a linktype="page" id="{translated_home["fi"].pk}">etusivulta</a>'
    return publish(
        Notification.objects.create(
            locale=locales["fi"],
            title="Kokous siirtyy",
            content=f"<p>Huhtikuun kokous pidetään toukokuussa. Lisää {link}.</p>",
            level="high",
            link_url="https://www.hel.fi/fi/",
            link_text="Lue lisää",
            live=False,
        )
    )


def test_the_librarys_query_gets_the_notification_in_finnish_and_swedish(
    gql, notification, translate, translated_home
):
    fi = served(gql, "fi")
    assert set(fi) == LIBRARY_FIELDS
    assert fi["title"] == "Kokous siirtyy"
    assert (
        fi["level"] == "high" and fi["linkUrl"] == "https://www.hel.fi/fi/" and fi["linkText"] == "Lue lisää"
    )
    assert fi["startDate"] is None and fi["endDate"] is None
    # Rich text expanded: the page link is the home page's absolute address, no Wagtail markup.
    assert 'href="http://testserver/fi/"' in fi["content"] and "linktype" not in fi["content"]
    # Not yet translated: Swedish visitors get the Finnish original (the REST API's fallback).
    assert served(gql, "sv")["title"] == "Kokous siirtyy"

    swedish = translate(
        notification,
        "sv",
        {
            "Kokous siirtyy": "Mötet flyttas",
            "Lue lisää": "Läs mer",
            "Huhtikuun kokous pidetään toukokuussa. Lisää <a id='a1'>etusivulta</a>.": (
                "Aprilmötet hålls i maj. Mer på <a id='a1'>startsidan</a>."
            ),
        },
    )
    assert swedish.live and swedish.locale.language_code == "sv"
    sv = served(gql, "sv")
    assert sv["title"] == "Mötet flyttas" and sv["linkText"] == "Läs mer"
    assert sv["level"] == "high" and sv["linkUrl"] == "https://www.hel.fi/fi/"
    # Its link leads to the Swedish home page.
    assert 'href="http://testserver/sv/"' in sv["content"], sv["content"]
    assert served(gql, "en")["title"] == "Kokous siirtyy"


def test_dates_are_the_schedule_and_only_a_current_published_one_is_served(gql, notification, locales):
    now = timezone.now()
    notification.go_live_at = now - datetime.timedelta(hours=1)
    notification.expire_at = now + datetime.timedelta(days=2)
    notification.save()
    on = served(gql, "fi")
    assert datetime.datetime.fromisoformat(on["startDate"]) == notification.go_live_at
    assert datetime.datetime.fromisoformat(on["endDate"]) == notification.expire_at

    # Expired, though scheduled publishing has not taken it down yet: not served.
    Notification.objects.filter(pk=notification.pk).update(expire_at=now - datetime.timedelta(minutes=1))
    assert served(gql, "fi") is None
    # Not on before its start either.
    Notification.objects.filter(pk=notification.pk).update(
        go_live_at=now + datetime.timedelta(hours=1), expire_at=None
    )
    assert served(gql, "fi") is None
    # Unpublished: not served, and a draft never is.
    Notification.objects.filter(pk=notification.pk).update(go_live_at=None)
    assert served(gql, "fi")["title"] == "Kokous siirtyy"
    notification.refresh_from_db()
    notification.unpublish()
    assert served(gql, "fi") is None
    draft = Notification.objects.create(locale=locales["fi"], title="Luonnos", live=False)
    draft.save_revision()
    assert served(gql, "fi") is None
    # The most recently published one of several is shown.
    publish(Notification.objects.create(locale=locales["fi"], title="Vanhempi", live=False))
    publish(Notification.objects.create(locale=locales["fi"], title="Uusin", live=False))
    assert served(gql, "sv")["title"] == "Uusin"


def test_scheduled_publishing_takes_an_expired_notification_down(gql, notification):
    from django.core.management import call_command

    Notification.objects.filter(pk=notification.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    notification.refresh_from_db()
    assert not notification.live and notification.expired
    assert served(gql, "fi") is None


def test_staff_create_and_publish_a_notification_through_the_finnish_admin(client, translated_home, gql):
    user = get_user_model().objects.create_user("tiedottaja", "tiedottaja@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fi"
    profile.save()
    client.force_login(user)

    index = client.get(reverse("wagtailsnippets_home_notification:list"))
    assert index.status_code == 200
    url = reverse("wagtailsnippets_home_notification:add")
    page = client.get(url)
    assert page.status_code == 200 and 'lang="fi"' in page.content.decode()
    assert "Julkaise" in page.content.decode()  # Wagtail's own Finnish: the editor works in Finnish
    data = form_values(client, url)
    content = {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "Verkkopalvelu on huoltokatkolla lauantaina.",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
    end = timezone.localtime() + datetime.timedelta(days=3)
    data.update(
        {
            "title": "Huoltokatko",
            "content": json.dumps(content),
            "level": "info",
            "link_url": "https://www.hel.fi/fi/",
            "link_text": "Lisätietoja",
            "expire_at": end.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, error_text(response)
    created = Notification.objects.get()
    assert created.live and created.locale.language_code == "fi" and created.expire_at is not None

    on = served(gql, "fi")
    assert on["title"] == "Huoltokatko" and on["level"] == "info"
    assert "Verkkopalvelu on huoltokatkolla lauantaina." in on["content"]
    assert on["endDate"] and on["linkText"] == "Lisätietoja"
