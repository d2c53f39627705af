"""Fixed query counts whatever the amount of content, conditional GETs, and static files."""

import datetime
import gzip

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.workflow import transitions
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

pytestmark = pytest.mark.django_db

HOME_BUDGET = 10
# One query per body block type (five with the transcript) on top of the release's own.
ARTICLE_BUDGET = 11


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
    counts = {}
    for page in small:
        # Rendered from scratch: the release cache empty too, in Redis and in memory.
        for tier in caches.all():
            tier.clear()
        counts[page] = (queries_for(client, small[page]), queries_for(client, large[page]))
    articles = (small["article"], large["article"])
    for url in articles:
        client.get(url)
    from_release_cache = tuple(queries_for(client, url) for url in articles)
    differing = {page: pair for page, pair in counts.items() if pair[0] != pair[1]}
    assert not differing, counts
    assert counts["home"][1] <= HOME_BUDGET, counts["home"]
    assert counts["article"][1] <= ARTICLE_BUDGET, counts["article"]
    assert from_release_cache == (2, 2)


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
