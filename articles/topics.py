"""Everything a release page links to — its initiatives, organizations and tags, and the
related releases — read in one query.

The article page has a budget of ten queries (issue 3); a prefetch or query for each of these
four short lists would spend almost half of it, so one UNION reads them all.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, DateTimeField, F, Value
from django.urls import reverse
from taggit.models import Tag

from .models import Article, ArticleKind, Initiative, Organization
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
        return reverse(f"articles:{name}", kwargs={"slug": self.slug})

    def get_kind_display(self):
        """For a release, like Article.get_kind_display()."""
        return ArticleKind(self.detail).label


def _rows(queryset, kind, detail=None, released=None):
    """(kind, name, slug, detail, released) rows, so the four models can be UNIONed."""
    text = CharField()
    return (
        queryset.order_by()
        .annotate(
            topic_kind=Value(kind, output_field=text),
            topic_detail=detail or Value("", output_field=text),
            topic_released=released or Value(None, output_field=DateTimeField()),
        )
        .values_list("topic_kind", "name", "slug", "topic_detail", "topic_released")
    )


def topics_of(article):
    """{"initiative": [...], "organization": [...], "tag": [...]} sorted by name, and
    {"release": [...]}: up to RELATED_RELEASES published releases sharing any of them, newest
    first."""
    related = (
        Article.objects.published()
        .related_to(article)
        .order_by("-release_at", "-pk")
        .values("pk")[:RELATED_RELEASES]
    )
    releases = _rows(
        Article.objects.filter(pk__in=related).annotate(name=F("headline")),
        "release",
        detail=F("kind"),
        released=F("release_at"),
    )
    initiatives = _rows(Initiative.objects.filter(articles=article), "initiative")
    organizations = _rows(
        Organization.objects.filter(articles=article),
        "organization",
        detail=F("abbreviation"),
    )
    tags = _rows(
        Tag.objects.filter(pk__in=tagged_releases().filter(object_id=article.pk).values("tag")),
        "tag",
    )
    topics = {"initiative": [], "organization": [], "tag": [], "release": []}
    for row in releases.union(initiatives, organizations, tags, all=True):
        topics[row[0]].append(Topic(*row))
    for kind in ("initiative", "organization", "tag"):
        topics[kind].sort(key=lambda topic: topic.name.casefold())
    topics["release"].sort(key=lambda topic: topic.released, reverse=True)
    return topics
