"""The client's IP address (django-ipware), trusting X-Forwarded-For only as far as our own proxies.

One answer for every user of the address: the rate limits (ratelimit.py), the sign-in lockout
(django-axes, through AXES_CLIENT_IP_CALLABLE) and the audit log (audit.py).

TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the app. Each appends the address
it received the request from to X-Forwarded-For, and the last one connects to us (REMOTE_ADDR),
so with N proxies the client is the N-th entry from the right; anything further left was written
by the client and can be forged. In django-ipware's terms the chain it reads is X-Forwarded-For
alone, whose last N - 1 entries are proxies: `proxy_count=N - 1`, counted from the right. ipware
parses the header (ports, brackets, IPv4-mapped IPv6, junk tokens) and refuses a chain shorter
than that; then, or with no proxies, the client is the peer itself (REMOTE_ADDR). No other header
is read: every one of them (X-Real-IP, CF-Connecting-IP, …) can be sent by a client.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if forwarded:
            return forwarded
    # No proxies, or the request bypassed one: the peer's own address, normalised by ipware.
    peer, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"], strict=False)
    return peer or remote


def axes_client_ip(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: the same client address the rate limits use."""
    return client_ip(request)
