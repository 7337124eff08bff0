"""Per-client-IP rate limits on search and the API: 429 + Retry-After, shared through the cache."""

import uuid

import pytest
from django.test import override_settings

API_RULE = {"name": "api", "path_regex": r"^/api/", "requests": 3, "window": 60}
SEARCH_RULE = {
    "name": "search",
    "path_regex": r"^/(fi|sv|en)/(haku|sok|search)/",
    "requests": 2,
    "window": 60,
}


@override_settings(RATELIMIT_RULES=[API_RULE])
def test_api_answers_429_with_retry_after_past_the_limit(client, translated_home):
    for _ in range(3):
        assert client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.1").status_code == 200
    response = client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.1", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "application/problem+json"
    assert "Try again in" in response.json()["detail"]
    # Another client is not affected.
    assert client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.2").status_code == 200


@override_settings(RATELIMIT_RULES=[SEARCH_RULE])
def test_search_is_limited_per_ip_in_every_language(client, translated_home):
    assert client.get("/fi/haku/", {"q": "vapaaehtoistyö"}, REMOTE_ADDR="192.0.2.5").status_code == 200
    assert client.get("/sv/sok/", {"q": "frivilligt"}, REMOTE_ADDR="192.0.2.5").status_code == 200
    response = client.get("/en/search/", {"q": "board"}, REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "Too many requests" in response.content.decode()
    # Pages other than search are never limited.
    assert client.get("/fi/", REMOTE_ADDR="192.0.2.5").status_code == 200


@override_settings(RATELIMIT_RULES=[API_RULE], TRUSTED_PROXY_COUNT=0)
def test_a_forged_forwarded_for_header_does_not_escape_the_limit_without_trusted_proxies(client, db):
    statuses = [
        client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses[-1] == 429


@override_settings(RATELIMIT_RULES=[API_RULE], TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_last_forwarded_address(client, db):
    proxy = "10.1.1.1"
    # The client forges addresses to the left; our proxy appends the real one on the right.
    forged = [
        client.get(
            "/api/v3/pages/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.4"
        ).status_code
        for n in range(4)
    ]
    assert forged[-1] == 429
    other = client.get("/api/v3/pages/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.5")
    assert other.status_code != 429


@override_settings(RATELIMIT_RULES=[API_RULE], RATELIMIT_ENABLED=False)
def test_limits_can_be_switched_off(client, db):
    assert all(client.get("/api/v3/pages/").status_code != 429 for _ in range(5))


def _redis_available() -> bool:
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.skipif(not _redis_available(), reason="needs Redis on 127.0.0.1:6379")
def test_counters_live_in_the_shared_cache_so_all_app_servers_agree(client, db):
    prefix = f"ratelimit-test-{uuid.uuid4().hex}"
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
    shared = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Two separate clients of one Redis, as two app servers would have.
        "server_a": {**redis_cache, "KEY_PREFIX": prefix},
        "server_b": {**redis_cache, "KEY_PREFIX": prefix},
    }
    with override_settings(CACHES=shared, RATELIMIT_RULES=[API_RULE]):
        try:
            with override_settings(RATELIMIT_CACHE="server_a"):
                for _ in range(2):
                    assert client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.77").status_code != 429
            with override_settings(RATELIMIT_CACHE="server_b"):
                assert client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.77").status_code != 429
                assert client.get("/api/v3/pages/", REMOTE_ADDR="192.0.2.77").status_code == 429
        finally:
            # Only this test's keys: clear() would empty the whole Redis database for everyone.
            import redis

            client = redis.Redis.from_url(redis_cache["LOCATION"])
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        # No trusted proxy: only the peer counts, whatever the headers say.
        (0, {"REMOTE_ADDR": "192.0.2.9", "HTTP_X_FORWARDED_FOR": "10.0.0.1"}, "192.0.2.9"),
        (0, {"REMOTE_ADDR": "192.0.2.9", "HTTP_X_REAL_IP": "8.8.8.8"}, "192.0.2.9"),
        (0, {"REMOTE_ADDR": "::ffff:192.0.2.9"}, "192.0.2.9"),
        # One proxy: its last entry, with a port or IPv6 brackets as proxies write them.
        (1, {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.4"}, "198.51.100.4"),
        (1, {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "198.51.100.4:5123"}, "198.51.100.4"),
        (1, {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "[2001:db8::7]:443"}, "2001:db8::7"),
        # Other headers a client can send are never read, even behind a proxy.
        (
            1,
            {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_REAL_IP": "8.8.8.8", "HTTP_FORWARDED": "for=8.8.4.4"},
            "10.1.1.1",
        ),
        # Two proxies: the second entry from the right; a chain too short bypassed one.
        (
            2,
            {"REMOTE_ADDR": "10.1.1.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.4, 10.1.1.9"},
            "198.51.100.4",
        ),
        (2, {"REMOTE_ADDR": "192.0.2.77", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "192.0.2.77"),
    ],
)
def test_the_client_address_trusts_only_our_proxies(rf, settings, proxies, meta, expected):
    from cms.security.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert client_ip(request) == expected
