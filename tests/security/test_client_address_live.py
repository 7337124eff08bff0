"""A forged X-Forwarded-For from a peer that is not our proxy is not believed, over real HTTP.

A Granian app server with the production settings and no trusted proxy (TRUSTED_PROXY_COUNT=0,
the default): a client that connects directly and writes a new address into X-Forwarded-For (and
the other headers proxies use) at every request is still counted under its own address
(cms/security/clientip.py, django-ipware) by the API rate limit, the sign-in lockout
(django-axes) and the audit log.
"""

import json

import pytest
from django.conf import settings

from tests.perf import stack
from tests.security import live

USER = """
from django.contrib.auth import get_user_model

User = get_user_model()
user = User.objects.filter(username="spoof-target").first() or User.objects.create_user(
    "spoof-target", "spoof@example.invalid", None
)
user.set_password("right password 42")
user.save()
"""

RECORDED = """
import json
from axes.models import AccessAttempt
from wagtail.models import ModelLogEntry

attempts = AccessAttempt.objects.filter(username="spoof-target")
attempts = sorted(set(attempts.values_list("ip_address", flat=True)))
logged = sorted({e.data["ip"] for e in ModelLogEntry.objects.filter(action="cms_security.login_failed")
                 if e.data.get("username") == "spoof-target"})
print(json.dumps({"attempts": attempts, "logged": logged}))
"""

CLEAN_UP = """
from axes.models import AccessAttempt
AccessAttempt.objects.filter(username="spoof-target").delete()
"""


def _forged(n: int) -> bytes:
    # Every header a proxy could have set, each naming a different made-up client.
    return (
        f"X-Forwarded-For: 203.0.113.{n}\r\nX-Real-IP: 203.0.113.{n + 100}\r\n"
        f"Forwarded: for=198.51.100.{n}\r\nCF-Connecting-IP: 192.0.2.{n}\r\n"
    ).encode()


@pytest.fixture(scope="module")
def direct_server(live_demo, tmp_path_factory):
    _work, database_url = live_demo
    logs = tmp_path_factory.mktemp("direct-logs")
    env = live.production_env(
        database_url,
        logs / "static",
        TRUSTED_PROXY_COUNT="0",
        RATELIMIT_ENABLED="True",
        RATELIMIT_API_REQUESTS="3",
        # A fixed window of a day: four quick requests cannot straddle two windows (with the
        # default minute they did about once in a hundred runs, and the fourth passed).
        RATELIMIT_API_WINDOW_SECONDS="86400",
    )
    stack.manage(["collectstatic", "--noinput", "-v", "0"], env, live.ROOT)
    processes = stack.Processes(logs)
    port = live.free_port()
    processes.start("direct", stack.appserver_args(port, workers=1), env, cwd=live.ROOT, port=port)
    try:
        yield f"http://127.0.0.1:{port}", env
    finally:
        processes.stop_all()
        live.run_python(CLEAN_UP, env)


def test_a_forged_forwarded_for_does_not_escape_the_api_rate_limit(direct_server):
    base, _env = direct_server
    statuses = [live.get(base, b"/api/v3/pages/?locale=fi", headers=_forged(n))[0] for n in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429


def _sign_in(base: str, password: str, n: int) -> int:
    return live.sign_in(base, "spoof-target", password, headers=_forged(n))


def test_a_forged_forwarded_for_does_not_escape_the_sign_in_lockout(direct_server):
    base, env = direct_server
    live.run_python(USER, env)
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [_sign_in(base, "wrong", 10 + n) for n in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    # Locked out from the real address, whatever address the next request claims.
    assert _sign_in(base, "right password 42", 99) == 429
    # Every failure was counted and logged under the peer's own address, none under a forged one.
    recorded = json.loads(live.run_python(RECORDED, env).strip().splitlines()[-1])
    assert recorded == {"attempts": ["127.0.0.1"], "logged": ["127.0.0.1"]}
