"""A real SMTP server for the tests (aiosmtpd, in a thread of the test process): it keeps
every message it accepts, and can refuse recipients or messages, or be stopped, as a mail
server in trouble does."""

from __future__ import annotations

import email
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.servers import free_port


@dataclass
class Mailbox:
    """What the server received, and the trouble it is told to make."""

    messages: list[EmailMessage] = field(default_factory=list)
    refused_recipients: set[str] = field(default_factory=set)
    # The next this many messages get "451 try again later".
    failing_messages: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused_recipients:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            if self.failing_messages > 0:
                self.failing_messages -= 1
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(
                envelope.content, _class=EmailMessage, policy=policy.default
            )
            self.messages.append(message)
        return "250 Message accepted"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
        self.refused_recipients.clear()
        self.failing_messages = 0

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@dataclass
class SmtpServer:
    host: str
    port: int
    mailbox: Mailbox
    controller: Controller
    running: bool = True

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self.running = False

    def start(self) -> None:
        if not self.running:
            self.controller = Controller(self.mailbox, hostname=self.host, port=self.port)
            self.controller.start()
            self.running = True


@contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    # aiosmtpd logs every command at INFO, addresses included: the test server's noise.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    mailbox = Mailbox()
    host, port = "127.0.0.1", free_port()
    controller = Controller(mailbox, hostname=host, port=port)
    controller.start()
    server = SmtpServer(host, port, mailbox, controller)
    try:
        yield server
    finally:
        server.stop()


def send_through(settings, server: SmtpServer) -> None:
    """Point Django's e-mail at `server` (pytest-django's `settings` fixture)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return part.get_content()
