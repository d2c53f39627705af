"""Each release page's related releases, kept per release while nothing they follow changes.

The related releases (public.topics) are the newest published releases sharing an initiative,
organization or tag with a release. They change when the release's own topics change (its
version, public.versions), when a release that has or had one of those topics changes in a way
readers see (the topic's version, which public.invalidation renews), or when a release sharing a
topic with it comes out on schedule. An entry holds the versions as they were when it was built
and ends when the first of those scheduled releases comes out; it is used only while the versions
are unchanged, so an edit elsewhere on the site does not make every release page read its
related releases again. Each entry also lives at most LIFETIME_SECONDS: a renewal lost with its
process (after the commit, before its work ran) is followed within the site's 60-second bound
all the same.

The topics' versions come with the release, in the release page's one query
(with_topic_versions, used by public.release_lookup). RELEASE_CACHE_ENABLED=0 turns this off.
"""

import math
import time

from django.conf import settings
from django.db import connection
from django.db.models import CharField
from django.db.models.expressions import RawSQL

from . import tiered_cache, versions
from .models import TopicVersion
from .topics import next_related_release, related_releases, topics_sql

LIFETIME_SECONDS = 60


def with_topic_versions(releases):
    """`releases` annotated with `topic_versions`: a text naming every topic of each release
    with its version (None while none of them has one)."""
    topics = topics_sql(f"{{column}} = {releases.model._meta.db_table}.id")
    entry = "version.kind || version.topic_id || '.' || version.version"
    aggregate = (
        f"string_agg({entry}, ' ' ORDER BY version.kind, version.topic_id)"
        if connection.vendor == "postgresql"
        else f"group_concat({entry}, ' ')"
    )
    sql = (
        f"SELECT {aggregate} FROM {TopicVersion._meta.db_table} version "
        f"WHERE (version.kind, version.topic_id) IN (SELECT kind, topic_id FROM ({topics}) topics)"
    )
    return releases.annotate(topic_versions=RawSQL(sql, [], output_field=CharField()))


def related(article, *, built=None):
    """public.topics.related_releases(article), from the cache while still current, or `built`
    (just read with the release's topics) kept for the next requests. `article` carries its
    versions (public.release_lookup)."""
    if not settings.RELEASE_CACHE_ENABLED:
        return related_releases(article) if built is None else built
    key = f"related-releases:{article.pk}"
    followed = (versions.release_version(article), article.topic_versions)
    if built is None:
        entry = tiered_cache.get(key)
        if entry is not None and entry["follows"] == followed and time.time() < entry["until"]:
            return entry["releases"]
    releases = related_releases(article) if built is None else built
    # A scheduled release coming out may be related: the entry ends when the first one does.
    soonest = next_related_release(article)
    until = min(time.time() + LIFETIME_SECONDS, soonest.timestamp() if soonest else math.inf)
    entry = {"follows": followed, "until": until, "releases": releases}
    tiered_cache.set(key, entry, LIFETIME_SECONDS)
    return releases
