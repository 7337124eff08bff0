"""TOTP two-factor authentication for the Wagtail admin (django-otp).

Any admin user may enrol an authenticator app; once enrolled, every admin session must
be verified with a code. With ADMIN_REQUIRE_2FA on, superusers must enrol: until their
session is verified, every admin URL sends them to enrolment or verification.
"""

from base64 import b32encode
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_PREFIX = "/admin/"
# Reachable before verification: signing in and out, the 2FA views, and static helpers.
EXEMPT_ADMIN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/two-factor/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite/",
)
DEVICE_NAME = "authenticator"


def has_device(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def verification_required(user) -> bool:
    """Enrolled users always verify; superusers must when ADMIN_REQUIRE_2FA is on."""
    if not user.is_authenticated or user.is_verified():
        return False
    if has_device(user):
        return True
    return bool(getattr(settings, "ADMIN_REQUIRE_2FA", False) and user.is_superuser)


class AdminTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(EXEMPT_ADMIN_PATHS)
            and verification_required(request.user)
        ):
            view = "cms_security_2fa_verify" if has_device(request.user) else "cms_security_2fa_setup"
            return HttpResponseRedirect(f"{reverse(view)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self._check = check
        self.device = None

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().replace(" ", "")
        self.device = self._check(token)
        if self.device is None:
            raise forms.ValidationError(_("The code is wrong or has expired. Enter the current code."))
        return token


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return reverse("wagtailadmin_home")


def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret (and its otpauth URI), confirm with a code."""
    user = request.user
    if has_device(user) and not user.is_verified():
        return redirect(f"{reverse('cms_security_2fa_verify')}?{urlencode({'next': _next_url(request)})}")
    # The pending (unconfirmed) device keeps its key across reloads until confirmed.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name=DEVICE_NAME)

    def check(token):
        return device if device.verify_token(token) else None

    form = TokenForm(request.POST or None, check=check)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Older enrolments are replaced by the one just confirmed.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        otp_login(request, device)
        messages.success(request, _("Two-step verification is on for your account."))
        return redirect(_next_url(request))
    context = {
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "config_url": device.config_url,
        "qr_svg": _qr_svg(device.config_url),
        "next": _next_url(request),
    }
    return render(request, "security/two_factor_setup.html", context)


def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the current code after signing in."""
    if not has_device(request.user):
        return redirect(f"{reverse('cms_security_2fa_setup')}?{urlencode({'next': _next_url(request)})}")

    def check(token):
        return match_token(request.user, token)

    form = TokenForm(request.POST or None, check=check)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "security/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(data: str) -> str | None:
    """The otpauth URI as an inline SVG QR code, when segno is installed."""
    try:
        import segno
    except ImportError:
        return None
    return segno.make(data, error="m").svg_data_uri(scale=4)
