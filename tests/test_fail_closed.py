"""Readers get a change within the staleness bound even if Redis could not be reached while it
was made: the caches are Redis, but what they are checked against is in the database.

Redis sits behind a CuttableProxy, cut exactly while the change runs and restored afterwards.
These tests need a Redis server (NEWSROOM_TEST_REDIS_URL, by default on 127.0.0.1:6379); they
skip without one locally, and fail under CI=true, where .ci/run starts it.
"""

import datetime
import os
import socket
import uuid
from urllib.parse import urlsplit

import pytest
import redis
import time_machine
from django.utils import timezone

from articles.workflow import transitions
from tests.factories import release_in_state
from tests.test_failure_behaviour import CuttableProxy

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Longer than any process keeps its copy of what it checks cached pages against.
A_MOMENT_LATER = datetime.timedelta(seconds=2)

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_address():
    address = urlsplit(REDIS_URL)
    return address.hostname, address.port or 6379


@pytest.fixture
def redis_through_proxy(settings):
    try:
        socket.create_connection(_redis_address(), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"No Redis at {REDIS_URL}: CI must run these tests (.ci/run starts it)")
        pytest.skip(f"no Redis at {REDIS_URL}")
    proxy = CuttableProxy(_redis_address())
    proxy.open()
    database = urlsplit(REDIS_URL).path or "/0"
    # A namespace of this test's own: nothing from other runs, and removed afterwards (the
    # database may be shared, so it is never flushed).
    prefix = f"fail-closed-{uuid.uuid4().hex}"
    settings.CACHES = settings.CACHES | {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}{database}",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield proxy
    proxy.cut()
    direct = redis.Redis.from_url(REDIS_URL)
    for key in direct.scan_iter(f"{prefix}:*"):
        direct.delete(key)
    direct.close()


def page(client, url):
    return client.get(url).content.decode()


# A transactional test starts without the permissions the roles' migration gives, so a
# superuser withdraws and corrects.


def test_a_withdrawal_made_while_redis_is_down_reaches_readers(
    redis_through_proxy, client, admin_user
):
    article = release_in_state("published", headline="Ferry service resumes on the canal")
    url = article.get_absolute_url()
    assert "Ferry service resumes" in page(client, url)
    assert "Ferry service resumes" in page(client, "/")
    redis_through_proxy.cut()
    transitions.withdraw(
        article=article, user=admin_user, reason="The ferry schedule was announced too early."
    )
    redis_through_proxy.open()
    with time_machine.travel(timezone.now() + A_MOMENT_LATER):
        withdrawn = page(client, url)
        assert "The ferry schedule was announced too early." in withdrawn
        assert "Ferry service resumes on the canal" not in page(client, "/")


def test_a_correction_made_while_redis_is_down_reaches_readers(
    redis_through_proxy, client, admin_user
):
    article = release_in_state("published", headline="Clinic opens in the valley")
    url = article.get_absolute_url()
    assert "Clinic opens in the valley" in page(client, url)
    redis_through_proxy.cut()
    transitions.correct(
        article=article,
        user=admin_user,
        note="The clinic opens on Tuesday, not Monday.",
    )
    redis_through_proxy.open()
    # Later changes go through while Redis is up again; the correction must not wait for the
    # release's cached content to expire.
    other = release_in_state("published", headline="Bridge inspection finished")
    other.headline = "Bridge inspection finished early"
    other.save()
    with time_machine.travel(timezone.now() + A_MOMENT_LATER):
        assert "The clinic opens on Tuesday, not Monday." in page(client, url)
