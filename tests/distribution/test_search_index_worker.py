"""The search index with a real worker: what a release authority publishes and then withdraws
reaches search through the task worker on the Redis broker, the index's one writer, and
leaves it the same way."""

import time

import pytest
from django.urls import reverse

from articles.workflow import transitions
from public import search_engine
from tests.factories import release_in_state

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_worker_enters_a_published_release_and_removes_it_when_withdrawn(
    client, worker, admin_user, settings
):
    settings.PAGE_CACHE_ENABLED = False
    release = release_in_state("cleared", headline="Medics train with the Darién border police")

    def found():
        html = client.get(reverse("public:search"), {"q": "medics darien"}).content.decode()
        return release.get_absolute_url() in html

    transitions.publish(article=release, user=admin_user)
    assert wait_for(found), "the worker did not enter the published release"
    assert search_engine.size() == 1

    transitions.withdraw(article=release, user=admin_user, reason="Published in error.")
    assert wait_for(lambda: search_engine.size() == 0), "the worker did not remove it"
    assert not found()
