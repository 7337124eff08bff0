"""The messages: a confirmation request and an alert, plain text and HTML, in the
subscriber's language; alerts carry RFC 8058 one-click unsubscribe headers."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alerts import tokens
from alerts.models import Kind
from board.localization import localize
from board.models import CalendarPage, MinutesArchivePage
from cms import visibility
from cms.absolute_urls import absolute_url, page_url
from cms.locales import locales_by_code

# Stands for each subscriber's own unsubscribe address in a text rendered once per language.
UNSUBSCRIBE_PLACEHOLDER = "__alerts_unsubscribe_url__"


def unsubscribe_url(subscription) -> str:
    with translation.override(subscription.language):
        return absolute_url(reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)]))


def confirmation_message(email: str, language: str, kinds: list[str]) -> EmailMultiAlternatives:
    with translation.override(language):
        url = absolute_url(reverse("alerts:confirm", args=[tokens.confirm_token(email, language, kinds)]))
        context = {
            "confirm_url": url,
            "kinds": [label for value, label in Kind.choices if value in kinds],
            "hours": settings.ALERTS_CONFIRM_MAX_AGE // 3600,
        }
        subject = _("Confirm your e-mail alerts from the Volunteer Work Advisory Board")
        text = render_to_string("alerts/email/confirm.txt", context)
        html = render_to_string("alerts/email/confirm.html", context | {"language": language})
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [email], headers={"Content-Language": language}
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class Rendered:
    language: str
    subject: str
    text: str
    html: str


def _meeting_url(item, locales) -> str | None:

    archives = {
        a.locale_id: a for a in visibility.public_pages(MinutesArchivePage).filter(locale__in=locales)
    }
    archive = next((archives[loc.pk] for loc in locales if loc.pk in archives), None)
    base = page_url(archive) if archive else None
    return archive.meeting_url(item, base) if base else None


def _calendar_url(locale) -> str | None:

    calendar = visibility.public_pages(CalendarPage).filter(locale=locale).first()
    return page_url(calendar) if calendar else None


def render_alert(announcement, source, language: str) -> Rendered:
    """The alert of `announcement` about `source` (the Finnish row) in `language`, with the
    unsubscribe address left as UNSUBSCRIBE_PLACEHOLDER."""

    locale = locales_by_code().get(language)
    with translation.override(language):
        item = localize([source], locale)[0]
        start = date_format(timezone.localtime(item.start), "DATETIME_FORMAT")
        context = {"item": item, "start": start, "kind": announcement.kind, "language": language}
        if announcement.kind == Kind.EVENT:
            subject = _("New event: %(title)s") % {"title": item.title}
            context["url"] = _calendar_url(locale) or _calendar_url(source.locale)
            context["document"] = item.document
        else:
            label = _("Agenda published") if announcement.kind == Kind.AGENDA else _("Minutes approved")
            subject = f"{label}: {item.reference} {item.title}"
            context["label"] = label
            context["url"] = _meeting_url(item, [locale, source.locale])
            context["document"] = item.agenda if announcement.kind == Kind.AGENDA else item.minutes
        if context.get("document") is not None:
            context["document_url"] = absolute_url(context["document"].url)
        context["unsubscribe_url"] = UNSUBSCRIBE_PLACEHOLDER
        text = render_to_string("alerts/email/alert.txt", context)
        html = render_to_string("alerts/email/alert.html", context)
    return Rendered(language, subject, text, html)


def alert_message(rendered: Rendered, subscription) -> EmailMultiAlternatives:
    url = unsubscribe_url(subscription)
    message = EmailMultiAlternatives(
        rendered.subject,
        rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers={
            # RFC 8058: a POST to this https address unsubscribes, with no further step.
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": rendered.language,
        },
    )
    message.attach_alternative(rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, url), "text/html")
    return message
