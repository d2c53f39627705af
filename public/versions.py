"""The versions the reader-side caches are checked against, kept in the database.

A cache in Redis can be unreachable exactly when something changes; had it held the only
record of the change, pages would go on showing the old content (a withdrawn release without
its notice) for as long as the entries live. So the page generation and each release's version
are database rows, written in the transaction of the change itself (public.invalidation):

- a cached page is keyed by the page generation it was rendered at; each process reads the
  generation at most once every READ_INTERVAL_SECONDS, so a committed change reaches every
  process within that time (and the process that made it at once). A cached hit costs at most
  that one primary-key query.
- a release's cached content carries the release version it was built at, read in the same
  query as the release, and is used only while they match.

The generation moves on with GREATEST(value + 1, now in nanoseconds) and a release's version
becomes now in nanoseconds, so neither repeats a value a cache may still hold, even after a
database restore.
"""

import logging
import threading
import time

from django.db import DatabaseError
from django.db.models import BigIntegerField, F, OuterRef, Subquery, Value
from django.db.models.functions import Greatest

from .models import PageGeneration, ReleaseVersion, TopicVersion

logger = logging.getLogger(__name__)

READ_INTERVAL_SECONDS = 1.0
PAGES = 1  # the primary key of the one PageGeneration row

# (generation, time it was read): this process's copy. Replaced whole, never mutated, so
# threads need no lock.
_known = (None, 0.0)
# How many versions this thread (so its database connection) has read: public.invalidation
# uses it to tell whether anything may have been cached under versions it wrote in the current
# transaction, which only this connection can see.
_reads = threading.local()


def reads():
    return getattr(_reads, "count", 0)


def _count_read():
    _reads.count = reads() + 1


def page_generation():
    """The current page generation, read from the database at most once a second.

    If the database cannot be reached, the last value read is kept (and retried once a
    second): no change can commit while the database is down, and pages already cached keep
    being served through the outage.
    """
    global _known
    value, read_at = _known
    now = time.time()
    if value is not None and 0 <= now - read_at < READ_INTERVAL_SECONDS:
        return value
    try:
        value = PageGeneration.objects.filter(pk=PAGES).values_list("value", flat=True).first() or 0
    except DatabaseError:
        if value is None:
            raise
        logger.warning("Page generation unreadable; keeping %s", value, exc_info=True)
    _count_read()
    _known = (value, now)
    return value


def advance_page_generation():
    """Make every cached page stale. In a transaction, the row stays locked until it ends, so
    concurrent changes move the generation one after the other."""
    # Typed: a bare Value(int) is an IntegerField, which PostgreSQL's server-side binding sends
    # as a 4-byte integer, cutting a nanosecond time down to its low 32 bits.
    bumped = Greatest(F("value") + 1, Value(time.time_ns(), output_field=BigIntegerField()))
    if not PageGeneration.objects.filter(pk=PAGES).update(value=bumped):
        # A new database: create the row (or find it created meanwhile), then move it on.
        PageGeneration.objects.bulk_create(
            [PageGeneration(pk=PAGES, value=0)], ignore_conflicts=True
        )
        PageGeneration.objects.filter(pk=PAGES).update(value=bumped)
    forget_page_generation()


def forget_page_generation():
    """Make this process read the generation afresh on its next request."""
    global _known
    _known = (None, 0.0)


def renew_releases(release_ids):
    """Give these releases a new version: their cached content is never used again."""
    _renew(ReleaseVersion, [{"release_id": pk} for pk in sorted(release_ids)])


def renew_topics(topics):
    """Give these topics ((kind, id) pairs) a new version: the related releases kept for the
    releases that have them are never used again (public.related_cache)."""
    _renew(TopicVersion, [{"kind": kind, "topic_id": pk} for kind, pk in sorted(topics)])


def _renew(model, keys):
    """One row of `model` per key (the values of its unique fields; at least one key), each at
    the present time in nanoseconds, inserted or updated in one statement, in the keys' order."""
    version = time.time_ns()
    model.objects.bulk_create(
        [model(**key, version=version) for key in keys],
        update_conflicts=True,
        unique_fields=list(keys[0]),
        update_fields=["version"],
    )


def with_release_version(releases):
    """`releases` annotated with `release_version` (None until the release first changes)."""
    versions = ReleaseVersion.objects.filter(release_id=OuterRef("pk")).values("version")
    return releases.annotate(release_version=Subquery(versions[:1]))


def release_version(article):
    """The release's version: from the annotation when it has one, else one query."""
    _count_read()
    if hasattr(article, "release_version"):
        return article.release_version or 0
    found = ReleaseVersion.objects.filter(release_id=article.pk).values_list("version", flat=True)
    return found.first() or 0
