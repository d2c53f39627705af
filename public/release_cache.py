"""Each public release's page content, rendered once per version of the release.

The whole-page cache (public.page_cache) is emptied by any change to public content, so right
after an edit every release page renders again, although only the edited release changed. What
a release page shows of its own (headline, photos, blocks, quotes, tables, corrections, tags,
organizations, initiatives, contacts, its JSON-LD) depends only on that release and the things it
names, so it is kept here per release, under the release's version (public.versions), which
public.invalidation renews with every change to one of those. The related releases, which
depend on other releases, are read on every render and never stored here.

Entries are keyed by release, language and site address (the JSON-LD holds absolute URLs) and
carry the version they were built at; the version comes from the database with the release
itself, so an entry outlives no change, whatever happened to the cache meanwhile, and whether it
comes from this process's memory or from Redis (public.tiered_cache). Staff and
embargo previews never use it. RELEASE_CACHE_ENABLED=0 turns it off (the benchmark's "cold"
mode).
"""

import hashlib

from django.conf import settings
from django.utils.translation import get_language

from . import tiered_cache, versions


def content(request, article, build):
    """build() (a picklable dict) for this public release, from the cache when still current.
    `article` may carry its version (versions.with_release_version); otherwise it costs a query."""
    if not settings.RELEASE_CACHE_ENABLED:
        return build()
    version = versions.release_version(article)
    address = hashlib.blake2b(
        f"{request.scheme}://{request.get_host()}".encode(), digest_size=8
    ).hexdigest()
    key = f"release-cache:content:{article.pk}:{get_language()}:{address}"
    entry = tiered_cache.get(key)
    if entry is not None and entry["version"] == version:
        return entry["content"]
    built = build()
    tiered_cache.set(key, {"version": version, "content": built}, settings.RELEASE_CACHE_SECONDS)
    return built
