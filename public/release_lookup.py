"""The public release page's read of its release: one query, compiled once per process.

A release page comes from the release cache on almost every request (public.rendering), so
reading the release is most of what serving it costs, and building that query with the ORM
(which releases have a page, each language's published version, the release's version and its
topics') took longer than running it (newsroom.compiled_reads).
"""

from django.utils import timezone

from articles.models import Article
from newsroom.compiled_reads import CompiledRead

from . import language_versions, related_cache, versions


def _release(slug, now):
    releases = Article.objects.with_public_page(now=now)
    releases = language_versions.with_versions(releases, now=now)
    releases = related_cache.with_topic_versions(versions.with_release_version(releases))
    return releases.filter(slug=slug)


_RELEASE = CompiledRead(Article, _release)


def release_with_public_page(slug):
    """The release at `slug` if its address answers (Article.objects.with_public_page()), with
    its published language versions (language_versions.published_versions()), its version
    (versions.release_version()) and its topics' (public.related_cache); None if there is
    none. Its hero image is read when first used: only when the page is rendered, not when it
    comes from the release cache."""
    found = _RELEASE(slug, timezone.now())
    return found[0] if found else None
