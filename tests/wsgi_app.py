"""The project's WSGI application for tests that call it directly (schemathesis)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections


@contextmanager
def wsgi_app_in_test_transaction() -> Iterator:
    """The WSGI application, whose requests leave the test's transaction open.

    A WSGI request closes the database connection when it finishes, which would end the
    test's transaction; Django's test client avoids that in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
