"""Filters for release lists: by tag, organization, person and initiative, in any combination.

Filters live in the query string (?organization=…&tag=…), so they survive pagination, can be
bookmarked and shared, and combine with a kind or an archive month in the path.
"""

from dataclasses import dataclass

from django.core.validators import slug_unicode_re
from django.db.models import Q
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Article, Initiative, Organization, Person

from .tagging import tagged_releases


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    model: type

    def releases(self, obj):
        """A Q selecting releases linked to `obj`; subqueries, so combining never duplicates."""
        if self.model is Tag:
            return Q(pk__in=tagged_releases().filter(tag=obj).values("object_id"))
        if self.model is Person:
            mentioned = Article.people.through.objects.filter(person=obj).values("article")
            authored = Article.byline_people.through.objects.filter(person=obj).values("article")
            # One IN over a UNION: two ORed INs made PostgreSQL scan every release.
            return Q(pk__in=mentioned.union(authored))
        through = getattr(Article, f"{self.param}s").through
        return Q(pk__in=through.objects.filter(**{self.param: obj}).values("article"))

    def choices(self):
        """Everything with at least one published release, for the filter form."""
        published = Article.objects.published().values("pk")
        if self.model is Tag:
            tagged = tagged_releases().filter(object_id__in=published)
            return Tag.objects.filter(pk__in=tagged.values("tag")).order_by("name")
        if self.model is Person:
            mentioned = Article.people.through.objects.filter(article__in=published)
            authored = Article.byline_people.through.objects.filter(article__in=published)
            return Person.objects.filter(
                Q(pk__in=mentioned.values("person")) | Q(pk__in=authored.values("person"))
            )
        through = getattr(Article, f"{self.param}s").through
        return self.model.objects.filter(
            pk__in=through.objects.filter(article__in=published).values(self.param)
        )


FACETS = [
    Facet("organization", _("Organization"), Organization),
    Facet("initiative", _("Initiative"), Initiative),
    Facet("person", _("Person"), Person),
    Facet("tag", _("Tag"), Tag),
]
FACET = {facet.param: facet for facet in FACETS}


@dataclass
class ActiveFilter:
    facet: Facet
    value: object
    remove_query: str  # the current query string without this filter (and back to page 1)


def apply_filters(request, releases):
    """Narrow `releases` by the filters in request.GET: (queryset, [ActiveFilter]).

    An unknown slug is a 404, like any other link to something that does not exist.
    """
    active = []
    for facet in FACETS:
        slug = request.GET.get(facet.param, "").strip()
        if not slug:
            continue
        if not slug_unicode_re.fullmatch(slug):
            # Never a slug (PostgreSQL refuses some characters, e.g. NUL, in a query at all).
            raise Http404(f"No {facet.param} {slug!r}")
        try:
            value = facet.model.objects.get(slug=slug)
        except facet.model.DoesNotExist:
            raise Http404(f"No {facet.param} {slug!r}") from None
        releases = releases.filter(facet.releases(value))
        remaining = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            if name not in (facet.param, "page"):
                remaining.setlist(name, values)
        active.append(ActiveFilter(facet, value, remaining.urlencode()))
    return releases, active
