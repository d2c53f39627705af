"""Which language version of a release a reader gets, and the links between the versions.

Each version of a release is its own Article in its own language, at its own address (/es/…
for Spanish). A reader of one language is shown that language's version where it is published;
where it is not, the version there is, marked as being in its own language, with a notice, and
kept out of search engines (it duplicates the real page) with no hreflang pair.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import CharField
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation

from articles.models import Article, ArticleStatus
from newsroom.slug_urls import slug_url

# Shown above a release read in another language than its own (the reader's language).
FALLBACK_NOTICES = {
    "en": translation.gettext_lazy("Available only in English"),
    "es": translation.gettext_lazy("Available only in Spanish"),
}


@dataclass(frozen=True)
class Version:
    """One published language version of a release, as a page links to it."""

    pk: int
    slug: str
    language: str

    def get_absolute_url(self):
        with translation.override(self.language):
            return slug_url("public:article", self.slug)


def with_versions(releases, *, now=None):
    """`releases` with each one's published version per language (at `now`, the present unless
    given) read in the same query (a release page has a fixed query budget): see
    published_versions(). Written as SQL, as public.topics' related releases are: building it
    with the ORM (a subquery per language) took longer than running it."""
    now = connection.ops.adapt_datetimefield_value(now or timezone.now())
    return releases.annotate(
        **{
            f"version_{code}": RawSQL(
                _VERSION_SQL, [code, ArticleStatus.PUBLISHED, now], output_field=CharField()
            )
            for code, _name in settings.LANGUAGES
        }
    )


# "<pk> <slug>" of the newest published release of the outer release's translation group in a
# language (the conditions of Article.objects.published()).
_VERSION_SQL = (
    f"(SELECT version.id || ' ' || version.slug FROM {Article._meta.db_table} version "
    f"WHERE version.translation_group = {Article._meta.db_table}.translation_group "
    "AND version.language = %s AND version.status = %s AND version.release_at <= %s "
    "ORDER BY version.release_at DESC, version.id DESC LIMIT 1)"
)


def published_versions(article):
    """{language: Version} of the published versions of `article`'s release (itself always
    included), from the annotations of with_versions()."""
    versions = {}
    for code, _name in settings.LANGUAGES:
        if found := getattr(article, f"version_{code}", None):
            pk, slug = found.split(" ", 1)
            versions[code] = Version(int(pk), slug, code)
    versions[article.language] = Version(article.pk, article.slug, article.language)
    return versions


def signature(versions):
    """A short name for a release's published versions (which languages, at which addresses):
    what a stored release page links to besides the release itself (public.rendering)."""
    text = " ".join(
        f"{code}:{versions[code].pk}:{versions[code].slug}" for code in sorted(versions)
    )
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def alternates(request, versions):
    """hreflang alternates: (code, local name, absolute URL) of each real version; none for a
    release in one language only (a lone page has no pair)."""
    if len(versions) < 2:
        return []
    return [
        (
            code,
            translation.get_language_info(code)["name_local"],
            request.build_absolute_uri(versions[code].get_absolute_url()),
        )
        for code, _name in settings.LANGUAGES
        if code in versions
    ]


def switcher(request, article, versions):
    """The language switcher's links: the other version of this release where there is one,
    else this release in the other interface (where it is shown with its notice)."""
    links = []
    for code, _name in settings.LANGUAGES:
        if code == translation.get_language():
            continue
        if code in versions:
            url = versions[code].get_absolute_url()
        else:
            with translation.override(code):
                url = slug_url("public:article", article.slug)
        name = translation.get_language_info(code)["name_local"]
        links.append((code, name, request.build_absolute_uri(url)))
    return links
