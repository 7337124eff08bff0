"""The public subscription pages. They set no cookie, so Django's CSRF cookie is not used:

- the subscription form carries a token signed and dated by the server (alerts/tokens.py)
  instead; a form older than ALERTS_FORM_MAX_AGE or not made by the site is refused. A
  cross-site POST could at most ask for a confirmation message to an address, which anyone
  can do on the page itself; nothing is subscribed until the link in that message is used
  (double opt-in), and requests are rate-limited per client and per address;
- the confirmation and unsubscribe forms act only with the signed token in their address,
  which only the message's recipient has: it is the proof, as a CSRF token would be.

The form answers the same whether or not the address is already subscribed: the same page,
and the same confirmation message, which changes nothing until it is followed.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import tokens
from alerts.forms import SubscribeForm
from alerts.messages import confirmation_message
from alerts.models import ALERT_LANGUAGES, Kind, Subscription
from cms.security.clientip import client_ip
from cms.security.ratelimit import Rule, hit, too_many_requests

LANGUAGES = [code for code, _label in ALERT_LANGUAGES]


def _rate_rule() -> Rule:
    return Rule(
        name="alerts",
        path_regex="",
        requests=settings.ALERTS_RATELIMIT_REQUESTS,
        window=settings.ALERTS_RATELIMIT_WINDOW_SECONDS,
    )


def _first_request_for(email: str) -> bool:
    """True at most once per ALERTS_ADDRESS_INTERVAL_SECONDS per address: no flood of
    confirmation messages to one inbox, whoever asks."""
    key = "alerts:address:" + hashlib.sha256(email.encode()).hexdigest()
    return cache.add(key, 1, timeout=settings.ALERTS_ADDRESS_INTERVAL_SECONDS)


def _request_subscription(email: str, language: str, kinds: list[str]) -> None:
    if not _first_request_for(email):
        return
    # An unconfirmed row only where none exists: an existing subscription stays as it is
    # until its owner follows the link (which then applies these choices).
    Subscription.objects.get_or_create(email=email, defaults={"language": language})
    message = confirmation_message(email, language, kinds)
    transaction.on_commit(message.send)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    current = translation.get_language()
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            wait = hit(_rate_rule(), client_ip(request))
            if wait is not None:
                return too_many_requests(request, wait)
            data = form.cleaned_data
            _request_subscription(data["email"], data["language"], data["kinds"])
            return render(request, "alerts/requested.html", {})
        status = 400
    else:
        form = SubscribeForm(
            initial={"language": current if current in LANGUAGES else LANGUAGES[0], "kinds": Kind.values}
        )
        status = 200
    # A fresh token each time the form is shown (the template writes it, not the bound value).
    context = {"form": form, "form_token": tokens.form_token()}
    return render(request, "alerts/subscribe.html", context, status=status)


def _kinds(values) -> list[str]:
    return [value for value in values if value in Kind.values] if isinstance(values, list) else []


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = tokens.read_confirm_token(token)
    except tokens.Expired:
        return render(request, "alerts/link_invalid.html", {"expired": True}, status=410)
    kinds = _kinds(data.get("k")) if data else []
    if data is None or data.get("l") not in LANGUAGES or not kinds:
        return render(request, "alerts/link_invalid.html", {"expired": False}, status=400)
    labels = [label for value, label in Kind.choices if value in kinds]
    if request.method != "POST":
        # A link opened (or fetched by a mail scanner) changes nothing; the button does.
        return render(request, "alerts/confirm.html", {"email": data["e"], "kinds": labels})
    Subscription.objects.update_or_create(
        email=data["e"],
        defaults={
            "language": data["l"],
            "confirmed_at": timezone.now(),
            **{kind: kind in kinds for kind in Kind.values},
        },
    )
    return render(request, "alerts/confirmed.html", {"kinds": labels})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    data = tokens.read_unsubscribe_token(token)
    if data is None:
        return render(request, "alerts/link_invalid.html", {"expired": False}, status=400)
    if request.method != "POST":
        return render(request, "alerts/unsubscribe.html", {})
    # One-click (RFC 8058: the body is "List-Unsubscribe=One-Click") or the page's button alike.
    Subscription.objects.filter(pk=data["s"], email=data["e"]).delete()
    return render(request, "alerts/unsubscribed.html", {})
