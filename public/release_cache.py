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


def per_release(request, releases, *, name, build, stamp=None):
    """{release id: entry} for `releases`, each entry from the cache where it was built at the
    release's current version, the rest from build(releases missing) -> {release id: picklable
    entry}, stored. Releases may carry their version (versions.with_release_version); otherwise
    each costs a query. One cache round trip to read them all, one more to store what was built.
    `name` tells apart what is kept per release (the page's content, list cards, feed items).
    stamp(release), when given, is what else an entry depends on that changes apart from the
    version (a search document, rebuilt after the version moved): an entry built under another
    stamp is built again. Keyed by id, not by release: a model instance hashes through its
    primary key at every look-up, and a build may read its releases afresh (card_cache)."""
    if not settings.RELEASE_CACHE_ENABLED:
        return build(releases)
    address = hashlib.blake2b(
        f"{request.scheme}://{request.get_host()}".encode(), digest_size=8
    ).hexdigest()
    language = get_language()
    releases = {release.pk: release for release in releases}
    keys = {pk: f"{name}:{pk}:{language}:{address}" for pk in releases}
    current = {pk: versions.release_version(release) for pk, release in releases.items()}
    if stamp:
        current = {pk: (version, stamp(releases[pk])) for pk, version in current.items()}
    found = tiered_cache.get_many(keys.values())
    entries, missing = {}, []
    for pk, key in keys.items():
        stored = found.get(key)
        if stored is not None and stored["version"] == current[pk]:
            entries[pk] = stored["entry"]
        else:
            missing.append(releases[pk])
    if missing:
        built = build(missing)
        tiered_cache.set_many(
            {keys[pk]: {"version": current[pk], "entry": entry} for pk, entry in built.items()},
            settings.RELEASE_CACHE_SECONDS,
        )
        entries |= built
    return entries


def page(request, article, build, *, variant):
    """build() (a picklable dict) for this public release's page, from the cache when still
    current. `variant` names what else the page shows that the release's version does not
    follow (its published language versions): the entry's stamp."""
    return per_release(
        request,
        [article],
        name="release-cache:page",
        build=lambda releases: {article.pk: build()},
        stamp=lambda release: variant,
    )[article.pk]
