"""Signed tokens (django.core.signing): the subscription form's, the confirmation link's
(expiring) and the unsubscribe link's. None of them needs a cookie or a session."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

FORM_SALT = "alerts.form"
CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def form_token() -> str:
    return signing.dumps("subscribe", salt=FORM_SALT)


def form_token_valid(token: str) -> bool:
    try:
        return signing.loads(token, salt=FORM_SALT, max_age=settings.ALERTS_FORM_MAX_AGE) == "subscribe"
    except signing.BadSignature:
        return False


def confirm_token(email: str, language: str, kinds: list[str]) -> str:
    return signing.dumps({"e": email, "l": language, "k": sorted(kinds)}, salt=CONFIRM_SALT, compress=True)


class Expired(Exception):
    pass


def read_confirm_token(token: str) -> dict | None:
    """The request the link confirms; None when tampered with; Expired when too old."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.ALERTS_CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"e", "l", "k"} <= data.keys():
        return None
    return data


def unsubscribe_token(subscription) -> str:
    # The address is part of the signed value: a token names one subscription of one address.
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and {"s", "e"} <= data.keys() else None
