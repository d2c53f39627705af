import atexit
import itertools
import shutil
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.test import Client
from django.utils import translation

from articles import roles
from newsroom.celery import app as celery_app
from public import filters, search_engine, versions
from tests.caches import empty_every_cache
from tests.demo_site import seed_demo_site
from tests.factories import UserFactory
from tests.signing_in import sign_in


@pytest.fixture
def retries_run():
    """Retries run at once, as a worker runs them later (the test settings' eager queue
    would raise them to the caller instead)."""
    previous = celery_app.conf["task_eager_propagates"]
    celery_app.conf.update(task_eager_propagates=False)
    yield
    celery_app.conf.update(task_eager_propagates=previous)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, with the second factor a superuser must give."""
    return sign_in(client, admin_user)


@pytest.fixture
def staff_client(client, admin_user):
    return sign_in(client, admin_user)


@pytest.fixture
def demo(db):
    """The demo content of `manage.py seed_demo`, with its search documents built."""
    return seed_demo_site()


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """The demo content, seeded once for a whole module rather than once per test (seeding
    takes seconds). It stays in a transaction of the module's own, which each test's
    transaction nests in as a savepoint, so what a test changes is still undone after it; the
    module's transaction is rolled back after its last test. Not for transactional tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo_site()
        transaction.set_rollback(True)


_search_indexes = Path(tempfile.mkdtemp(prefix="newsroom-test-search-"))
atexit.register(shutil.rmtree, _search_indexes, ignore_errors=True)
_test_numbers = itertools.count()


@pytest.fixture(autouse=True)
def empty_search_index(request):
    """The search index outlives each test's database transaction: give every test an empty one
    of its own (created when first used), holding the module's demo content if it has some."""
    previous = settings.SEARCH_INDEX_DIR
    settings.SEARCH_INDEX_DIR = _search_indexes / str(next(_test_numbers))
    if "seeded_demo" in request.fixturenames:
        request.getfixturevalue("db")
        search_engine.rebuild()
    yield
    settings.SEARCH_INDEX_DIR = previous


@pytest.fixture(autouse=True)
def empty_cache():
    """The local-memory cache and this process's copy of the page generation outlive each
    test's database transaction: start every test with no cached pages, release content, page
    frame or page generation from the one before."""
    empty_every_cache()
    versions.forget_page_generation()


class _LiveServerRequests:
    """The requests the live server's threads are handling right now, by thread, with their
    paths (the test's own thread, where the test client runs, is not counted)."""

    def __init__(self):
        self._paths = {}
        self._lock = threading.Lock()

    def started(self, environ=None, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self._lock:
                self._paths[threading.get_ident()] = (environ or {}).get("PATH_INFO", "")

    def finished(self, **kwargs):
        with self._lock:
            self._paths.pop(threading.get_ident(), None)

    def running(self):
        with self._lock:
            return sorted(self._paths.values())


_live_server_requests = _LiveServerRequests()
request_started.connect(_live_server_requests.started, weak=False)
request_finished.connect(_live_server_requests.finished, weak=False)

# A backend not idle can hold locks that the flush's TRUNCATE waits for.
_LOCK_HOLDING_BACKENDS = (
    "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    " AND backend_type = 'client backend' AND state <> 'idle'"
)


@pytest.fixture(autouse=True)
def live_server_idle_before_flush(request):
    """A browser can still have a request running on the live server when its test ends (a
    page's images or a navigation the test did not wait for). On PostgreSQL the flush that
    ends a live-server test then deadlocks with that request's transaction, the flush fails
    and the next test starts from a dirty database. So before the flush, wait (ten seconds at
    most) until the live server handles no request and no other session on the test database
    runs a query or holds a transaction; a session still doing so after that is ended, since
    its test is over and the next one must start from an empty database."""
    if "live_server" not in request.fixturenames or connection.vendor != "postgresql":
        yield
        return
    # Set up before this fixture, so its flush runs after this fixture's teardown.
    request.getfixturevalue("transactional_db")
    yield
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) " + _LOCK_HOLDING_BACKENDS)
            if not cursor.fetchone()[0] and not _live_server_requests.running():
                return
            time.sleep(0.05)
        warnings.warn(
            f"live-server requests still running after their test: "
            f"{_live_server_requests.running()}; their database sessions are ended",
            stacklevel=1,
        )
        cursor.execute("SELECT pg_terminate_backend(pid) " + _LOCK_HOLDING_BACKENDS)


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page: for tests that count the queries of the rendering."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def few_filter_choices(monkeypatch):
    """The filter form (and the alerts form) offer the `choices` topics named most in the
    `recent` newest releases (public.filters), set small for a test: few_filter_choices(recent,
    choices). Each facet's read, compiled once per process, is compiled again with them."""

    def few(recent, choices):
        monkeypatch.setattr(filters, "RECENT_RELEASES", recent)
        monkeypatch.setattr(filters, "FACET_CHOICES", choices)
        for facet in filters.FACETS:
            monkeypatch.delitem(facet.__dict__, "_offered_read", raising=False)

    return few


@pytest.fixture(autouse=True)
def english_by_default():
    """A request to a /es/ page leaves Spanish active in the test thread; start each test (and
    its reverse() calls) in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def writer(db):
    return UserFactory(username="writer", roles=[roles.WRITER])


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", roles=[roles.EDITOR])


@pytest.fixture
def authority(db):
    return UserFactory(username="authority", roles=[roles.RELEASE_AUTHORITY])


@pytest.fixture
def site_admin(db):
    return UserFactory(username="siteadmin", roles=[roles.SITE_ADMINISTRATOR])


@pytest.fixture
def client_for():
    """A separate browser session logged in as `user`."""

    def make(user):
        return sign_in(Client(), user)

    return make
