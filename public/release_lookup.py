"""The public release page's read of its release: one query, built once per process.

A release page comes from the release cache on almost every request (public.rendering), so
reading the release is most of what serving it costs, and building that query with the ORM
(which releases have a page, each language's published version, the release's version) took
longer than running it, so it is built once per process (public.prepared_queries).
"""

from django.utils import timezone

from articles.models import Article

from . import language_versions, related_cache, versions
from .prepared_queries import NOW, PreparedQuery

_RELEASE = PreparedQuery(
    lambda now, slug: related_cache.with_topic_versions(
        versions.with_release_version(
            language_versions.with_versions(Article.objects.with_public_page(now=now), now=now)
        )
    ).filter(slug=slug),
    NOW,
    "\x00slug",  # a slug no address can carry
)


def release_with_public_page(slug):
    """The release at `slug` if its address answers (Article.objects.with_public_page()), with
    its published language versions (language_versions.published_versions()), its version
    (versions.release_version()) and its topics' (public.related_cache); None if there is
    none. Its hero image is read when first used: only when the page is rendered, not when it
    comes from the release cache."""
    return next(iter(_RELEASE.run(timezone.now(), slug)), None)
