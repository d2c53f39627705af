"""What readers and editors see when something underneath fails: the database, the cache, a
save half-way through. Never a traceback, never half-written data, and recovery by itself."""

import contextlib
import json
import logging
import socket
import threading

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, RichText
from newsroom.postgresql import base as postgresql_backend
from newsroom.request_logging import RequestIDFilter
from tests.admin_forms import article_post_data
from tests.factories import ArticleFactory

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="cuts a real PostgreSQL connection; CI runs the suite on PostgreSQL",
)


class CuttableProxy:
    """A TCP proxy on loopback between Django and PostgreSQL that a test can cut and restore,
    as a network failure or a database restart would."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.port = None
        self._server = None
        self._sockets = []
        self._lock = threading.Lock()

    def open(self):
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port or 0))
        server.listen()
        self.port = server.getsockname()[1]
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def cut(self):
        """Refuse new connections and drop every open one."""
        # shutdown() wakes the thread blocked in accept(); close() alone would not free the port.
        for sock in [self._server, *self._sockets]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        with self._lock:
            self._sockets.clear()

    def _accept(self, server):
        while True:
            try:
                client, _address = server.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(self.upstream)
            with self._lock:
                self._sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def database_through_proxy():
    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = CuttableProxy((original[0] or "127.0.0.1", int(original[1] or 5432)))
    proxy.open()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = original


class WSGIReader:
    """Requests through Django's WSGI handler as gunicorn sends them. Unlike the test client,
    it runs the per-request connection housekeeping (close_old_connections) that lets a
    server drop a broken database connection and recover."""

    handler = WSGIHandler()

    def get(self, path):
        response = self.handler(RequestFactory().get(path).environ, lambda *args: None)
        content = b"".join(response)
        response.close()
        response.content = content
        return response


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "temporarily unavailable" in page
    assert "Traceback" not in page and "OperationalError" not in page


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_outage_shows_the_outage_page_and_the_site_recovers_by_itself(
    database_through_proxy,
):
    article = ArticleFactory(headline="Engineers finish the clinic")
    reader = WSGIReader()
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert reader.get("/readyz").status_code == 200

    database_through_proxy.cut()
    # A page readers already opened is still served from the page cache during the outage…
    cached = reader.get(article.get_absolute_url())
    assert cached.status_code == 200
    assert "Engineers finish the clinic" in cached.content.decode()
    # …and a page that needs the database gets the outage page, never a traceback.
    assert_outage_page(reader.get("/"))
    assert_outage_page(reader.get("/?page=2"))
    readiness = reader.get("/readyz")
    assert readiness.status_code == 503
    assert json.loads(readiness.content)["checks"]["database"] is False
    assert reader.get("/healthz").status_code == 200  # the process itself is fine

    database_through_proxy.open()
    response = reader.get("/")
    assert response.status_code == 200
    assert "Engineers finish the clinic" in response.content.decode()
    assert reader.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_a_lost_database_connection_anywhere_answers_503_not_a_traceback(monkeypatch, client):
    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("public.views.releases.paginate", lost)
    client.raise_request_exception = False
    assert_outage_page(client.get("/"))


@pytest.mark.django_db
def test_other_errors_get_the_plain_error_page_and_are_logged_with_the_request_id(
    monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ValueError("bug in a view")

    monkeypatch.setattr("public.views.releases.paginate", broken)
    client = Client(raise_request_exception=False)
    caplog.handler.addFilter(RequestIDFilter())
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/", HTTP_X_REQUEST_ID="proxy-id-0001")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "bug in a view" not in response.content.decode()
    assert response["X-Request-ID"] == "proxy-id-0001"
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.request_id == "proxy-id-0001"
    assert "bug in a view" in caplog.text


# Request ids and JSON logs ----------------------------------------------------------------


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_a_forged_one_is_replaced(client):
    first = client.get("/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert len(first) == 32 and first != second
    forged = client.get("/", HTTP_X_REQUEST_ID="bad\nINFO fake log line")["X-Request-ID"]
    assert "\n" not in forged and len(forged) == 32


def test_production_logs_are_json_lines_with_the_request_id():
    from newsroom.settings.base import LOGGING

    config = dict(LOGGING["formatters"]["json"])
    formatter_class = config.pop("()")
    module, _dot, name = formatter_class.rpartition(".")
    formatter = getattr(__import__(module, fromlist=[name]), name)(**config)
    record = logging.LogRecord("articles", logging.WARNING, __file__, 1, "Cache down", (), None)
    RequestIDFilter().filter(record)
    line = json.loads(formatter.format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "articles"
    assert line["message"] == "Cache down"
    assert line["request_id"] == "-"
    assert "time" in line


# Cache --------------------------------------------------------------------------------------


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    # Only Redis goes: each process's memory tier and template fragments stay as deployed.
    settings.CACHES = settings.CACHES | {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.django_db
def test_the_site_keeps_serving_when_redis_is_down(redis_down, client, caplog):
    article = ArticleFactory(headline="Medics train in the field")
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        assert client.get("/").status_code == 200
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Medics train in the field" in response.content.decode()
        # The cache answers like an empty one instead of raising.
        cache.set("key", "value")
        assert cache.get("key", "fallback") == "fallback"
        assert cache.get_many(["key"]) == {}
        assert cache.add("key", "value") is False
        cache.delete("key")
    readiness = client.get("/readyz")
    assert readiness.status_code == 503
    assert readiness.json()["checks"] == {"database": True, "cache": False}


def test_the_resilient_cache_works_normally_against_a_live_redis(settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "newsroom-test",
        }
    }
    cache.set("live", {"a": 1}, 5)
    assert cache.get("live") == {"a": 1}
    cache.delete("live")


# Atomic saves -------------------------------------------------------------------------------


def failing_second_block(monkeypatch):
    """The second rich-text block's save fails with a database error, after the article and
    the first block were written in the same request."""
    original_save = RichText.save
    calls = []

    def save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise OperationalError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(RichText, "save", save)


@pytest.mark.django_db(transaction=True)
def test_a_failed_save_of_a_new_release_leaves_nothing_behind(admin_user, monkeypatch):
    from tests.signing_in import sign_in

    client = sign_in(Client(raise_request_exception=False), admin_user)
    versions_before = Version.objects.count()
    failing_second_block(monkeypatch)
    data = article_post_data(
        blocks=[("richtext", {"text": "<p>One.</p>"}), ("richtext", {"text": "<p>Two.</p>"})]
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 503
    assert not Article.objects.filter(slug=data["slug"]).exists()
    assert RichText.objects.count() == 0
    assert Version.objects.count() == versions_before


def stored_versions_mention(text):
    return any(text in version.serialized_data for version in Version.objects.all())


@pytest.mark.django_db(transaction=True)
def test_a_failed_save_of_an_edit_keeps_the_release_as_it_was(admin_user, monkeypatch):
    from tests.signing_in import sign_in

    article = ArticleFactory(headline="Original headline", status="draft")
    RichText.objects.create(parent=article, region="body", ordering=10, text="<p>Original.</p>")
    client = sign_in(Client(raise_request_exception=False), admin_user)
    failing_second_block(monkeypatch)
    data = article_post_data(
        fields={"headline": "Changed headline", "slug": article.slug},
        blocks=[
            ("richtext", {"id": str(article.articles_richtext_set.get().pk), "text": "<p>A</p>"}),
            ("richtext", {"text": "<p>New block.</p>"}),
        ],
        existing={"richtext": 1},
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 503
    article.refresh_from_db()
    assert article.headline == "Original headline"
    assert [block.text for block in article.articles_richtext_set.all()] == ["<p>Original.</p>"]
    # The history may hold the release as it was before the edit, never the failed edit.
    assert not stored_versions_mention("Changed headline")
    assert not stored_versions_mention("New block.")


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_lost_while_the_site_was_quiet_is_replaced_before_the_next_reader(
    database_through_proxy, monkeypatch
):
    """A connection the database dropped while no request came (a restart at night) is checked
    and replaced before the next request uses it (newsroom.postgresql)."""
    ArticleFactory(headline="Divers clear the harbour")
    reader = WSGIReader()
    assert reader.get("/").status_code == 200
    database_through_proxy.cut()
    database_through_proxy.open()
    # Every request now comes after a quiet spell.
    monkeypatch.setattr(postgresql_backend, "CHECK_AFTER_IDLE", 0)
    response = reader.get("/releases/?page=1")
    assert response.status_code == 200
    assert "Divers clear the harbour" in response.content.decode()


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_busy_a_moment_ago_is_not_checked_again(monkeypatch):
    """On a busy server, requests that follow one another reuse the connection without the
    health check's extra round trip; one after a quiet spell is checked."""
    reader = WSGIReader()
    assert reader.get("/").status_code == 200
    checks = []
    is_usable = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or is_usable())
    assert reader.get("/releases/").status_code == 200
    assert reader.get("/releases/?page=2").status_code in (200, 404)
    assert checks == []
    monkeypatch.setattr(postgresql_backend, "CHECK_AFTER_IDLE", 0)  # a quiet spell
    assert reader.get("/releases/?page=1").status_code == 200  # not cached yet: it reads
    assert checks == [1]
