"""A real SMTP server on loopback (aiosmtpd), for tests of the e-mail the site sends."""

import email
import email.policy
import importlib.util
import socket
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _import_controller():
    """aiosmtpd's Controller. aiosmtpd imports `public` from its dependency atpublic, a name
    our own `public` app holds: give it atpublic's module while it loads, then put ours back."""
    ours = sys.modules.pop("public", None)
    try:
        for entry in filter(None, sys.path):
            candidate = Path(entry) / "public" / "__init__.py"
            if Path(entry).resolve() == PROJECT_ROOT or not candidate.exists():
                continue
            spec = importlib.util.spec_from_file_location("public", candidate)
            atpublic = importlib.util.module_from_spec(spec)
            sys.modules["public"] = atpublic
            spec.loader.exec_module(atpublic)
            break
        from aiosmtpd.controller import Controller
    finally:
        if ours is not None:
            sys.modules["public"] = ours
    return Controller


Controller = _import_controller()


class Inbox:
    """An aiosmtpd handler keeping every message it accepts, or refusing them all."""

    def __init__(self, *, refuse=False):
        self.refuse = refuse
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Relaying denied"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]

    def addressees(self):
        return sorted(message["To"] for message in self.messages)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_smtp_server(settings, inbox):
    """Start an SMTP server for `inbox` on a free loopback port and point Django at it;
    returns the controller (stop() it)."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return controller
