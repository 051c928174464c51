"""A real SMTP server (aiosmtpd) for the tests, on a free port, one per test session.

Import the fixtures into a conftest or a test module: `from tests.smtp import smtp_server, smtp`.
`smtp` points Django's mail at the server (the SMTP backend, no TLS) with an empty mailbox.
"""

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    to: list[str]
    subject: str
    body: str
    raw: bytes
    message_id: str

    def text(self) -> str:
        """Everything a reader (or a server in between) could see: subject, body, raw bytes."""
        return f"{self.subject}\n{self.body}\n{self.raw.decode('utf-8', 'replace')}"


class Mailbox:
    """Collects what arrives; `fail_next` answers the next n messages with a temporary error."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.fail_next = 0
        self.refused = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                self.refused += 1
                return "451 4.3.0 try again later"
            parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
            body = parsed.get_body(preferencelist=("plain",))
            self.messages.append(
                Received(
                    to=list(envelope.rcpt_tos),
                    subject=str(parsed["Subject"]),
                    body=body.get_content() if body is not None else "",
                    raw=envelope.content,
                    message_id=str(parsed["Message-ID"]),
                )
            )
        return "250 OK"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.fail_next = 0
            self.refused = 0

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.to]


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    mailbox: Mailbox


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, mailbox)
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtp_server, settings) -> Mailbox:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": smtp_server.host, "port": smtp_server.port, "timeout": 10},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "homeclaim <homeclaim@example.org>"
    settings.SITE_URL = "https://claims.example.org"
    smtp_server.mailbox.clear()
    return smtp_server.mailbox
