"""The whole-page cache: anonymous pages are served from it, and every change a page can show
makes it fresh on the next request."""

import datetime
import re
import time

import pytest
import time_machine
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import roles
from articles.checks.service import refresh_release_checks
from articles.workflow import transitions
from articles.workflow.embargo import create_embargo_link
from public import invalidation, search_index, versions
from public.page_cache import PageCacheMiddleware
from tests.counting import get
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

HOME = "/"
NONCE = re.compile(r'nonce="([^"]+)"')


# A page served from the cache costs at most one query: the page generation, which each
# process reads from the database at most once a second.
HIT_QUERIES = 1


def cached(client, url):
    """Request `url` twice and check the second answer came from the page cache."""
    client.get(url)
    response, queries = get(client, url)
    assert response.status_code == 200 and queries <= HIT_QUERIES, (url, queries)
    return response.content.decode()


def test_an_anonymous_page_is_served_from_the_cache_as_the_stored_bytes(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    second, queries = get(client, article.get_absolute_url())
    assert queries <= HIT_QUERIES
    assert first["Cache-Control"] == (
        "public, max-age=30, stale-while-revalidate=20, stale-if-error=86400"
    )
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    # No per-request nonce: the same bytes and the same policy for every reader, which is
    # what lets nginx or a CDN keep the page too.
    assert second.content == first.content
    assert "nonce" not in first.content.decode()
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce-" not in first["Content-Security-Policy"]
    assert not second.cookies


def test_a_page_that_used_a_nonce_is_neither_public_nor_stored(client, monkeypatch):
    """An inline script would need this response's nonce; handing one nonce to every reader
    would defeat it, so such a page is private and rendered for each request."""
    from public.views import pages

    real_render = pages.render

    def render_with_inline_script(request, template, context=None, **kwargs):
        response = real_render(request, template, context, **kwargs)
        response.content += f'<script nonce="{request.csp_nonce}">1</script>'.encode()
        return response

    monkeypatch.setattr(pages, "render", render_with_inline_script)
    first = client.get("/about/")
    assert first["Cache-Control"] == "private, no-cache"
    second = client.get("/about/")
    assert NONCE.search(first.content.decode()).group(1) != NONCE.search(
        second.content.decode()
    ).group(1)


def test_a_change_moves_the_generation_to_at_least_its_own_time():
    """Pages are keyed by the generation: after a database restore it must not fall back to a
    value whose pages Redis still holds, so it becomes at least the time of the change."""
    before = time.time_ns()
    for _ in range(3):  # PostgreSQL prepares a statement on its second run
        versions.advance_page_generation()
    assert versions.page_generation() >= before


def test_language_and_query_string_are_part_of_the_key(client):
    ArticleFactory(headline="Bridge opens")
    english = cached(client, HOME)
    spanish = cached(client, "/es/")
    assert english != spanish and 'lang="es"' in spanish
    assert cached(client, reverse("public:search") + "?q=bridge") != cached(
        client, reverse("public:search") + "?q=nothing-matches-this"
    )


def test_head_is_answered_from_the_cached_page(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        head = client.head(article.get_absolute_url())
    assert len(queries) <= HIT_QUERIES and head.status_code == 200 and head.content == b""
    assert head["ETag"] == page["ETag"]


def test_conditional_requests_are_answered_with_304_in_at_most_one_query(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url())
    for headers in (
        {"If-None-Match": page["ETag"]},
        {"If-Modified-Since": page["Last-Modified"]},
    ):
        response, queries = get(client, article.get_absolute_url(), headers=headers)
        assert response.status_code == 304 and response.content == b""
        assert queries <= 1


def _publish(article, authority):
    waiting = release_in_state("cleared", headline="Newly published release")
    transitions.publish(article=waiting, user=authority)
    return HOME, "Newly published release"


def _edit(article, authority):
    article.headline = "Edited headline"
    article.save()
    return article.get_absolute_url(), "Edited headline"


def _correct(article, authority):
    editor = UserFactory(roles=[roles.EDITOR])
    transitions.correct(article=article, user=editor, note="The date was wrong.")
    return article.get_absolute_url(), "The date was wrong."


def _withdraw(article, authority):
    transitions.withdraw(article=article, user=authority, reason="Postponed exercise.")
    return article.get_absolute_url(), "Postponed exercise."


def _person(article, authority):
    person = article.byline_people.get()
    person.family_name = "Okonkwo"
    person.save()
    return article.get_absolute_url(), "Okonkwo"


def _organization(article, authority):
    organization = article.organizations.get()
    organization.name = "Renamed Brigade"
    organization.save()
    return organization.get_absolute_url(), "Renamed Brigade"


def _initiative(article, authority):
    initiative = article.initiatives.get()
    initiative.name = "Renamed Initiative"
    initiative.save()
    return article.get_absolute_url(), "Renamed Initiative"


def _image(article, authority):
    image = article.hero_image
    image.alt_text = "A new description of the photo"
    image.save()
    return article.get_absolute_url(), "A new description of the photo"


def _tag(article, authority):
    tag = Tag.objects.get(slug="river")
    tag.name = "River crossings"
    tag.save()
    return reverse("public:tag", kwargs={"slug": "river"}), "River crossings"


def _tagging(article, authority):
    other = ArticleFactory(headline="Another river release")
    other.tags.add("river")
    return reverse("public:tag", kwargs={"slug": "river"}), "Another river release"


@pytest.mark.parametrize(
    "change",
    [
        _publish,
        _edit,
        _correct,
        _withdraw,
        _person,
        _organization,
        _initiative,
        _image,
        _tag,
        _tagging,
    ],
    ids=lambda change: change.__name__.strip("_"),
)
def test_each_change_makes_the_affected_page_fresh(client, authority, change):
    article = release_in_state("published", hero_image=ImageFactory())
    article.byline_people.add(PersonFactory())
    article.organizations.add(OrganizationFactory())
    article.initiatives.add(InitiativeFactory())
    article.tags.add("river")
    # Every page a reader might have cached before the change.
    pages = [
        HOME,
        article.get_absolute_url(),
        article.organizations.get().get_absolute_url(),
        reverse("public:tag", kwargs={"slug": "river"}),
    ]
    for url in pages:
        cached(client, url)
    url, expected = change(article, authority)
    assert url in pages
    assert expected in client.get(url).content.decode()


def test_a_scheduled_release_appears_on_the_cached_home_page_at_its_time(client, authority):
    release_time = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    article = release_in_state("cleared", headline="Scheduled river crossing")
    transitions.publish(article=article, user=authority, at=release_time)
    with time_machine.travel(release_time - datetime.timedelta(seconds=2), tick=False):
        assert "Scheduled river crossing" not in cached(client, HOME)
    with time_machine.travel(release_time + datetime.timedelta(seconds=1), tick=False):
        assert "Scheduled river crossing" in client.get(HOME).content.decode()
        # And is cached again from then on.
        assert "Scheduled river crossing" in cached(client, HOME)


def test_logged_in_users_neither_get_nor_fill_the_cache(client, admin_user):
    article = ArticleFactory()
    cached(client, article.get_absolute_url())
    staff = Client()
    staff.force_login(admin_user)
    for _ in range(2):
        response, queries = get(staff, article.get_absolute_url())
        assert queries > 0
        assert "private" in response["Cache-Control"]
    # Not even a first visit by staff fills the cache for a page readers have not opened.
    other = ArticleFactory()
    staff.get(other.get_absolute_url())
    _, queries = get(client, other.get_absolute_url())
    assert queries > 0


def test_embargoed_previews_are_never_cached(client, authority):
    article = release_in_state("cleared", headline="Embargoed headline")
    _, token = create_embargo_link(
        article=article,
        user=authority,
        label="Wire services",
        expires_at=timezone.now() + datetime.timedelta(hours=6),
    )
    url = reverse("public:embargoed", kwargs={"token": token})
    first = client.get(url)
    assert first["Cache-Control"] == "private, no-store"
    response, queries = get(client, url)
    assert "Embargoed headline" in response.content.decode() and queries > 0


def test_a_response_that_sets_a_cookie_is_not_cached(settings):
    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("<p>hello</p>")
        response["Cache-Control"] = settings.PAGE_CACHE_CONTROL
        response.set_cookie("tracking", "1")
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/cookie-page/"))
    assert len(calls) == 2


def test_the_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    _, queries = get(client, article.get_absolute_url())
    assert queries > 0


def test_hosts_are_cached_apart_and_unknown_hosts_refused(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.mil", "www.news.example.mil"]
    ArticleFactory()
    client.get(HOME, HTTP_HOST="news.example.mil")
    _, queries = get(client, HOME, HTTP_HOST="www.news.example.mil")
    assert queries > 0
    assert client.get(HOME, HTTP_HOST="evil.example.com").status_code == 400


def test_a_search_page_cached_before_the_documents_are_rebuilt_is_dropped_at_commit(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """The search documents are rebuilt after the commit, on the task queue (in-process here).
    A reader who searched in between got the old results under the generation the change
    committed; the generation moves on again once the documents are rebuilt."""
    article = ArticleFactory(headline="Old headline")
    url = reverse("public:search") + "?q=sealed"
    steps = []
    rebuild = search_index.refresh

    def recorded(name, original):
        def step(*args):
            steps.append(name)
            return original(*args)

        return step

    def refresh_after_a_reader(release_ids):
        # A reader searches after the commit, before the documents are rebuilt.
        versions.forget_page_generation()
        assert article.get_absolute_url() not in client.get(url).content.decode()
        recorded("search documents", rebuild)(release_ids)

    monkeypatch.setattr(search_index, "refresh", refresh_after_a_reader)
    monkeypatch.setattr(
        invalidation.versions,
        "renew_releases",
        recorded("release versions", versions.renew_releases),
    )
    monkeypatch.setattr(
        invalidation.versions,
        "advance_page_generation",
        recorded("page generation", versions.advance_page_generation),
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Bridge sealed"
        article.save()
    assert steps[-4:] == [
        "release versions",
        "page generation",
        "search documents",
        "page generation",
    ]
    assert article.get_absolute_url() in client.get(url).content.decode()


def _draft_edited(draft, writer):
    draft.headline = "A better draft headline"
    draft.save()


def _draft_blocks_and_tags(draft, writer):
    add_blocks(draft, 4)
    draft.tags.add("river")


def _draft_submitted_and_checked(draft, writer):
    transitions.submit_for_review(article=draft, user=writer)
    refresh_release_checks(article=draft)


def _draft_deleted(draft, writer):
    draft.delete()


@pytest.mark.parametrize(
    "work",
    [_draft_edited, _draft_blocks_and_tags, _draft_submitted_and_checked, _draft_deleted],
    ids=lambda work: work.__name__.strip("_"),
)
def test_work_on_drafts_leaves_the_cached_pages_alone(client, writer, work):
    article = release_in_state("published")
    pages = [HOME, article.get_absolute_url()]
    draft = release_in_state("draft", created_by=writer)
    for url in pages:
        cached(client, url)
    work(draft, writer)
    for url in pages:
        assert get(client, url)[1] <= HIT_QUERIES, url
