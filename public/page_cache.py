"""Whole-page cache for anonymous readers, invalidated by one site-wide generation.

Content changes are rare and reads are many, so any change that a public page can show (a
release published, edited, corrected or withdrawn; a person, organization, initiative, image or
tag saved or deleted) moves one generation on, and every cached page is keyed by it
(public.invalidation decides what counts; work on drafts and the records of the editorial
process move nothing). The generation is a database row (public.versions), read by each
process at most once a second: a change reaches every process within a second even if the
cache was unreachable when it was made, and a hit costs at most that one query.

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
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_path

from articles.models import Article, ArticleStatus

from . import tiered_cache, versions

# What get_conditional_response() answers; most hits carry none of them.
CONDITIONAL_HEADERS = frozenset(
    (
        "HTTP_IF_MATCH",
        "HTTP_IF_NONE_MATCH",
        "HTTP_IF_MODIFIED_SINCE",
        "HTTP_IF_UNMODIFIED_SINCE",
    )
)
# (generation, horizon): this process's copy of the horizon of the generation it last saw.
_horizon = (None, 0)


def horizon(current_generation):
    """The soonest future release time (a timestamp, 0 if none), looked up once per generation
    and again once it has passed (or after PAGE_CACHE_SECONDS): from this process's copy, then
    the cache, then the database."""
    global _horizon
    known_generation, value = _horizon
    if known_generation == current_generation and not (value and value <= time.time()):
        return value
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
    _horizon = (current_generation, value)
    return value


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for public pages from the cache: this process's memory,
    else Redis (public.tiered_cache).

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
        current = versions.page_generation()
        boundary = horizon(current)
        key = self._key(request, current, boundary)
        entry = tiered_cache.get(key)
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if self._cacheable_response(response):
            timeout = settings.PAGE_CACHE_SECONDS
            if boundary:
                timeout = max(1, min(timeout, int(boundary - time.time())))
            tiered_cache.set(key, self._entry(response), timeout)
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
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
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
        if not CONDITIONAL_HEADERS.intersection(request.META):
            return response
        return get_conditional_response(
            request,
            etag=response.headers.get("ETag"),
            last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
            response=response,
        )
