"""A real SMTP server for tests (aiosmtpd, in a thread, on a free port): it keeps every
message it accepts, as a mail server's recipient would read it."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages: list[tuple[str, list[str], EmailMessage]] = []
        self.received = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content, policy=default_policy)
        with self.received:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
            self.received.notify_all()
        return "250 Message accepted for delivery"


class MailServer:
    """`url` is the EMAIL_URL that reaches it; `messages` what it received: (sender, recipients,
    message), in order."""

    def __init__(self):
        self.port = free_port()
        self.inbox = _Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self):
        with self.inbox.received:
            return list(self.inbox.messages)

    def start(self) -> MailServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
