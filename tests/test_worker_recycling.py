"""gunicorn replaces each worker now and then (gunicorn.conf.py): the replacement starts ready
(newsroom.preload) and the old worker leaves at once, so readers never wait on a restart."""

import json
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent

# Imports the application as gunicorn's master does (preload_app) under the production settings,
# then reports what a first request would otherwise have had to do.
MASTER = """
import json, sys
import newsroom.wsgi
from django.db import connections
from django.template import engines
from django.urls import get_resolver
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "redis imported": "redis" in sys.modules,
    "templates compiled": len(loader.get_template_cache),
    "languages resolved": sorted(get_resolver()._reverse_dict),
    "database connected": any(c.connection is not None for c in connections.all()),
}))
"""


def test_the_master_prepares_what_a_first_request_needs_without_connecting(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # Nothing listens there: warming must not connect, or importing would stall or fail.
        "CACHE_URL": "redis://127.0.0.1:1/0",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "-c", MASTER],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    master = json.loads(result.stdout.splitlines()[-1])
    templates = [path for path in (ROOT / "templates").rglob("*") if path.is_file()]
    assert master["redis imported"]
    assert master["templates compiled"] >= len(templates)
    assert master["languages resolved"] == ["en", "es"]
    assert not master["database connected"]
    assert not (tmp_path / "db.sqlite3").exists()


@pytest.fixture
def worker_exit(monkeypatch):
    """gunicorn.conf.py's worker_exit, with what it does recorded instead of done: this process
    is the test run, not a worker."""
    calls = []
    monkeypatch.setattr(
        connections, "close_all", lambda: calls.append(("close the database connections", None))
    )
    monkeypatch.setattr(os, "_exit", lambda status: calls.append(("_exit", status)))
    monkeypatch.setattr("logging.shutdown", lambda *args: calls.append(("logging.shutdown", None)))
    hook = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["worker_exit"]
    return lambda worker: (hook(server=None, worker=worker), calls)[1]


def test_a_recycled_worker_closes_its_connections_and_leaves_at_once(worker_exit):
    calls = worker_exit(SimpleNamespace(nr=50_000, max_requests=50_000))
    assert calls == [
        ("close the database connections", None),
        ("logging.shutdown", None),
        ("_exit", 0),
    ]


def test_a_worker_stopping_for_any_other_reason_exits_the_normal_way(worker_exit):
    # A stop, a reload or a failed boot: gunicorn reads the exit status the worker leaves with.
    assert worker_exit(SimpleNamespace(nr=12, max_requests=50_000)) == []
