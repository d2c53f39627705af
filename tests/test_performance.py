"""Fixed query counts whatever the amount of content, conditional GETs, and static files."""

import datetime
import gzip

import pytest
import time_machine
from celery.app.task import Task
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.workflow import transitions
from distribution.models import Subscriber, Subscription
from tests.caches import empty_every_cache
from tests.counting import queries_for
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    add_blocks,
    release_in_state,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

HOME_BUDGET = 10
# The release; then everything the page shows of it, one query per read (each body block type
# and what it prefetches, the corrections, the hero image, the photos' renditions, the topics,
# the people), on PostgreSQL all in one round trip (public.release_reads); then the soonest
# scheduled release among the related ones (public.related_cache).
ARTICLE_BUDGET = 14


def build_site(size):
    """`size` releases, each with `size` tags, body blocks, authors, contacts, organizations and
    initiatives, and the people, organizations and initiatives pages they imply."""
    organization = OrganizationFactory(slug=f"org-{size}")
    initiative = InitiativeFactory(slug=f"initiative-{size}")
    speaker = PersonFactory(slug=f"speaker-{size}", organization=organization)
    image = ImageFactory()
    articles = []
    for index in range(size):
        article = ArticleFactory(
            is_featured=index % 3 == 0,
            hero_image=image,
            release_at=timezone.now() - datetime.timedelta(hours=index + 1),
        )
        add_blocks(article, size)
        article.tags.add(*(f"tag-{size}-{n}" for n in range(size)), f"shared-{size}")
        article.byline_people.add(*PersonFactory.create_batch(min(size, 4)))
        article.media_contacts.add(*PersonFactory.create_batch(min(size, 4), is_press_contact=True))
        article.organizations.add(organization, *OrganizationFactory.create_batch(min(size, 4)))
        article.initiatives.add(initiative, *InitiativeFactory.create_batch(min(size, 4)))
        article.people.add(speaker)
        articles.append(article)
    return {
        "home": reverse("public:home"),
        "article": articles[0].get_absolute_url(),
        "list": reverse("public:release_list") + f"?organization={organization.slug}",
        "kind": reverse("public:kind", kwargs={"kind": "press-release"}),
        "tag": reverse("public:tag", kwargs={"slug": f"shared-{size}"}),
        "person": speaker.get_absolute_url(),
        "organization": organization.get_absolute_url(),
        "initiative": initiative.get_absolute_url(),
        "people": reverse("public:people"),
        "organizations": reverse("public:organizations"),
        "initiatives": reverse("public:initiatives"),
        "archive": reverse("public:archive"),
        "feed": reverse("feeds:all_rss"),
        "search": reverse("public:search") + "?q=Partners",
    }


def test_every_page_costs_the_same_queries_with_4_or_24_of_everything(client, no_page_cache):
    small, large = build_site(4), build_site(24)
    # Warm up once: a connection checks its features and Django caches content types on
    # first use, one-off queries that no later request repeats.
    for url in small.values():
        client.get(url)
    counts, cached = {}, {}
    for page in small:
        counts[page], cached[page] = zip(
            *(from_scratch_then_cached(client, site[page]) for site in (small, large)), strict=True
        )
    for measured in (counts, cached):
        differing = {page: pair for page, pair in measured.items() if pair[0] != pair[1]}
        assert not differing, measured
    assert counts["home"][1] <= HOME_BUDGET, counts["home"]
    assert counts["article"][1] <= ARTICLE_BUDGET, counts["article"]
    # The release with its versions; its page and related releases come from the cache.
    assert cached["article"] == (1, 1)
    # The list's query and the pagination's count; the cards come with one cache read.
    assert cached["home"] == (2, 2)
    # The page's release ids with their versions; each item comes from the cache.
    assert cached["feed"] == (1, 1)


def from_scratch_then_cached(client, url):
    """Queries of `url` with the release, card and feed item caches empty, then again with
    what the first request cached (in Redis and in each process's memory)."""
    empty_every_cache()
    return queries_for(client, url), queries_for(client, url)


def test_pages_send_validators_and_answer_conditional_requests_with_304(client, no_page_cache):
    article = ArticleFactory()
    for url in (reverse("public:home"), article.get_absolute_url(), "/es/"):
        first = client.get(url)
        etag = first["ETag"]
        assert etag and first["Cache-Control"].startswith("public, max-age=30")
        second = client.get(url)
        assert second["ETag"] == etag
        not_modified = client.get(url, headers={"If-None-Match": etag})
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified["ETag"] == etag
    assert client.get("/")["ETag"] != client.get("/es/")["ETag"]

    page = client.get(article.get_absolute_url())
    assert page["Last-Modified"]
    since = client.get(
        article.get_absolute_url(), headers={"If-Modified-Since": page["Last-Modified"]}
    )
    assert since.status_code == 304


def test_a_change_to_the_page_changes_its_etag(client):
    article = ArticleFactory(headline="Before")
    etag = client.get(article.get_absolute_url())["ETag"]
    article.headline = "After"
    article.save()
    changed = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "After" in changed.content.decode()


def test_static_files_are_compressed_and_cached_for_a_year(settings, tmp_path):
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    url = staticfiles_storage.url("css/newsroom.css")
    assert url != "/static/css/newsroom.css"  # a content-hashed name
    middleware = WhiteNoiseMiddleware(lambda request: None)
    from django.test import RequestFactory

    response = middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert b".newsroom-kicker" in gzip.decompress(body)


def test_a_correction_answers_if_modified_since_with_the_corrected_page(client, no_page_cache):
    article = release_in_state("published")
    first = client.get(article.get_absolute_url())
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        transitions.correct(
            article=article, user=UserFactory(roles=[roles.EDITOR]), note="Date fixed."
        )
        since = client.get(
            article.get_absolute_url(), headers={"If-Modified-Since": first["Last-Modified"]}
        )
    assert since.status_code == 200 and "Date fixed." in since.content.decode()


# The publish request: session and permissions, the release locked and checked once, one
# save with its revision and audit-log line, the publication event, the versions (the
# release's topics' too: one read, one write) and the page generation. Everything else (search
# documents, photo archive, alerts, webhooks) is queued.
PUBLISH_BUDGET = 67


def test_the_publish_request_costs_the_same_queries_with_4_or_16_blocks_and_0_or_30_subscribers(
    client, authority, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    # A broker that accepts every task: what the request does in production, where the worker
    # does the rest (under the test settings tasks would run inside the request).
    monkeypatch.setattr(Task, "apply_async", lambda task, *a, **kw: queued.append(task.name))
    sign_in(client, authority)

    def publish_queries(release):
        url = reverse("admin:articles_article_transition", args=[release.pk, "publish"])
        # The work done once the transaction commits, still in the request, is counted too.
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(url, {"when": "now", "shown_version": release.edit_version})
        assert response.status_code == 302
        release.refresh_from_db()
        assert release.is_live
        return len(queries)

    def release(headline, blocks, tags):
        article = release_in_state("cleared", headline=headline)
        add_blocks(article, blocks)
        article.tags.add(*tags)
        return article

    # A first request reads what the process keeps afterwards (content types, permissions).
    publish_queries(release("Range closes for the season", 4, ["range"]))
    few = publish_queries(release("Well dug at Los Santos", 4, ["water"]))

    now = timezone.now()
    for n in range(30):
        reader = Subscriber.objects.create(
            email=f"r{n}@example.org", language="en", confirmed_at=now
        )
        Subscription.objects.create(subscriber=reader, confirmed_at=now)
    large = release("Clinic opens at Chiriquí", 16, ["health", "clinic", "chiriqui"])
    large.organizations.add(*OrganizationFactory.create_batch(3))
    many = publish_queries(large)

    assert many == few
    assert few <= PUBLISH_BUDGET
    assert {
        "distribution.tasks.fan_out",
        "public.tasks.refresh_search_documents",
        "articles.tasks.build_photo_archive",
    } <= set(queued)
