"""Filters for release lists: by tag, organization, person and initiative, in any combination.

Filters live in the query string (?organization=…&tag=…), so they survive pagination, can be
bookmarked and shared, and combine with a kind or an archive month in the path.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Article, Initiative, Organization, Person
from newsroom.compiled_reads import CompiledRead, read_together
from public.html_format import format_html_join

from .tagging import tagged_releases

# Slugs of organizations, people and initiatives are ASCII; tags' may be any letters.
_SLUG = re.compile(r"[-\w]{1,255}")
# The filter form offers, per facet, the FACET_CHOICES organizations (initiatives, people, tags)
# named most often in the newest RECENT_RELEASES published releases, and the one in use:
# everything ever named would make every list page grow with the archive (ten thousand releases
# name some 2,500 of them: a 170 KB page that took a quarter of a second to read and write).
# Everything else is found through its own page (the directories, a tag on a release), which
# lists its releases, and a filter's address works for any of them.
RECENT_RELEASES = 200
FACET_CHOICES = 50


def found_or_404(read, slug, now):
    """The public record `read` (a CompiledRead of slug and now) finds, or Http404: one that
    is not public yet is as unknown as one that does not exist, and so is a slug no record
    could have (a NUL byte would otherwise reach PostgreSQL, which refuses it with an error)."""
    found = read(slug, now) if _SLUG.fullmatch(slug) else None
    if not found:
        raise Http404("Nothing public has this slug")
    return found[0]


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

    def public(self, *, now=None):
        """What readers may look up by slug (at `now`, the present unless given): a tag, unit
        or person known only to drafts and embargoed releases is as unknown as one that does
        not exist. The API lists the tags (by name) from it too."""
        if self.model is Tag:
            published = Article.objects.published(now=now).values("pk")
            tagged = tagged_releases().filter(object_id__in=published)
            return Tag.objects.filter(pk__in=tagged.values("tag")).order_by("name")
        if self.model is Person:
            return Person.objects.public(one=True, now=now)
        return self.model.objects.public(now=now)

    def lookup(self, slug):
        """The public object with this slug, or Http404: one query whether the slug is
        unknown or belongs to something not public, none for text that is no slug at all
        (a NUL byte would otherwise reach PostgreSQL, which refuses it with an error)."""
        return found_or_404(self._public_by_slug, slug, timezone.now())

    @cached_property
    def _public_by_slug(self):
        """The lookup's read, compiled once per process (newsroom.compiled_reads): built with
        the ORM, its subqueries of published releases cost a tag page a quarter of its render."""
        return CompiledRead(self.model, lambda slug, now: self.public(now=now).filter(slug=slug))

    def find(self, slug):
        """The public object with this slug, or None (lookup())."""
        try:
            return self.lookup(slug)
        except Http404:
            return None

    def options(self, choices, current):
        """The filter form's <option>s after "Any", one per choice (offered_choices()),
        `current` (the object of the filter in use, or None) selected. Formatted here: the
        template's loop over them with its condition per option was most of the page's
        render."""
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((choice.slug, " selected" if choice == current else "", choice) for choice in choices),
        )

    @cached_property
    def _offered_read(self):
        return CompiledRead(self.model, lambda now: self.offered(now=now))

    def offered(self, *, now=None):
        """What the filter form offers (at `now`, the present unless given): the FACET_CHOICES
        named most often in the newest RECENT_RELEASES published releases, in the model's
        order (people: the most often mentioned and the most often credited)."""
        recent = Article.objects.published(now=now).order_by("-release_at", "-pk")
        recent = recent.values("pk")[:RECENT_RELEASES]
        if self.model is Tag:
            return Tag.objects.filter(
                pk__in=_most_linked(tagged_releases(), "tag", "object_id", recent)
            ).order_by("name")
        if self.model is Person:
            mentioned = _most_linked(Article.people.through.objects, "person", "article", recent)
            credited = _most_linked(
                Article.byline_people.through.objects, "person", "article", recent
            )
            return Person.objects.filter(Q(pk__in=mentioned) | Q(pk__in=credited))
        through = getattr(Article, f"{self.param}s").through
        return self.model.objects.filter(
            pk__in=_most_linked(through.objects, self.param, "article", recent)
        )


def offered_choices(facets, in_use):
    """{facet: its offered() choices, and the object in use for it (`in_use`: {facet: public
    object}) first when it is not among them} for each of `facets`. Each facet's read is
    compiled once per process, and they go to the database together (one round trip on
    PostgreSQL)."""
    now = timezone.now()
    found = read_together(*(facet._offered_read.bind(now) for facet in facets))
    choices = {}
    for facet, offered in zip(facets, found, strict=True):
        current = in_use.get(facet)
        choices[facet] = offered if current is None or current in offered else [current, *offered]
    return choices


def _most_linked(links, field, release_field, releases):
    """The ids in `field` of the FACET_CHOICES values most often found in `links` (link rows)
    whose `release_field` is one of `releases`; among as many links, the lowest id first."""
    return (
        links.filter(**{f"{release_field}__in": releases})
        .values(field)
        .annotate(links=Count("pk"))
        .order_by("-links", field)
        .values_list(field, flat=True)[:FACET_CHOICES]
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

    An unknown slug is a 404, like any other link to something that does not exist; so is the
    slug of something readers cannot see yet (Facet.lookup).
    """
    active = []
    for facet in FACETS:
        slug = request.GET.get(facet.param, "").strip()
        if not slug:
            continue
        value = facet.lookup(slug)
        releases = releases.filter(facet.releases(value))
        remaining = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            if name not in (facet.param, "page"):
                remaining.setlist(name, values)
        active.append(ActiveFilter(facet, value, remaining.urlencode()))
    return releases, active
