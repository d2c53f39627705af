"""Each public release's page content, rendered once per version of the release.

The whole-page cache (public.page_cache) is emptied by any change to public content, so right
after an edit every release page renders again, although only the edited release changed. What
a release page shows of its own (headline, photos, blocks, quotes, tables, corrections, tags,
organizations, initiatives, contacts, its JSON-LD) depends only on that release and the things it
names, so it is kept here per release, under a version that public.release_changes renews
whenever one of those changes. The related releases, which depend on other releases, are read on
every render and never stored here.

Entries are keyed by release, language and site address (the JSON-LD holds absolute URLs) and
carry the version they were built at; a read fetches the version and the entry in one cache
round trip and uses the entry only if the versions match. Staff and embargo previews never use
it. RELEASE_CACHE_ENABLED=0 turns it off (the benchmark's "cold" mode).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language


def _version_key(article_id):
    return f"release-cache:version:{article_id}"


def forget(article_ids):
    """Give these releases a new version: their stored content is never read again."""
    version = time.time_ns()
    cache.set_many({_version_key(pk): version for pk in article_ids}, timeout=None)


def content(request, article, build):
    """build() (a picklable dict) for this public release, from the cache when still current."""
    if not settings.RELEASE_CACHE_ENABLED:
        return build()
    version_key = _version_key(article.pk)
    address = hashlib.blake2b(
        f"{request.scheme}://{request.get_host()}".encode(), digest_size=8
    ).hexdigest()
    entry_key = f"release-cache:content:{article.pk}:{get_language()}:{address}"
    found = cache.get_many([version_key, entry_key])
    version = found.get(version_key)
    if version is None:
        # Never versioned, or evicted: any value not used before for this release will do.
        version = time.time_ns()
        if not cache.add(version_key, version, timeout=None):
            version = cache.get(version_key, version)
    entry = found.get(entry_key)
    if entry is not None and entry["version"] == version:
        return entry["content"]
    built = build()
    cache.set(
        entry_key, {"version": version, "content": built}, timeout=settings.RELEASE_CACHE_SECONDS
    )
    return built
