"""Sign-in lockout that a stranger cannot aim, and what a locked-out admin sees.

django-axes counts failures per pair of user name and client address (AXES_LOCKOUT_PARAMETERS):
five wrong passwords from one address lock that user name there only, so someone who knows a
user name cannot lock its owner out from elsewhere. One address guessing many user names is
locked for all of them after LOGIN_ADDRESS_FAILURE_LIMIT failures, a higher limit
(LockoutHandler). A locked-out admin gets the Wagtail sign-in page with a clear message (429).
"""

import logging
import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from .clientip import client_ip
from .forms import LoginForm

logger = logging.getLogger("cms.security")


def address_failures(request: HttpRequest, ip_address: str) -> int:
    """Failures from one client address, whatever the user names, within the cool-off."""
    if getattr(request, "axes_attempt_time", None) is None:
        request.axes_attempt_time = None  # axes' own reading: "now"
    threshold = get_cool_off_threshold(request)
    recent = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=threshold)
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database handler, plus the per-address limit.

    Axes compares `get_failures` with AXES_FAILURE_LIMIT both when it records a failure and
    before it checks a password; an address past its own limit counts as at that limit.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        if address_failures(request, ip_address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def cool_off_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    hours = cool_off.total_seconds() / 3600 if hasattr(cool_off, "total_seconds") else float(cool_off)
    return max(1, math.ceil(hours * 60))


def lockout_message() -> str:
    minutes = cool_off_minutes()
    return ngettext(
        "Too many failed sign-in attempts. Sign-in is blocked for %(minutes)d minute; try again after that.",
        "Too many failed sign-in attempts. Sign-in is blocked for %(minutes)d minutes; try again after that.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: render the sign-in page with the lockout as its error."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    logger.warning("Admin sign-in locked out: username=%r ip=%s", username, client_ip(request))
    form = LoginForm(request, initial={"username": username})
    form.cleaned_data = {}
    form.add_error(None, lockout_message())
    return TemplateResponse(
        request,
        "wagtailadmin/login.html",
        {"form": form, "next": request.POST.get("next", ""), "show_password_reset": False},
        status=429,
    ).render()
