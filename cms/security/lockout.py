"""What a locked-out admin sees: the Wagtail sign-in page with a clear message (HTTP 429)."""

import logging
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from .clientip import client_ip
from .forms import LoginForm

logger = logging.getLogger("cms.security")


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
