"""Everything a release page links to: its initiatives, organizations and tags, and the related
releases, read in one UNION query (the page has a budget of ten queries, issue 3; a query for
each of these four short lists would spend almost half of it). The release cache keeps all but
the related releases, which change with other releases: a page rendered from the release cache
reads them alone (related_releases()).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, DateTimeField, F, Min, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import get_language
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleKind, ArticleStatus, Initiative, Organization
from newsroom.compiled_reads import CompiledRead
from newsroom.slug_urls import slug_url

from .models import TopicKind
from .tagging import tagged_releases

RELATED_RELEASES = 3


@dataclass(frozen=True)
class Topic:
    kind: str  # "initiative", "organization", "tag" or "release"
    name: str  # a release's headline
    slug: str
    detail: str = ""  # an organization's abbreviation; a release's kind
    released: datetime | None = None  # a release's release time

    def __str__(self):
        if self.kind == "organization" and self.detail:
            return f"{self.name} ({self.detail})"
        return self.name

    def get_absolute_url(self):
        name = "article" if self.kind == "release" else self.kind
        return slug_url(f"public:{name}", self.slug)

    def get_kind_display(self):
        """For a release, like Article.get_kind_display()."""
        return ArticleKind.label_of(self.detail)


def _rows(queryset, kind, name=None, detail=None, released=None):
    """(kind, name, slug, detail, released) rows, so the four models can be UNIONed."""
    if hasattr(queryset, "rewrite"):
        # django-modeltranslation's values_list() reorders the columns (and adds fallback
        # ones); a UNION needs them as listed. `name` comes as _translated_name() instead.
        queryset = queryset.rewrite(False)
    return (
        queryset.order_by()
        .annotate(
            topic_kind=Value(kind, output_field=CharField()),
            topic_name=name or F("name"),
            topic_detail=detail or Value("", output_field=CharField()),
            topic_released=released or Value(None, output_field=DateTimeField()),
        )
        .values_list("topic_kind", "topic_name", "slug", "topic_detail", "topic_released")
    )


def _translated_name():
    """The name in the active language, the English one where it is not translated: one
    column, as a UNION needs (articles/translation.py)."""
    language = get_language() or settings.LANGUAGE_CODE
    english = F(f"name_{settings.LANGUAGE_CODE}")
    if language == settings.LANGUAGE_CODE:
        return english
    return Coalesce(NullIf(F(f"name_{language}"), Value("")), english, output_field=CharField())


def topic_links():
    """How releases are linked to their topics: (topic kind, link table, its release column,
    its topic column, a condition on the link row aliased `{link}`)."""
    return [
        (
            TopicKind.INITIATIVE,
            Article.initiatives.through._meta.db_table,
            "article_id",
            "initiative_id",
            "",
        ),
        (
            TopicKind.ORGANIZATION,
            Article.organizations.through._meta.db_table,
            "article_id",
            "organization_id",
            "",
        ),
        (
            TopicKind.TAG,
            TaggedItem._meta.db_table,
            "object_id",
            "tag_id",
            f" AND {{link}}.content_type_id = (SELECT id FROM {ContentType._meta.db_table} "
            "WHERE app_label = 'articles' AND model = 'article')",
        ),
    ]


def topics_sql(release):
    """SQL selecting (release_id, kind, topic_id) of every initiative, organization and tag of
    the releases that match `release`, a condition on the link table's release column written
    with `{column}` (e.g. "{column} IN (%s, %s)", or a correlated "{column} = outer.id")."""
    return " UNION ALL ".join(
        f"SELECT link.{column} AS release_id, '{kind}' AS kind, link.{topic} AS topic_id "
        f"FROM {table} link WHERE "
        + release.format(column=f"link.{column}")
        + condition.format(link="link")
        for kind, table, column, topic, condition in topic_links()
    )


def _related_sql(columns, release, group, language, now, *, upcoming=False):
    """SQL and parameters selecting `columns` of up to RELATED_RELEASES releases published by
    `now` sharing an initiative, organization or tag with the release of id `release`, newest
    first: the union of the three link tables' matches, then the newest published ones in its
    `language`, not of its translation `group`. With `upcoming`, all of those scheduled for
    later instead. Written as SQL because it runs on every render of a release page and
    building it with the ORM took longer than running it."""
    shared = " UNION ".join(
        f"SELECT theirs.{release} FROM {table} mine JOIN {table} theirs "
        f"ON theirs.{link} = mine.{link} WHERE mine.{release} = %s"
        + condition.format(link="mine")
        + condition.format(link="theirs")
        for _kind, table, release, link, condition in topic_links()
    )
    # Releases in the same language, and not this release's own versions in other languages.
    sql = (
        f"SELECT {columns} FROM {Article._meta.db_table} WHERE id IN ({shared}) AND id <> %s "
        "AND translation_group <> %s AND language = %s AND status = %s "
        + ("AND release_at > %s" if upcoming else "AND release_at <= %s ")
        + ("" if upcoming else "ORDER BY release_at DESC, id DESC LIMIT %s")
    )
    return sql, [release] * 4 + [
        Article._meta.get_field("translation_group").get_db_prep_value(group, connection),
        language,
        ArticleStatus.PUBLISHED,
        connection.ops.adapt_datetimefield_value(now),
        *([] if upcoming else [RELATED_RELEASES]),
    ]


def _lookup(article):
    """What _related_sql() needs of `article`, at this moment."""
    return article.pk, article.translation_group, article.language, timezone.now()


def next_related_release(article):
    """When the soonest release scheduled to come out among those sharing a topic with
    `article` does (None if there is none): its related releases may change then."""
    sql = _related_sql("id", *_lookup(article), upcoming=True)
    upcoming = Article.objects.filter(pk__in=RawSQL(*sql))
    return upcoming.aggregate(soonest=Min("release_at"))["soonest"]


def _release_rows(*lookup):
    return _rows(
        Article.objects.filter(pk__in=RawSQL(*_related_sql("id", *lookup))),
        "release",
        name=F("headline"),
        detail=F("kind"),
        released=F("release_at"),
    )


def related_releases(article):
    """Up to RELATED_RELEASES published releases sharing an initiative, organization or tag
    with `article`, newest first, as Topics. A raw query: it runs on every render of a release
    page, and is the same SQL rows() reads them with."""
    releases = Article.objects.raw(
        *_related_sql("id, headline, slug, kind, release_at", *_lookup(article))
    )
    return [
        Topic("release", release.headline, release.slug, release.kind, release.release_at)
        for release in releases
    ]


def _topic_rows(release, *lookup):
    initiatives = _rows(
        Initiative.objects.filter(articles=release), "initiative", name=_translated_name()
    )
    organizations = _rows(
        Organization.objects.filter(articles=release),
        "organization",
        name=_translated_name(),
        detail=F("abbreviation"),
    )
    tags = _rows(
        Tag.objects.filter(pk__in=tagged_releases().filter(object_id=release).values("tag")),
        "tag",
    )
    return _release_rows(release, *lookup).union(initiatives, organizations, tags, all=True)


# Compiled once per process and language: building and compiling this UNION cost more than
# running it.
_TOPIC_ROWS = CompiledRead(Article, _topic_rows)


def rows(article):
    """The read of `article`'s topics and related releases, for read_together()
    (newsroom.compiled_reads); grouped() sorts out its rows."""
    return _TOPIC_ROWS.bind(*_lookup(article))


def grouped(rows):
    """{"initiative": [...], "organization": [...], "tag": [...]} sorted by name, and
    {"release": [...]} as related_releases() gives them, from the rows rows() read."""
    topics = {"initiative": [], "organization": [], "tag": [], "release": []}
    for row in rows:
        topics[row[0]].append(Topic(*row))
    for kind in ("initiative", "organization", "tag"):
        topics[kind].sort(key=lambda topic: topic.name.casefold())
    topics["release"].sort(key=lambda topic: topic.released, reverse=True)
    return topics
