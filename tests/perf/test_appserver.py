"""The production app server command (deploy/appserver.py)."""

import os

from deploy import appserver


def test_workers_default_to_one_per_core_and_follow_web_concurrency(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert appserver.workers() == (os.cpu_count() or 1)
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert appserver.workers() == 3


def test_command_serves_the_wsgi_app_on_the_bind_address_one_request_per_worker(monkeypatch):
    monkeypatch.setenv("APP_SERVER_BIND", "10.0.0.5:9000")
    monkeypatch.delenv("APP_SERVER_ACCESS_LOG", raising=False)
    command = appserver.args()
    assert command[0].endswith("/granian") and os.access(command[0], os.X_OK)
    assert command[-1] == "cms.wsgi:application"
    options = command[1:-1]
    pairs = {
        name: value
        for name, value in zip(options, [*options[1:], ""], strict=True)
        if name.startswith("--") and not value.startswith("--")
    }
    assert pairs["--interface"] == "wsgi"
    assert (pairs["--host"], pairs["--port"]) == ("10.0.0.5", "9000")
    assert pairs["--blocking-threads"] == "1"
    assert "--access-log" not in command
    monkeypatch.setenv("APP_SERVER_ACCESS_LOG", "true")
    assert "--access-log" in appserver.args()
