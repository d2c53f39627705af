"""Public pages: each one queries through the models' QuerySets and renders one template.

Every read of releases starts from Article.objects.published(); people, organizations and
initiatives from their public() QuerySets, so nothing made for a draft leaks out early.
"""

import datetime
import logging
from dataclasses import dataclass

from content_editor.contents import contents_for_item
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import http_date
from django.utils.translation import gettext as _
from taggit.models import Tag

from . import feeds, kinds, release_cache, structured_data
from . import search as site_search
from .filters import FACET, FACETS, apply_filters
from .forms import SearchForm
from .images.services import prefetch_photos
from .models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleKind,
    ArticleStatus,
    Initiative,
    InitiativeStatus,
    InitiativeTableRow,
    Organization,
    Person,
    Quote,
    WorkflowAction,
)
from .seo import PageMeta, paged
from .topics import related_releases, topics_of
from .workflow.embargo import embargoed_release

logger = logging.getLogger(__name__)

PAGE_SIZE = 12
LATEST_ON_PROFILE = 5


def _page(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _agency():
    return {"agency": settings.NEWSROOM_AGENCY_NAME}


def home(request):
    releases = (
        Article.objects.published()
        .with_list_relations()
        .order_by("-is_featured", "-release_at", "-pk")
    )
    page = _page(request, releases)
    meta = PageMeta(
        title=_("Latest releases"),
        description=_(
            "The latest press releases, news stories, statements and transcripts from the "
            "%(agency)s."
        )
        % _agency(),
    )
    return render(
        request,
        "articles/home.html",
        {"page": page, "meta": paged(meta, page), "feed": feeds.links(feeds.scope_for())},
    )


def _filter_summary(active):
    return "; ".join(f"{item.facet.label}: {item.value}" for item in active)


def _list_page(request, releases, *, heading, description, template, extra=None):
    """A filterable, paginated list of releases (kind lists, archive periods)."""
    releases, active = apply_filters(request, releases)
    page = _page(request, releases.with_list_relations())
    title = heading
    if active:
        summary = _filter_summary(active)
        title = f"{heading}: {summary}"
        description = f"{description} {_('Filtered by %(filters)s.') % {'filters': summary}}"
    context = {
        "page": page,
        "heading": heading,
        "active_filters": active,
        "facets": [(facet, facet.choices(), request.GET.get(facet.param, "")) for facet in FACETS],
        "meta": paged(PageMeta(title=title, description=description), page),
        **(extra or {}),
    }
    return render(request, template, context)


def release_list(request, kind=None):
    if kind is None and request.GET.get("kind") in ArticleKind.values:
        # The filter form's "type" select: send the reader to that kind's own list.
        query = request.GET.copy()
        chosen = query.pop("kind")[-1]
        query.pop("page", None)
        url = reverse("articles:kind", kwargs={"kind": chosen})
        return redirect(f"{url}?{query.urlencode()}" if query else url)
    releases = Article.objects.published()
    if kind is None:
        heading = _("All releases")
        description = _("Every release from the %(agency)s, newest first.") % _agency()
    else:
        releases = releases.filter(kind=kind)
        heading = str(kinds.PLURALS[kind])
        description = _("%(kinds)s from the %(agency)s, newest first.") % {
            "kinds": heading,
            **_agency(),
        }
    return _list_page(
        request,
        releases,
        heading=heading,
        description=description,
        template="articles/release_list.html",
        extra={
            "kind": kind,
            "kind_choices": ArticleKind.choices,
            "feed": feeds.links(feeds.scope_for(kind=kind)),
        },
    )


def archive_index(request):
    months = (
        Article.objects.published()
        .annotate(month=TruncMonth("release_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    years = {}
    for row in months:
        years.setdefault(row["month"].year, []).append(row)
    meta = PageMeta(
        title=_("Archive of releases by month"),
        description=_("Every release from the %(agency)s, by year and month.") % _agency(),
    )
    return render(request, "articles/archive_index.html", {"years": years, "meta": meta})


def archive_period(request, year, month=None):
    if not 1900 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        raise Http404("No such month")
    releases = Article.objects.published().filter(release_at__year=year)
    if month is None:
        period = str(year)
    else:
        releases = releases.filter(release_at__month=month)
        period = date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")
    if not request.GET and not releases.exists():
        raise Http404("No releases in this period")
    month_links = []
    if month is None:
        month_links = [
            (
                date_format(day, "F"),
                reverse("articles:archive_month", kwargs={"year": year, "month": day.month}),
            )
            for day in releases.dates("release_at", "month")
        ]
    return _list_page(
        request,
        releases,
        heading=_("Releases from %(period)s") % {"period": period},
        description=_("Releases the %(agency)s published in %(period)s, newest first.")
        % {"period": period, **_agency()},
        template="articles/archive_period.html",
        extra={
            "year": year,
            "month": month,
            "month_links": month_links,
        },
    )


@dataclass(frozen=True)
class Preview:
    """A release shown before it is public: to staff (any state) or through an embargo link."""

    embargoed: bool
    release_at: object = None
    state: str = ""

    @classmethod
    def for_staff(cls, article):
        return cls(embargoed=False, release_at=article.release_at, state=article.state_label)

    @classmethod
    def embargo(cls, article):
        return cls(embargoed=True, release_at=article.release_at)


def _private(response):
    """Pages that are not public yet: never indexed, cached or leaked through a referrer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _release_content(request, article, *, preview):
    """What the release page shows of the release itself (the rendered <article> and, for the
    public page, its JSON-LD), and the related releases, read in the same query as the topics.

    Eight queries whatever the number of blocks, people or topics: the corrections, one per
    block type, photos, topics and people.
    """
    prefetch_related_objects([article], "corrections")
    body = contents_for_item(article, BODY_BLOCK_MODELS)
    prefetch_photos([article], {article: body})
    topics = topics_of(article)
    credited = list(Person.objects.credited_on(article))
    authors = [person for person in credited if person.is_author]
    html = loader.render_to_string(
        "includes/release.html",
        {
            "article": article,
            "body": body,
            "corrections": list(article.corrections.all()),
            "topics": topics,
            "authors": authors,
            "contacts": [person for person in credited if person.is_contact],
        },
        request,
    )
    content = {
        "html": html,
        "tags": [topic.name for topic in topics["tag"]],
        "modified": article.revised_at or article.release_at or article.updated_at,
        "json_ld": None
        if preview
        else structured_data.news_article(
            request, article, body=body, authors=authors, topics=topics
        ),
    }
    return content, topics["release"]


def render_release(request, article, *, preview=None):
    """The release page, for the public or, with `preview`, for staff and embargoed readers.

    The public page takes the release's own content from the release cache when it is current;
    then only the release and its related releases (which other releases change) are read.
    """
    if preview:
        content, related = _release_content(request, article, preview=preview)
    else:
        built = {}

        def build():
            content, built["related"] = _release_content(request, article, preview=None)
            return content

        content = release_cache.content(request, article, build)
        related = built["related"] if built else related_releases(article)
    meta = PageMeta(
        title=article.headline,
        description=article.summary or article.subheadline or article.headline,
        og_type="article",
        image=article.hero_image,
        noindex=preview is not None,
        article={
            "published_time": article.release_at.isoformat() if article.release_at else "",
            "modified_time": content["modified"].isoformat(),
            "section": article.get_kind_display(),
        },
        tags=content["tags"],
    )
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "release_html": content["html"],
            "preview": preview,
            "related": related,
            "meta": meta,
            "json_ld": content["json_ld"],
        },
    )
    if preview:
        return _private(response)
    # The release's own last change or correction; the ETag (middleware) also covers what it
    # links to.
    modified = max(article.updated_at, content["modified"])
    response.headers["Last-Modified"] = http_date(modified.timestamp())
    return response


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.with_public_page().select_related("hero_image"),
        slug=slug,
    )
    if article.status == ArticleStatus.WITHDRAWN:
        withdrawal = article.state_changes.filter(action=WorkflowAction.WITHDRAWN).first()
        meta = PageMeta(
            title=_("Withdrawn: %(headline)s") % {"headline": article.headline},
            description=_("The release “%(headline)s” was withdrawn.")
            % {"headline": article.headline},
            noindex=True,
        )
        return render(
            request,
            "articles/article_withdrawn.html",
            {"article": article, "withdrawal": withdrawal, "meta": meta},
        )
    return render_release(request, article)


def embargoed(request, token):
    """A journalist's preview of a cleared release before its release time."""
    article = embargoed_release(token)
    if article is None:
        meta = PageMeta(
            title=_("This preview link does not work"),
            description=_("An embargoed preview link that is no longer valid."),
            noindex=True,
        )
        return _private(
            render(request, "articles/preview_unavailable.html", {"meta": meta}, status=404)
        )
    if article.is_live:
        return redirect(article)
    return render_release(request, article, preview=Preview.embargo(article))


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    releases = Article.objects.published().filter(FACET["tag"].releases(tag))
    page = _page(request, releases.with_list_relations())
    if not page.paginator.count:
        raise Http404("No published release has this tag")
    meta = PageMeta(
        title=_("Releases tagged “%(tag)s”") % {"tag": tag.name},
        description=_("Releases from the %(agency)s tagged “%(tag)s”, newest first.")
        % {"tag": tag.name, **_agency()},
    )
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page": page,
            "initiatives": Initiative.objects.public().filter(tags=tag),
            "meta": paged(meta, page),
            "feed": feeds.links(feeds.scope_for(tag=tag)),
        },
    )


def person_list(request):
    people = Person.objects.public().select_related("organization")
    page = _page(request, people, per_page=50)
    meta = PageMeta(
        title=_("People quoted and contacts"),
        description=_(
            "People quoted in releases from the %(agency)s, its authors and its media contacts."
        )
        % _agency(),
    )
    return render(request, "articles/person_list.html", {"page": page, "meta": paged(meta, page)})


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.public(one=True)
        .select_related("organization", "portrait")
        .prefetch_related("roles", "portrait__renditions"),
        slug=slug,
    )
    published = Article.objects.published()
    quotes = (
        Quote.objects.filter(speaker=person, parent__in=published)
        .select_related("parent")
        .order_by("-parent__release_at", "-parent__pk", "ordering")
    )
    page = _page(request, quotes, per_page=20)
    for quote in page:
        # All are this person's: reuse the loaded person (and roles) for each attribution.
        quote.speaker = person
    releases = published.filter(FACET["person"].releases(person))
    if person.title:
        description = _("%(person)s, %(title)s: every quote and release.") % {
            "person": person,
            "title": person.title,
        }
    else:
        description = _("%(person)s: every quote and release from the %(agency)s.") % {
            "person": person,
            **_agency(),
        }
    meta = PageMeta(
        title=str(person),
        description=description,
        og_type="profile",
        image=person.portrait,
    )
    return render(
        request,
        "articles/person_detail.html",
        {
            "person": person,
            "page": page,
            "releases": releases.with_list_relations()[:LATEST_ON_PROFILE],
            "release_count": releases.count(),
            "meta": paged(meta, page),
            "json_ld": structured_data.person(request, person),
        },
    )


def organization_list(request):
    organizations = list(Organization.objects.public().order_by("name"))
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
        % _agency(),
    )
    return render(
        request,
        "articles/organization_list.html",
        {"tree": _tree(roots, children), "meta": meta},
    )


def _tree(nodes, children):
    return [(node, _tree(children.get(node.pk, []), children)) for node in nodes]


def organization_detail(request, slug):
    public = Organization.objects.public()
    organization = get_object_or_404(
        public.select_related("logo").prefetch_related("logo__renditions"), slug=slug
    )
    # One query for the whole hierarchy, walked in memory: depth costs no queries.
    by_pk = {org.pk: org for org in public.only("name", "abbreviation", "slug", "parent")}
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
    releases = Article.objects.published().filter(FACET["organization"].releases(organization))
    page = _page(request, releases.with_list_relations())
    initiatives = (
        Initiative.objects.public()
        .filter(Q(lead_organization=organization) | Q(partners=organization))
        .distinct()
    )
    meta = PageMeta(
        title=str(organization),
        description=organization.description[:300]
        or _("%(organization)s: its people, initiatives and releases.")
        % {"organization": organization},
        image=organization.logo,
    )
    return render(
        request,
        "articles/organization_detail.html",
        {
            "organization": organization,
            "ancestors": ancestors,
            "children": children,
            "people": Person.objects.public().filter(organization=organization),
            "initiatives": initiatives.order_by("name"),
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


def initiative_list(request):
    initiatives = list(Initiative.objects.public().select_related("lead_organization"))
    by_status = [
        (label, [initiative for initiative in initiatives if initiative.status == status])
        for status, label in InitiativeStatus.choices
    ]
    meta = PageMeta(
        title=_("Initiatives"),
        description=_("Programs, exercises and lines of effort in releases from the %(agency)s.")
        % _agency(),
    )
    return render(
        request,
        "articles/initiative_list.html",
        {"by_status": by_status, "any_initiatives": bool(initiatives), "meta": meta},
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.public()
        .select_related("lead_organization")
        .prefetch_related(Prefetch("partners", Organization.objects.order_by("name"))),
        slug=slug,
    )
    published = Article.objects.published()
    releases = published.filter(FACET["initiative"].releases(initiative))
    page = _page(request, releases.with_list_relations())
    rows = (
        InitiativeTableRow.objects.filter(initiative=initiative, table__parent__in=published)
        .select_related("table__parent")
        .order_by("-table__parent__release_at", "table__ordering", "position")
    )
    meta = PageMeta(
        title=initiative.name,
        description=initiative.summary[:300]
        or _("%(initiative)s: status, partners and every release that mentions it.")
        % {"initiative": initiative.name},
    )
    return render(
        request,
        "articles/initiative_detail.html",
        {
            "initiative": initiative,
            "page": page,
            "rows": rows,
            "meta": paged(meta, page),
            "feed": feeds.links(feeds.scope_for(initiative=initiative)),
        },
    )


def search(request):
    form = SearchForm(request.GET or None)
    context = {
        "form": form,
        "kind_choices": ArticleKind.choices,
        "search_operators": site_search.supports_operators(),
    }
    page = query = None
    if form.is_bound and form.is_valid():
        releases = Article.objects.published()
        data = form.cleaned_data
        if data["kind"]:
            releases = releases.filter(kind=data["kind"])
        if data["start"]:
            releases = releases.filter(release_at__date__gte=data["start"])
        if data["end"]:
            releases = releases.filter(release_at__date__lte=data["end"])
        query = site_search.parse(data["q"])
        if query.is_searchable:
            page = site_search.Results(query, releases, per_page=20).get_page(
                request.GET.get("page")
            )
            # For "More than 1,500 releases found": digits grouped as the language groups them.
            context["result_limit"] = number_format(site_search.MAX_RESULTS, force_grouping=True)
            site_search.highlight(page.object_list, query)
        elif form.has_filters and not query.text:
            page = _page(request, releases.with_list_relations(), per_page=20)
    context |= {"page": page, "query": query}
    if page is not None and query and query.text:
        title = _("Search results for “%(query)s”") % {"query": query.text}
        description = _("Releases from the %(agency)s matching “%(query)s”.") % {
            "query": query.text,
            **_agency(),
        }
    else:
        title = _("Search releases")
        description = (
            _("Search every release from the %(agency)s by words, type and release date.")
            % _agency()
        )
    # Result pages are endless variations of one page: keep them out of search engines.
    meta = PageMeta(title=title, description=description, noindex=form.is_bound)
    context["meta"] = paged(meta, page)
    return render(request, "articles/search.html", context)


def _static_page(request, template, title, description):
    return render(request, template, {"meta": PageMeta(title=title, description=description)})


def contact(request):
    meta = PageMeta(
        title=_("Contact the press office"),
        description=_(
            "How journalists and the public reach the %(agency)s: e-mail, phone and media contacts."
        )
        % _agency(),
    )
    return render(
        request,
        "articles/contact.html",
        {
            "meta": meta,
            "contacts": Person.objects.press_contacts().select_related("organization"),
            "email": settings.NEWSROOM_CONTACT_EMAIL,
            "phone": settings.NEWSROOM_CONTACT_PHONE,
            "address": settings.NEWSROOM_CONTACT_ADDRESS,
        },
    )


def about(request):
    return _static_page(
        request,
        "articles/about.html",
        _("About this newsroom"),
        _("What the %(agency)s publishes here, and how to follow it by feed or search.")
        % _agency(),
    )


def accessibility(request):
    return _static_page(
        request,
        "articles/accessibility.html",
        _("Accessibility statement"),
        _("How this website meets Section 508 and WCAG 2.1 AA, and how to report a problem."),
    )


def privacy(request):
    return _static_page(
        request,
        "articles/privacy.html",
        _("Privacy policy"),
        _("What this website collects about visitors: no cookies, no tracking, no accounts."),
    )


def page_not_found(request, exception):
    meta = PageMeta(
        title=_("Page not found"),
        description=_("There is no page at this address. Search the releases or start again."),
        noindex=True,
    )
    return render(request, "404.html", {"meta": meta}, status=404)


def server_error(request):
    """The 500 page in the site's design; falls back to plain text if even that fails."""
    try:
        template = loader.get_template("500.html")
        meta = PageMeta(
            title=_("Something went wrong"),
            description=_("The server could not show this page. Try again in a few minutes."),
            noindex=True,
        )
        return HttpResponseServerError(template.render({"meta": meta}, request))
    except Exception:
        logger.exception("The 500 page itself failed to render")
        return HttpResponseServerError(
            _("Something went wrong on our side. Try again in a few minutes."),
            content_type="text/plain; charset=utf-8",
        )
