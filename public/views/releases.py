"""Release pages: the home page, lists by kind and period, a release, an embargoed preview.

Every read of releases starts from Article.objects.published() (readers_releases()), so nothing
made for a draft leaks out early.
"""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    WorkflowAction,
)
from articles.workflow.embargo import embargoed_release
from newsroom.compiled_reads import CompiledList
from public import feeds, kinds, language_versions, release_lookup
from public.filters import FACETS, apply_filters, offered_choices
from public.rendering import Preview, private, render_release
from public.seo import PageMeta, paged

from .common import agency, paginate, readers_releases

# The home page's list and its count, compiled once per process (newsroom.compiled_reads).
_HOME = CompiledList(
    Article,
    lambda language, now: (
        readers_releases(language, now=now)
        .with_list_relations()
        .order_by("-is_featured", "-release_at", "-pk")
    ),
)


def home(request):
    page = paginate(request, _HOME.rows(get_language(), timezone.now()))
    meta = PageMeta(
        title=_("Latest releases"),
        description=_(
            "The latest press releases, news stories, statements and transcripts from the "
            "%(agency)s."
        )
        % agency(),
    )
    return render(
        request,
        "public/home.html",
        {"page": page, "meta": paged(meta, page), "feed": feeds.links(feeds.scope_for())},
    )


def _filter_summary(active):
    return "; ".join(f"{item.facet.label}: {item.value}" for item in active)


def _list_page(request, releases, *, heading, description, template, extra=None):
    """A filterable, paginated list of releases (kind lists, archive periods)."""
    releases, active = apply_filters(request, releases)
    in_use = {item.facet: item.value for item in active}
    page = paginate(request, releases.with_list_relations())
    title = heading
    if active:
        summary = _filter_summary(active)
        title = f"{heading}: {summary}"
        description = f"{description} {_('Filtered by %(filters)s.') % {'filters': summary}}"
    context = {
        "page": page,
        "heading": heading,
        "active_filters": active,
        "facets": [
            (facet, facet.options(choices, in_use.get(facet)))
            for facet, choices in offered_choices(FACETS, in_use).items()
        ],
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
        url = reverse("public:kind", kwargs={"kind": chosen})
        return redirect(f"{url}?{query.urlencode()}" if query else url)
    releases = readers_releases()
    if kind is None:
        heading = _("All releases")
        description = _("Every release from the %(agency)s, newest first.") % agency()
    else:
        releases = releases.filter(kind=kind)
        heading = str(kinds.PLURALS[kind])
        description = _("%(kinds)s from the %(agency)s, newest first.") % {
            "kinds": heading,
            **agency(),
        }
    return _list_page(
        request,
        releases,
        heading=heading,
        description=description,
        template="public/release_list.html",
        extra={
            "kind": kind,
            "kind_choices": ArticleKind.choices,
            "feed": feeds.links(feeds.scope_for(kind=kind)),
        },
    )


def archive_index(request):
    months = (
        readers_releases()
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
        description=_("Every release from the %(agency)s, by year and month.") % agency(),
    )
    return render(request, "public/archive_index.html", {"years": years, "meta": meta})


def archive_period(request, year, month=None):
    if not 1900 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        raise Http404("No such month")
    releases = readers_releases().filter(release_at__year=year)
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
                reverse("public:archive_month", kwargs={"year": year, "month": day.month}),
            )
            for day in releases.dates("release_at", "month")
        ]
    return _list_page(
        request,
        releases,
        heading=_("Releases from %(period)s") % {"period": period},
        description=_("Releases the %(agency)s published in %(period)s, newest first.")
        % {"period": period, **agency()},
        template="public/archive_period.html",
        extra={
            "year": year,
            "month": month,
            "month_links": month_links,
        },
    )


def article_detail(request, slug):
    article = release_lookup.release_with_public_page(slug)
    if article is None:
        raise Http404("No such release")
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
            "public/article_withdrawn.html",
            {"article": article, "withdrawal": withdrawal, "meta": meta},
        )
    published = language_versions.published_versions(article)
    language = get_language()
    if article.language != language and language in published:
        # The other language's slug: this reader's language has its own version.
        return redirect(published[language])
    return render_release(request, article, versions=published)


def embargoed(request, token):
    """A journalist's preview of a cleared release before its release time."""
    article = embargoed_release(token)
    if article is None:
        meta = PageMeta(
            title=_("This preview link does not work"),
            description=_("An embargoed preview link that is no longer valid."),
            noindex=True,
        )
        return private(
            render(request, "public/preview_unavailable.html", {"meta": meta}, status=404)
        )
    if article.is_live:
        return redirect(article)
    return render_release(request, article, preview=Preview.embargo(article))
