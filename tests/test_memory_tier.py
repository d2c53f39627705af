"""Each process's memory in front of Redis (public/tiered_cache.py): cached pages and release
content are served without a round trip to Redis, within a byte budget, and never outlive a
change, whichever process made it."""

import datetime
import tracemalloc

import pytest
import time_machine
from django.core.cache import caches
from django.db.models import F
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleStatus
from public import versions
from public.models import PageGeneration
from tests.caches import empty_every_cache
from tests.counting import get
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOME = "/"
# A page-cache hit: at most the page generation, read at most once a second.
HIT_QUERIES = 1
# A release page from the release cache, its related releases too: the release.
FROM_RELEASE_CACHE_QUERIES = 1
# Longer than a process keeps its copy of the page generation.
A_MOMENT_LATER = datetime.timedelta(seconds=1.5)


@pytest.fixture
def redis_unreachable(monkeypatch):
    """From now on the shared cache answers nothing, as ResilientRedisCache does while Redis
    cannot be reached."""

    def unreachable():
        monkeypatch.setattr(
            caches["default"], "get", lambda key, default=None, version=None: default
        )

    return unreachable


def changed_by_another_process(article, headline):
    """What another process's edit leaves behind: the new row and a new page generation and
    release version in the database, while this process still holds its copy of the
    generation it read."""
    Article.objects.filter(pk=article.pk).update(headline=headline)
    PageGeneration.objects.filter(pk=versions.PAGES).update(value=F("value") + 1)
    versions.renew_releases([article.pk])


def test_a_cached_page_is_served_from_memory_while_redis_is_unreachable(client, redis_unreachable):
    article = ArticleFactory(headline="Ferry crossing reopens")
    first = client.get(article.get_absolute_url())
    redis_unreachable()
    second, queries = get(client, article.get_absolute_url())
    assert queries <= HIT_QUERIES
    assert second.content == first.content and "Ferry crossing reopens" in second.content.decode()


def test_another_process_s_change_reaches_readers_within_a_second(client, redis_unreachable):
    article = ArticleFactory(headline="Clinic opens on Monday")
    url = article.get_absolute_url()
    client.get(url)
    redis_unreachable()
    assert get(client, url)[1] <= HIT_QUERIES  # from memory
    changed_by_another_process(article, "Clinic opens on Tuesday")
    with time_machine.travel(timezone.now() + A_MOMENT_LATER):
        page = client.get(url).content.decode()
    assert "Clinic opens on Tuesday" in page and "Clinic opens on Monday" not in page


def test_staff_are_never_served_from_memory(client, admin_user, redis_unreachable):
    ArticleFactory(headline="Bridge inspection finished")
    client.get(HOME)
    redis_unreachable()
    # Withdrawn without moving the generation: only a stored page still lists it (a render
    # reads the list of releases afresh).
    Article.objects.update(status=ArticleStatus.WITHDRAWN)
    assert "Bridge inspection finished" in client.get(HOME).content.decode()
    staff = Client()
    staff.force_login(admin_user)
    response = staff.get(HOME)
    assert "Bridge inspection finished" not in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_memory_holds_no_more_than_its_byte_budget(client, settings, redis_unreachable):
    first, second = ArticleFactory(), ArticleFactory()
    client.get(first.get_absolute_url())
    one_page = caches["memory"].size()
    assert one_page > 0
    # Room for one page's entries (its release content and the stored page) and a quarter more,
    # not for two pages': the page used least recently makes room.
    budget = one_page * 5 // 4
    settings.CACHES = settings.CACHES | {
        "memory": settings.CACHES["memory"] | {"OPTIONS": {"MAX_BYTES": budget}}
    }
    versions.forget_page_generation()
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    assert caches["memory"].size() <= budget
    redis_unreachable()
    assert get(client, second.get_absolute_url())[1] <= HIT_QUERIES
    assert get(client, first.get_absolute_url())[1] > HIT_QUERIES


def test_a_value_larger_than_the_budget_is_not_kept(settings):
    settings.CACHES = settings.CACHES | {
        "memory": settings.CACHES["memory"] | {"OPTIONS": {"MAX_BYTES": 1000}}
    }
    memory = caches["memory"]
    memory.set("small", "a few bytes")
    memory.set("large", "x" * 2000)
    assert memory.get("large") is None and memory.get("small") == "a few bytes"
    assert 0 < memory.size() < 1000


def test_the_budget_counts_what_a_shared_value_takes_in_memory_not_its_pickle():
    """A search text's index of stems as it is read: many small pairs of numbers, each several
    times larger in memory than in a pickle."""
    memory = caches["memory"]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        memory.set(
            "search-text",
            {
                "opening": "Engineers rebuilt the footbridge over the river. " * 30,
                "opening_words": {
                    f"stem{i}": [(i * 7, i * 7 + 5), (i * 9, i * 9 + 4)] for i in range(300)
                },
            },
            60,
        )
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert memory.get("search-text")["opening_words"]["stem299"] == ((2093, 2098), (2691, 2695))
    # What the process holds for it, but for the allocator's rounding and the entry's own
    # bookkeeping (its key, its place in the least-recently-used order).
    assert memory.size() >= held * 3 // 4


def test_many_entries_are_read_at_once_without_the_expired_or_missing():
    memory = caches["memory"]
    memory.set("card:1", {"headline": "Divers clear the channel"}, 60)
    memory.set("card:2", {"headline": "Medics open a clinic"}, 60)
    memory.set("card:3", {"headline": "Old news"}, 60)
    with time_machine.travel(timezone.now()) as clock:
        memory.set("card:3", {"headline": "Old news"}, 1)
        clock.shift(2)
        found = memory.get_many(["card:1", "card:2", "card:3", "card:4"])
    assert found == {
        "card:1": {"headline": "Divers clear the channel"},
        "card:2": {"headline": "Medics open a clinic"},
    }


def test_plain_data_is_shared_read_only_and_anything_else_is_copied_for_each_reader():
    memory = caches["memory"]
    memory.set("card", {"headline": "Divers clear the channel", "tags": ["harbor"]}, 60)
    memory.set("calendar", {"days": {datetime.date(2026, 5, 4)}}, 60)
    shared = memory.get_many(["card"])["card"]
    # No reader can change what the next one reads: the same object, read-only.
    assert shared is memory.get("card")
    with pytest.raises(TypeError):
        shared["headline"] = "Changed by a reader"
    with pytest.raises(AttributeError):
        shared["tags"].append("changed")
    assert memory.get("card") == {"headline": "Divers clear the channel", "tags": ("harbor",)}
    # A set is not plain data here: each reader gets a copy to change as it likes.
    copy = memory.get("calendar")
    copy["days"].add(datetime.date(2026, 5, 5))
    assert memory.get("calendar") == {"days": {datetime.date(2026, 5, 4)}}


def test_a_touched_entry_lives_on_unchanged():
    memory = caches["memory"]
    with time_machine.travel(timezone.now()) as clock:
        memory.set("card", {"headline": "Medics open a clinic"}, 1)
        assert memory.touch("card", 60)
        clock.shift(2)
        assert memory.get("card") == {"headline": "Medics open a clinic"}
    assert not memory.touch("never stored", 60)


def test_an_entry_stored_or_touched_without_a_timeout_never_expires():
    memory = caches["memory"]
    with time_machine.travel(timezone.now()) as clock:
        memory.set("stored for good", "Medics open a clinic", None)
        memory.set("touched for good", "Engineers finish the well", 1)
        assert memory.touch("touched for good", None)
        clock.shift(datetime.timedelta(days=3650))
        assert memory.get("stored for good") == "Medics open a clinic"
        assert memory.get("touched for good") == "Engineers finish the well"


def test_release_content_is_read_from_memory_and_renewed_by_another_process_s_edit(
    client, no_page_cache, redis_unreachable
):
    article = ArticleFactory(headline="Engineers finish the well")
    url = article.get_absolute_url()
    client.get(url)
    redis_unreachable()
    response, queries = get(client, url)
    assert queries == FROM_RELEASE_CACHE_QUERIES
    assert "Engineers finish the well" in response.content.decode()
    changed_by_another_process(article, "Engineers finish the second well")
    assert "Engineers finish the second well" in client.get(url).content.decode()


def test_entries_left_in_redis_by_the_previous_release_of_the_code_are_not_read(client):
    """A deploy over a warm Redis: the release cache's entries of the version before the memory
    tier ({"version", "content"} under the same names) must not break the release page."""
    article = ArticleFactory(headline="Water point handed over")
    client.get(article.get_absolute_url())
    shared = caches["default"]
    left_behind = [key for key in shared._cache if ":release-cache:page:" in key]
    assert left_behind  # the page put itself in the shared cache
    empty_every_cache()
    for key in left_behind:
        name = key.split(":", 2)[2].removeprefix("tiered:")
        shared.set(name, {"version": versions.release_version(article), "content": {}}, 60)
    versions.forget_page_generation()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and "Water point handed over" in page.content.decode()
