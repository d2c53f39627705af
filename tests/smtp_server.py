"""A real SMTP server on loopback for tests (aiosmtpd), collecting what it receives.

aiosmtpd's helper package atpublic installs a top-level module named `public`, which our own
app of that name hides; it is loaded from its file under that name just while aiosmtpd is
imported, and our `public` is put back.
"""

import email
import email.policy
import importlib.util
import logging
import socket
import sys
import threading
import time
from importlib.metadata import distribution


def _import_aiosmtpd():
    init = distribution("atpublic").locate_file("public/__init__.py")
    spec = importlib.util.spec_from_file_location(
        "public", init, submodule_search_locations=[str(init.parent)]
    )
    ours = sys.modules.get("public")
    module = importlib.util.module_from_spec(spec)
    sys.modules["public"] = module
    try:
        spec.loader.exec_module(module)
        from aiosmtpd.controller import Controller

        return Controller
    finally:
        for name, loaded in list(sys.modules.items()):
            if name.startswith("public.") and str(getattr(loaded, "__file__", "")).startswith(
                str(init.parent)
            ):
                del sys.modules[name]
        if ours is not None:
            sys.modules["public"] = ours
        else:
            del sys.modules["public"]


# aiosmtpd logs every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: every message accepted, parsed, kept in arrival order (or, with
    `refuse`, every message refused, as a server that will not relay does)."""

    def __init__(self, *, refuse=False):
        self.refuse = refuse
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Relaying denied"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, predicate, *, timeout=30):
        """The messages matching `predicate` once there is at least one (or [] at timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = [message for message in self.messages if predicate(message)]
            if found:
                return found
            time.sleep(0.1)
        return []

    def to(self, address):
        return self.matching(lambda message: message["To"] == address)

    def addressees(self):
        return sorted(message["To"] for message in self.matching(lambda message: True))

    def matching(self, predicate):
        with self._lock:
            return [message for message in self.messages if predicate(message)]


class SMTPServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self._controller = _import_aiosmtpd()(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()


def running_smtp_server(settings, inbox):
    """Start an SMTP server for `inbox` on a free loopback port and point Django at it;
    returns the controller (stop() it)."""
    controller = _import_aiosmtpd()(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return controller
