"""Real components for the distribution tests: a Celery worker on the Redis broker (database
10 unless NEWSROOM_TEST_BROKER_URL says otherwise), celery beat in its own process, an SMTP
server and an HTTP webhook receiver on loopback."""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis

from newsroom.celery import app as celery_app
from tests.smtp_server import SMTPServer

BROKER_URL = os.environ.get("NEWSROOM_TEST_BROKER_URL", "redis://127.0.0.1:6379/10")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broker():
    """The Redis broker, emptied. Without one, the test is skipped locally and fails in CI
    (CI=true), where .ci/run starts Redis."""
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis broker not reachable at {BROKER_URL}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    client.flushdb()
    yield BROKER_URL
    client.flushdb()


@pytest.fixture
def worker(broker, settings):
    """A real Celery worker consuming from the broker, in a thread of this process (so it
    reads the test database)."""
    from celery.contrib.testing.worker import start_worker

    previous = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    _forget_connections()
    # The project's app, with every task module imported, is the one shared tasks resolve to
    # (a test run may have made another app current).
    celery_app.set_current()
    celery_app.loader.import_default_modules()
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30
        ) as started:
            yield started
    finally:
        celery_app.conf.update(previous)
        _forget_connections()


def _forget_connections():
    """Connections and producers made by earlier tests point at the in-memory broker: the
    test's tasks would vanish there. Celery keeps the producer pool apart from the
    connection pool, so both are dropped. Not with app.close(), which also takes the app off
    Celery's list of live apps: a task module imported after that (importers.tasks, first
    imported by the upload) registered its task with no app, and sending it failed."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def beat(broker):
    """celery beat in its own process, scanning for due releases every second."""
    with tempfile.TemporaryDirectory() as directory:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "beat",
                "--loglevel=WARNING",
                f"--schedule={directory}/beat-schedule",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                # Beat only sends tasks to the broker; the dev settings take it from the
                # environment (the test settings would run them eagerly, in beat).
                "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
                "CELERY_BROKER_URL": broker,
                "DISTRIBUTION_SCAN_SECONDS": "1",
            },
        )
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def smtp_server(settings):
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield server


class WebhookReceiver:
    def __init__(self):
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {"headers": dict(self.headers), "body": body, "json": json.loads(body)}
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/newsroom"

    def wait_for(self, event, *, timeout=30):
        """The first delivery of `event` (e.g. "release.withdrawn"), or None at timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for item in list(self.received):
                if item["json"]["event"] == event:
                    return item
            time.sleep(0.1)
        return None


@pytest.fixture
def webhook_receiver(settings):
    settings.DISTRIBUTION_WEBHOOKS_ALLOW_LOOPBACK = True
    receiver = WebhookReceiver()
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    receiver.server.shutdown()
