"""public.invalidation: one declared map of what readers see, changes collected per transaction,
and every process following a change within a second."""

import datetime

import pytest
import time_machine
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Image, Initiative, Organization, Person, Quote
from public import checks, invalidation, search_index, versions
from public.models import PageGeneration
from tests.counting import get
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    add_blocks,
    release_in_state,
)

pytestmark = pytest.mark.django_db

# What releases show, and the pages of the things they name.
SHOWN_ON_PAGES = (Article, Person, Organization, Initiative, Image, Tag)


def related_models(model):
    """Every model with a relation to `model` or from it, link tables included."""
    for relation in model._meta.get_fields(include_hidden=True):
        if not relation.is_relation or relation.related_model is None:
            continue
        yield relation.related_model
        through = getattr(relation, "through", None) or getattr(
            relation.remote_field, "through", None
        )
        if through is not None:
            yield through


def test_every_model_near_what_readers_see_is_declared():
    undeclared = set()
    for model in SHOWN_ON_PAGES:
        for related in {model, *related_models(model)}:
            if related not in invalidation.SHOWN and related not in invalidation.NOT_SHOWN:
                undeclared.add(related._meta.label)
    assert not undeclared, (
        "Declare these in public/invalidation.py, in SHOWN (how a change leads to releases) "
        f"or NOT_SHOWN: {sorted(undeclared)}"
    )


def test_a_transaction_rebuilds_and_bumps_once_at_commit_however_many_blocks(
    django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    for module, name in (
        (search_index, "refresh"),
        (versions, "renew_releases"),
        (versions, "advance_page_generation"),
    ):
        original = getattr(module, name)
        monkeypatch.setattr(
            module,
            name,
            lambda *args, _name=name, _original=original: (
                calls.append(_name),
                _original(*args),
            ),
        )
    article = release_in_state("published")
    versions.page_generation()  # a reader since: the test's own transaction is still open
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.headline = "Thirty blocks later"
        article.save()
        add_blocks(article, 30)
        article.tags.add("river", "bridge")
        inside = list(calls)
    at_commit = calls[len(inside) :]
    # Inside the transaction the generation moved once (so a crash before the commit's work
    # loses nothing); at commit, each step once, in order: the search documents on the queue
    # (run in-process here), then the generation again for search pages cached before them.
    assert inside.count("advance_page_generation") == 1
    assert at_commit == [
        "renew_releases",
        "advance_page_generation",
        "refresh",
        "advance_page_generation",
    ]


def test_another_process_follows_a_change_within_a_second(client):
    article = ArticleFactory(headline="Harbor reopens")
    url = article.get_absolute_url()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(url)
        assert get(client, url)[1] == 0
    # Another process commits a change: it renews the release's version and moves the
    # generation, this process is not told.
    Article.objects.filter(pk=article.pk).update(headline="Harbor reopens to ferries")
    versions.renew_releases([article.pk])
    PageGeneration.objects.update(value=F("value") + 1)
    with time_machine.travel(start + datetime.timedelta(seconds=0.5), tick=False):
        # Within the second: this process's copy of the generation, the page as cached.
        response, queries = get(client, url)
        assert queries == 0 and "to ferries" not in response.content.decode()
    with time_machine.travel(start + datetime.timedelta(seconds=1.5), tick=False):
        assert "Harbor reopens to ferries" in client.get(url).content.decode()


def test_a_new_press_contact_is_shown_at_once_a_new_person_is_not(client):
    cached_home = [client.get("/people/"), get(client, "/people/")]
    assert cached_home[1][1] == 0
    PersonFactory(given_name="Quiet", family_name="Newcomer")
    assert get(client, "/people/")[1] == 0
    PersonFactory(given_name="Press", family_name="Officer", is_press_contact=True)
    assert "Officer" in client.get("/people/").content.decode()


def test_renaming_the_unit_of_a_quoted_speaker_renews_the_release(client, no_page_cache):
    article = release_in_state("published")
    unit = OrganizationFactory(name="Engineer Battalion")
    speaker = PersonFactory(organization=unit)
    Quote.objects.create(parent=article, region="body", ordering=10, speaker=speaker, text="Go.")
    before = versions.release_version(Article.objects.get(pk=article.pk))
    unit.name = "Combat Engineer Battalion"
    unit.save()
    assert versions.release_version(Article.objects.get(pk=article.pk)) != before


@pytest.mark.parametrize(
    ("cache_control", "allowed"),
    [
        ("public, max-age=30, stale-while-revalidate=20, stale-if-error=86400", True),
        ("public, max-age=60, stale-while-revalidate=300, stale-if-error=86400", False),
        ("public, max-age=5, s-maxage=120", False),
        ("public, max-age=600, s-maxage=40", True),
    ],
)
def test_shared_caches_may_not_keep_pages_past_the_bound(settings, cache_control, allowed):
    settings.PAGE_CACHE_CONTROL = cache_control
    errors = checks.check_page_staleness()
    assert (not errors) is allowed
    if errors:
        assert errors[0].id == "public.E001"
