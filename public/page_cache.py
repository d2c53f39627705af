"""Whole-page cache for anonymous readers, invalidated by one site-wide generation.

Content changes are rare and reads are many, so any change that a public page can show (a
release published, edited, corrected or withdrawn; a person, organization, initiative, image or
tag saved or deleted) bumps one generation number, and every cached page is keyed by it. Work
on drafts and the records of the editorial process (state changes, clearances, embargo links,
check reports) bump nothing. The bump happens at the change and again at commit. The
generation lives in the default cache, so with Redis (CACHE_URL/REDIS_URL) every worker sees a
bump at once; local memory is per process and only right for a single process.

A release scheduled for later appears without any save: the soonest future release time (the
"horizon") is looked up once per generation, becomes part of the key, and bounds each entry's
lifetime; once it passes, the next request looks the horizon up again and gets fresh pages.

Public pages carry no inline script and so no CSP nonce (JSON-LD is data, which script-src
does not govern): a hit is the stored bytes and headers as they are, the same for every reader,
which is also what lets nginx or a CDN keep them. A page whose rendering used a nonce is not
marked public (public.middleware), so it is never stored.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_path
from taggit.models import Tag, TaggedItem

from articles.models import (
    Article,
    ArticleStatus,
    Clearance,
    Correction,
    EmbargoLink,
    Image,
    ImageRendition,
    Initiative,
    InitiativeTableRow,
    Organization,
    Person,
    ReleaseCheckReport,
    SearchDocument,
    StateChange,
    WatchTerm,
)
from articles.models.blocks import BodyBlock

GENERATION_KEY = "page-cache:generation"
# App labels whose saves and deletes can change a public page.
CONTENT_APPS = {"articles", "taggit"}
# Records of the editorial process, shown on no public page (a withdrawal's reason is, but
# withdrawing also saves the release).
EDITORIAL_RECORDS = (StateChange, Clearance, EmbargoLink, ReleaseCheckReport, WatchTerm)
# What releases name. A new rendition of an image does not change the pages that show the image
# already: they point at renditions that exist.
NAMED = (Person, Organization, Initiative, Image, ImageRendition, Tag)
# Releases whose changes readers can see; a scheduled one is published with a future time, and
# saving it must reach the pages' horizon.
PUBLIC_STATUSES = {ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN}


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh start (or an evicted key): any value not used before in this cache will do.
        value = time.time_ns()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def bump_generation():
    """Make every cached page stale. Called on any change to public content."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def horizon(current_generation):
    """The soonest future release time (a timestamp, 0 if none), looked up once per generation
    and again once it has passed (or after PAGE_CACHE_SECONDS)."""
    key = f"page-cache:horizon:{current_generation}"
    value = cache.get(key)
    if value is None or (value and value <= time.time()):
        soonest = Article.objects.filter(
            status=ArticleStatus.PUBLISHED, release_at__gt=timezone.now()
        ).aggregate(soonest=Min("release_at"))["soonest"]
        value = soonest.timestamp() if soonest else 0
        timeout = settings.PAGE_CACHE_SECONDS
        if value:
            timeout = max(1, min(timeout, int(value - time.time()) + 1))
        cache.set(key, value, timeout)
    return value


def _content_changed():
    """Bump now, so this process's next read renders anew, and again when the transaction
    commits: a reader whose request ran between the two saw the old rows and may have stored
    its page under the new generation.

    One bump at commit per change, not one per transaction: the commit-time work of
    public.release_changes (search documents, written without signals) runs between them,
    and the last bump must come after it. A cache increment costs a fraction of a millisecond.
    """
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)


def _release_of(instance):
    """The release `instance` is part of (itself for a release), or None."""
    if isinstance(instance, Article):
        return instance
    if isinstance(instance, BodyBlock):
        return instance.parent
    if isinstance(instance, InitiativeTableRow):
        return instance.table.parent
    if isinstance(instance, (Correction, SearchDocument)):
        return instance.article
    if isinstance(instance, TaggedItem) and isinstance(instance.content_object, Article):
        return instance.content_object
    return None


def _shown_to_readers(instance, created=False):
    """Whether a row can be on a public page: never a record of the editorial process, nor a
    person, organization, initiative, image or tag just created (nothing names it yet), and a
    release's text only once the release is published (or scheduled, or withdrawn). So writers
    working on drafts leave the cached pages alone."""
    if isinstance(instance, EDITORIAL_RECORDS) or (created and isinstance(instance, NAMED)):
        return False
    try:
        release = _release_of(instance)
    except ObjectDoesNotExist:
        return True  # a part whose release is being deleted with it: be safe
    return release is None or release.status in PUBLIC_STATUSES


def on_content_change(sender, instance, created=False, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and _shown_to_readers(instance, created):
        _content_changed()


def on_m2m_change(sender, instance, action, **kwargs):
    if (
        action.startswith("post_")
        and sender._meta.app_label in CONTENT_APPS
        and _shown_to_readers(instance)
    ):
        _content_changed()


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for public pages from the cache.

    Placed early (after WhiteNoise) so a hit skips sessions, auth and templates. A request with
    a session cookie may be staff and is never served from or stored in the cache. A response is
    stored only if the inner layers marked it public (ConditionalPageMiddleware does that for
    public pages; previews are `private, no-store`) and it sets no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        current = generation()
        boundary = horizon(current)
        key = self._key(request, current, boundary)
        entry = cache.get(key)
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if self._cacheable_response(response):
            timeout = settings.PAGE_CACHE_SECONDS
            if boundary:
                timeout = max(1, min(timeout, int(boundary - time.time())))
            cache.set(key, self._entry(response), timeout)
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _key(request, current, boundary):
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        # Pages hold absolute addresses (canonical, Open Graph), so scheme and host count too;
        # get_host() also refuses hosts outside ALLOWED_HOSTS before anything is served.
        address = request.build_absolute_uri(request.get_full_path())
        digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
        return f"page-cache:page:{current}:{boundary}:{language}:{digest}"

    @staticmethod
    def _cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in response.get("Cache-Control", "")
        )

    @staticmethod
    def _entry(response):
        return {"content": response.content, "headers": list(response.items())}

    @staticmethod
    def _from_entry(request, entry):
        """The stored page as it was sent, or 304 when the reader has it already."""
        content = entry["content"]
        response = HttpResponse(
            content if request.method == "GET" else b"", headers=dict(entry["headers"])
        )
        if request.method == "HEAD":
            response.headers["Content-Length"] = str(len(content))
        return get_conditional_response(
            request,
            etag=response.headers.get("ETag"),
            last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
            response=response,
        )
