"""A bounded load test against gunicorn on loopback: concurrent readers and two editors saving
the same release for NEWSROOM_LOAD_SECONDS (30 by default). Zero 5xx, and zero lost edits:
every save either lands (and is in the release's history) or is refused with the
optimistic-lock message."""

import http.client
import importlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import roles
from tests.admin_forms import article_post_data
from tests.factories import ArticleFactory, PersonFactory, UserFactory, add_blocks, release_in_state
from tests.signing_in import sign_in

ROOT = Path(__file__).resolve().parent.parent
DURATION = float(os.environ.get("NEWSROOM_LOAD_SECONDS", "30"))
READERS = 6
REFUSED = "your changes were not saved"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="gunicorn needs a database it can share with the test: run on PostgreSQL (CI)",
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    db = connection.settings_dict
    port = free_port()
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
    }
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--threads=4",
            "--worker-class=gthread",
            "--timeout=60",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())
    yield port
    server.terminate()
    server.wait(timeout=30)
    log.close()


def request(port, method, path, *, body=None, cookies=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://127.0.0.1:{port}/admin/"
        body = urlencode(body, doseq=True)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode(), response.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def session_cookie(user):
    client = sign_in(Client(), user)
    return client.cookies["sessionid"].value


def test_readers_and_two_editors_under_load(gunicorn):
    port = gunicorn
    # A transactional test may start from a flushed database: create the roles again with the
    # migration's own code.
    importlib.import_module("articles.migrations.0004_create_roles").create_roles(apps, None)
    releases = [ArticleFactory() for _ in range(5)]
    add_blocks(releases[0], 8)
    person = PersonFactory()
    reader_paths = ["/", "/?page=2", *(r.get_absolute_url() for r in releases)]
    reader_paths.append(person.get_absolute_url())
    draft = release_in_state("draft", summary="Original summary.")
    first_version = draft.edit_version
    change_url = reverse("admin:articles_article_change", args=[draft.pk])
    editors = [UserFactory(username=f"editor{n}", roles=[roles.WRITER]) for n in (1, 2)]

    statuses = Counter()
    landed, refused, unexpected = [], [], []
    lock = threading.Lock()
    stop = time.monotonic() + DURATION

    def read():
        n = 0
        while time.monotonic() < stop:
            status, _body, _cookie = request(port, "GET", reader_paths[n % len(reader_paths)])
            n += 1
            with lock:
                statuses[status] += 1

    # Signed in here: a thread that touched the ORM would keep its own database connection.
    sessions = {user: session_cookie(user) for user in editors}

    def edit(user):
        cookies = {"sessionid": sessions[user]}
        n = 0
        while time.monotonic() < stop:
            status, page, set_cookie = request(port, "GET", change_url, cookies=cookies)
            with lock:
                statuses[status] += 1
            if status != 200:
                with lock:
                    unexpected.append((status, "opening the release", page[:500]))
                continue
            if match := re.search(r"csrftoken=([^;]+)", set_cookie):
                cookies["csrftoken"] = match.group(1)
            csrf = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[0]
            (version,) = re.findall(r'name="loaded_version" value="(\d+)"', page)
            n += 1
            summary = f"Summary {n} by {user.username}."
            data = article_post_data(
                fields={
                    "slug": draft.slug,
                    "headline": draft.headline,
                    "summary": summary,
                    "loaded_version": version,
                    "csrfmiddlewaretoken": csrf,
                }
            )
            status, page, _cookie = request(port, "POST", change_url, body=data, cookies=cookies)
            with lock:
                statuses[status] += 1
                if status == 302:
                    landed.append(summary)
                elif status == 200 and REFUSED in page:
                    refused.append(summary)
                else:
                    unexpected.append((status, summary, page[:500]))

    def recording_errors(work, *args):
        def run():
            try:
                work(*args)
            except Exception as error:
                with lock:
                    unexpected.append((type(error).__name__, str(error)))

        return threading.Thread(target=run)

    threads = [recording_errors(read) for _ in range(READERS)]
    threads += [recording_errors(edit, user) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not [s for s in statuses if s >= 500], statuses
    assert not unexpected, unexpected[:3]
    assert sum(statuses.values()) > 100 * DURATION / 30, statuses
    assert landed, "no edit landed"
    # Every edit that landed was made on the version before it and is in the history exactly
    # once; the release holds the latest. Nothing was overwritten without the lock saying so.
    draft.refresh_from_db()
    assert draft.edit_version == first_version + len(landed)
    history = [v.field_dict["summary"] for v in reversed(Version.objects.get_for_object(draft))]
    history = [summary for summary in history if summary != "Original summary."]
    assert sorted(history) == sorted(landed)
    assert draft.summary == history[-1]
    print(
        f"\n{sum(statuses.values())} requests in {DURATION:.0f} s: {dict(statuses)}; "
        f"{len(landed)} edits landed, {len(refused)} refused by the optimistic lock"
    )
