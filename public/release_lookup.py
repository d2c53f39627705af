"""The public release page's read of its release: one query, built once per process.

A release page comes from the release cache on almost every request (public.rendering), so
reading the release is most of what serving it costs, and building that query with the ORM
(which releases have a page, each language's published version, the release's version) took
longer than running it. The ORM builds it once, with stand-ins for the address and the time;
each request runs that SQL with its own.
"""

import datetime
import functools

from django.db import connection
from django.utils import timezone

from articles.models import Article

from . import language_versions, related_cache, versions

# Stand-ins no request can carry: a slug with a NUL, the first moment of year 1.
_SLUG = "\x00slug"
_TIME = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)


@functools.cache
def _statement():
    releases = related_cache.with_topic_versions(
        versions.with_release_version(
            language_versions.with_versions(Article.objects.with_public_page(now=_TIME), now=_TIME)
        )
    ).filter(slug=_SLUG)
    return releases.query.sql_with_params()


def release_with_public_page(slug):
    """The release at `slug` if its address answers (Article.objects.with_public_page()), with
    its published language versions (language_versions.published_versions()), its version
    (versions.release_version()) and its topics' (public.related_cache); None if there is
    none. Its hero image is read when first used: only when the page is rendered, not when it
    comes from the release cache."""
    sql, params = _statement()
    time = connection.ops.adapt_datetimefield_value(_TIME)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = [now if value == time else slug if value == _SLUG else value for value in params]
    return next(iter(Article.objects.raw(sql, values)), None)
