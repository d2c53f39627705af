"""Settings for `make test`: fast hashing, plain static storage, isolated media."""

import os
import tempfile
from pathlib import Path

from newsroom.storage import LOCAL

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Local memory whatever the environment says, with the same key prefix as a deployed site.
CACHES = CACHES | {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"],
    }
}
# Manifest storage needs collectstatic first ("Missing staticfiles manifest entry"); tests
# never write to a bucket, whatever the environment says.
STORAGES = STORAGES | {
    # Local files whatever the environment says, in the class a deployment without a bucket uses.
    "default": LOCAL,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
# Each test has a search index of its own (tests/conftest.py); this one is for anything else.
SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="newsroom-test-search-")
# Tasks run in the test's own process unless a test starts a real worker (tests/distribution).
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file (in memory where /dev/shm is), not SQLite's shared in-memory
    # one: with that, Django hands the test's own connection to the live server's thread, and a
    # browser request still running when the test queries (a frame loading, an image) used it
    # at the same time ("no such savepoint"). With a file each thread has its own connection;
    # a transaction takes the write lock when it begins (IMMEDIATE), so two that read first
    # cannot each wait for the other to let it write ("database is locked").
    _SHM = Path("/dev/shm")
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            (_SHM if _SHM.is_dir() else Path(tempfile.gettempdir()))
            / f"newsroom-test-{os.getpid()}.sqlite3"
        )
    }
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF",
        transaction_mode="IMMEDIATE",
    )
