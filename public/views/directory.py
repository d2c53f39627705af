"""Pages about who and what releases name: tags, people, organizations and initiatives.

Each reads through its model's public() QuerySet: a record made for a draft has no page.
"""

from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    Initiative,
    InitiativeStatus,
    InitiativeTableRow,
    Organization,
    Person,
    Quote,
)
from newsroom.compiled_reads import CompiledList, CompiledRead
from public import feeds, structured_data
from public.filters import FACET, found_or_404
from public.quote_list import quote_items
from public.seo import PageMeta, paged

from .common import agency, paginate, readers_releases

LATEST_ON_PROFILE = 5


def _releases_naming(facet):
    """The releases of a tag, organization, initiative or person (FACET[facet]) a reader sees,
    newest first, with their count (a CompiledList: compiled once per process, see
    newsroom.compiled_reads), for its page: rows(language, now, its pk)."""
    return CompiledList(
        Article,
        lambda language, now, pk: (
            readers_releases(language, now=now)
            .filter(FACET[facet].releases(pk))
            .with_list_relations()
        ),
    )


_TAGGED = _releases_naming("tag")


# The initiatives a tag page lists, compiled as its releases are.
_TAGS_INITIATIVES = CompiledRead(
    Initiative, lambda now, tag_pk: Initiative.objects.public(now=now).filter(tags=tag_pk)
)


def tag_detail(request, slug):
    tag = FACET["tag"].lookup(slug)
    now = timezone.now()
    page = paginate(request, _TAGGED.rows(get_language(), now, tag.pk))
    meta = PageMeta(
        title=_("Releases tagged “%(tag)s”") % {"tag": tag.name},
        description=_("Releases from the %(agency)s tagged “%(tag)s”, newest first.")
        % {"tag": tag.name, **agency()},
    )
    return render(
        request,
        "public/tag_detail.html",
        {
            "tag": tag,
            "page": page,
            "initiatives": _TAGS_INITIATIVES(now, tag.pk),
            "meta": paged(meta, page),
            "feed": feeds.links(feeds.scope_for(tag=tag)),
        },
    )


# The people's directory, compiled once per process (newsroom.compiled_reads): public() is a
# set of subqueries over the published releases, costly to build on every request.
_PUBLIC_PEOPLE = CompiledList(
    Person, lambda now: Person.objects.public(now=now).select_related("organization")
)


def person_list(request):
    page = paginate(request, _PUBLIC_PEOPLE.rows(timezone.now()), per_page=50)
    meta = PageMeta(
        title=_("People quoted and contacts"),
        description=_(
            "People quoted in releases from the %(agency)s, its authors and its media contacts."
        )
        % agency(),
    )
    return render(request, "public/person_list.html", {"page": page, "meta": paged(meta, page)})


# A person's page reads the person (if public), a page of their quotes and their latest releases
# with their number, each compiled once per process (newsroom.compiled_reads): built with the
# ORM on every request, these reads and their subqueries cost more than the rest of the page.
_PERSON = CompiledRead(
    Person,
    lambda slug, now: (
        Person.objects.public(one=True, now=now)
        .select_related("organization", "portrait")
        .prefetch_related("roles", "portrait__renditions")
        .filter(slug=slug)
    ),
)
_QUOTES = CompiledList(
    Quote,
    lambda language, now, person_pk: (
        Quote.objects.filter(speaker=person_pk, parent__in=readers_releases(language, now=now))
        .select_related("parent")
        .order_by("-parent__release_at", "-parent__pk", "ordering")
    ),
)
_PERSONS_RELEASES = _releases_naming("person")


def person_detail(request, slug):
    language, now = get_language(), timezone.now()
    person = found_or_404(_PERSON, slug, now)
    page = paginate(request, _QUOTES.rows(language, now, person.pk), per_page=20)
    for quote in page:
        # All are this person's: reuse the loaded person (and roles) for each attribution.
        quote.speaker = person
    releases = _PERSONS_RELEASES.rows(language, now, person.pk)
    if person.title:
        description = _("%(person)s, %(title)s: every quote and release.") % {
            "person": person,
            "title": person.title,
        }
    else:
        description = _("%(person)s: every quote and release from the %(agency)s.") % {
            "person": person,
            **agency(),
        }
    meta = PageMeta(
        title=str(person),
        description=description,
        og_type="profile",
        image=person.portrait,
    )
    return render(
        request,
        "public/person_detail.html",
        {
            "person": person,
            "page": page,
            "quote_items": quote_items(page.object_list),
            "releases": releases[0:LATEST_ON_PROFILE],
            "release_count": releases.count(),
            "meta": paged(meta, page),
            "json_ld": structured_data.person(request, person),
        },
    )


# The organizations' directory, its read compiled once per process (newsroom.compiled_reads):
# public() is a set of subqueries over the published releases, costly to build on every request.
_PUBLIC_ORGANIZATIONS = CompiledRead(
    Organization, lambda now: Organization.objects.public(now=now).order_by("name")
)


def organization_list(request):
    organizations = _PUBLIC_ORGANIZATIONS(timezone.now())
    visible = {organization.pk for organization in organizations}
    roots = [org for org in organizations if org.parent_id not in visible]
    children = {}
    for organization in organizations:
        if organization.parent_id in visible:
            children.setdefault(organization.parent_id, []).append(organization)
    meta = PageMeta(
        title=_("Organizations"),
        description=_(
            "Units, ministries and agencies in releases from the %(agency)s, by hierarchy."
        )
        % agency(),
    )
    return render(
        request,
        "public/organization_list.html",
        {"tree": _tree(roots, children), "meta": meta},
    )


def _tree(nodes, children):
    return [(node, _tree(children.get(node.pk, []), children)) for node in nodes]


# An organization's page, its reads compiled once per process (newsroom.compiled_reads): the
# public organizations reach up their hierarchy through nested subqueries, and building them
# with the ORM on every request cost most of the page (76 ms of CPU on the bench's largest unit).
_ORGANIZATION = CompiledRead(
    Organization,
    lambda slug, now: (
        Organization.objects.public(now=now)
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .filter(slug=slug)
    ),
)
_PUBLIC_HIERARCHY = CompiledRead(
    Organization,
    lambda now: Organization.objects.public(now=now).only("name", "abbreviation", "slug", "parent"),
)
_ORGANIZATIONS_RELEASES = _releases_naming("organization")
_ORGANIZATIONS_PEOPLE = CompiledRead(
    Person,
    lambda now, organization_pk: Person.objects.public(now=now).filter(
        organization=organization_pk
    ),
)
_ORGANIZATIONS_INITIATIVES = CompiledRead(
    Initiative,
    lambda now, organization_pk: (
        Initiative.objects.public(now=now)
        .filter(Q(lead_organization=organization_pk) | Q(partners=organization_pk))
        .distinct()
        .order_by("name")
    ),
)


def organization_detail(request, slug):
    language, now = get_language(), timezone.now()
    organization = found_or_404(_ORGANIZATION, slug, now)
    # One query for the whole hierarchy, walked in memory: depth costs no queries.
    by_pk = {org.pk: org for org in _PUBLIC_HIERARCHY(now)}
    ancestors, parent_id, seen = [], organization.parent_id, {organization.pk}
    while parent_id in by_pk and parent_id not in seen:
        seen.add(parent_id)
        ancestors.append(by_pk[parent_id])
        parent_id = by_pk[parent_id].parent_id
    ancestors.reverse()
    children = sorted(
        (org for org in by_pk.values() if org.parent_id == organization.pk),
        key=lambda org: org.name,
    )
    page = paginate(request, _ORGANIZATIONS_RELEASES.rows(language, now, organization.pk))
    meta = PageMeta(
        title=str(organization),
        description=organization.description[:300]
        or _("%(organization)s: its people, initiatives and releases.")
        % {"organization": organization},
        image=organization.logo,
    )
    return render(
        request,
        "public/organization_detail.html",
        {
            "organization": organization,
            "ancestors": ancestors,
            "children": children,
            "people": _ORGANIZATIONS_PEOPLE(now, organization.pk),
            "initiatives": _ORGANIZATIONS_INITIATIVES(now, organization.pk),
            "page": page,
            "meta": paged(meta, page),
            "feed": feeds.links(feeds.scope_for(organization=organization)),
            "json_ld": structured_data.organization(
                request,
                organization,
                parent=ancestors[-1] if ancestors else None,
                children=children,
            ),
        },
    )


# The initiatives' directory, compiled as the organizations' is.
_PUBLIC_INITIATIVES = CompiledRead(
    Initiative,
    lambda now: Initiative.objects.public(now=now).select_related("lead_organization"),
)


def initiative_list(request):
    initiatives = _PUBLIC_INITIATIVES(timezone.now())
    by_status = [
        (label, [initiative for initiative in initiatives if initiative.status == status])
        for status, label in InitiativeStatus.choices
    ]
    meta = PageMeta(
        title=_("Initiatives"),
        description=_("Programs, exercises and lines of effort in releases from the %(agency)s.")
        % agency(),
    )
    return render(
        request,
        "public/initiative_list.html",
        {"by_status": by_status, "any_initiatives": bool(initiatives), "meta": meta},
    )


# An initiative's page, its reads compiled once per process (newsroom.compiled_reads).
_INITIATIVE = CompiledRead(
    Initiative,
    lambda slug, now: (
        Initiative.objects.public(now=now)
        .select_related("lead_organization")
        .prefetch_related(Prefetch("partners", Organization.objects.order_by("name")))
        .filter(slug=slug)
    ),
)
_INITIATIVES_RELEASES = _releases_naming("initiative")
_TABLE_MENTIONS = CompiledRead(
    InitiativeTableRow,
    lambda language, now, initiative_pk: (
        InitiativeTableRow.objects.filter(
            initiative=initiative_pk, table__parent__in=readers_releases(language, now=now)
        )
        .select_related("table__parent")
        .order_by("-table__parent__release_at", "table__ordering", "position")
    ),
)
# The table rows an initiative's page shows, newest first: a long-running program is a row in
# hundreds of releases' tables, which its list of releases already pages through.
LATEST_TABLE_MENTIONS = 20


def initiative_detail(request, slug):
    language, now = get_language(), timezone.now()
    initiative = found_or_404(_INITIATIVE, slug, now)
    page = paginate(request, _INITIATIVES_RELEASES.rows(language, now, initiative.pk))
    rows = _TABLE_MENTIONS(language, now, initiative.pk, limit=LATEST_TABLE_MENTIONS + 1)
    meta = PageMeta(
        title=initiative.name,
        description=initiative.summary[:300]
        or _("%(initiative)s: status, partners and every release that mentions it.")
        % {"initiative": initiative.name},
    )
    return render(
        request,
        "public/initiative_detail.html",
        {
            "initiative": initiative,
            "page": page,
            "rows": rows[:LATEST_TABLE_MENTIONS],
            "more_rows": len(rows) > LATEST_TABLE_MENTIONS,
            "meta": paged(meta, page),
            "feed": feeds.links(feeds.scope_for(initiative=initiative)),
        },
    )
