"""EMAIL_URL read into Django's e-mail settings. Imported by cms/settings, so it imports nothing
that reads the settings (cms/mail.py sends)."""

from __future__ import annotations

import environ
from django.core.exceptions import ImproperlyConfigured

# Ports whose protocol the scheme need not repeat: 587 is the submission port (STARTTLS),
# 465 the implicit-TLS one. `smtp://host:587` therefore sends with STARTTLS.
_STARTTLS_PORTS = {587}
_IMPLICIT_TLS_PORTS = {465}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _flag(value: str, name: str, default: bool) -> bool:
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"EMAIL_URL: {name}={value} is not true or false.")


def email_settings(url: str) -> dict:
    """The Django settings an EMAIL_URL stands for (django-environ's schemes: smtp://,
    smtp+tls:// or smtps:// for STARTTLS, smtp+ssl:// for implicit TLS, consolemail://,
    filemail:///path, memorymail://, dummymail://). `EMAIL_DELIVERY_BACKEND` is the backend
    that finally sends; a `?timeout=` gives the seconds to wait for the server."""
    config = environ.Env.email_url_config(url)
    options = {key.lower(): str(value).lower() for key, value in config.pop("OPTIONS", {}).items()}
    scheme = url.split(":", 1)[0].lower()
    port = config.get("EMAIL_PORT")
    use_tls = scheme in ("smtps", "smtp+tls") or (scheme == "smtp" and port in _STARTTLS_PORTS)
    use_ssl = scheme == "smtp+ssl" or (scheme == "smtp" and port in _IMPLICIT_TLS_PORTS)
    # django-environ leaves a query's use_tls/use_ssl as text: "false" must mean off.
    use_tls = _flag(options.pop("use_tls", ""), "use_tls", use_tls)
    use_ssl = _flag(options.pop("use_ssl", ""), "use_ssl", use_ssl)
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "EMAIL_URL: STARTTLS (use_tls) and implicit TLS (use_ssl) exclude each other."
        )
    for part in ("EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
        if not (config.get(part) or "").isascii():
            # smtplib signs in with ASCII only: the task would fail at every attempt.
            raise ImproperlyConfigured(
                f"EMAIL_URL: {part} has characters outside ASCII; SMTP sign-in needs ASCII."
            )
    timeout = options.pop("timeout", "")
    if options:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown options {', '.join(sorted(options))}.")
    return {
        "EMAIL_DELIVERY_BACKEND": config["EMAIL_BACKEND"],
        "EMAIL_HOST": config.get("EMAIL_HOST") or "localhost",
        "EMAIL_PORT": port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": config.get("EMAIL_HOST_USER") or "",
        "EMAIL_HOST_PASSWORD": config.get("EMAIL_HOST_PASSWORD") or "",
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": float(timeout) if timeout else 10.0,
        "EMAIL_FILE_PATH": config.get("EMAIL_FILE_PATH") or "",
    }
