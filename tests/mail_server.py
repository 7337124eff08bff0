"""A real SMTP server for tests (aiosmtpd, in a thread, on a free port): it keeps every
message it accepts, as a mail server's recipient would read it."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


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


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, for a server the client trusts explicitly."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    alt_name = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(alt_name, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class MailServer:
    """`url` is the EMAIL_URL that reaches it; `messages` what it received: (sender, recipients,
    message), in order. With `certificate` (cert and key paths) and `login` (user, password) it
    is a submission server: STARTTLS first, then sign-in, then mail."""

    def __init__(self, certificate: tuple[Path, Path] | None = None, login: tuple[str, str] | None = None):
        self.port = free_port()
        self.inbox = _Inbox()
        self.login = login
        options = {}
        if certificate:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*certificate)
            options.update(tls_context=context, require_starttls=True)
        if login:
            options.update(authenticator=self._authenticate, auth_require_tls=True)
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **options)

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and (
                auth_data.login.decode(),
                auth_data.password.decode(),
            )
            == self.login
        )
        return AuthResult(success=ok)

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
