"""Public pages: each one queries through the models' QuerySets and renders one template."""

from dataclasses import dataclass

from content_editor.contents import contents_for_item
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleStatus,
    Initiative,
    Organization,
    Person,
    WorkflowAction,
)
from .workflow.embargo import embargoed_release

PAGE_SIZE = 10


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def home(request):
    releases = Article.objects.published().with_list_relations()
    return render(request, "articles/home.html", {"page": _page(request, releases)})


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


def render_release(request, article, *, preview=None):
    """The release page, for the public or, with `preview`, for staff and embargoed readers."""
    context = {
        "article": article,
        "body": contents_for_item(article, BODY_BLOCK_MODELS),
        "corrections": list(article.corrections.all()),
        "preview": preview,
    }
    response = render(request, "articles/article_detail.html", context)
    return _private(response) if preview else response


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.with_public_page()
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            "tags",
            "byline_people",
            "organizations",
            "initiatives",
            "media_contacts",
        ),
        slug=slug,
    )
    if article.status == ArticleStatus.WITHDRAWN:
        withdrawal = article.state_changes.filter(action=WorkflowAction.WITHDRAWN).first()
        return render(
            request,
            "articles/article_withdrawn.html",
            {"article": article, "withdrawal": withdrawal},
        )
    return render_release(request, article)


def embargoed(request, token):
    """A journalist's preview of a cleared release before its release time."""
    article = embargoed_release(token)
    if article is None:
        return _private(render(request, "articles/preview_unavailable.html", status=404))
    if article.is_live:
        return redirect(article)
    return render_release(request, article, preview=Preview.embargo(article))


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.select_related("organization", "portrait").prefetch_related(
            "portrait__renditions"
        ),
        slug=slug,
    )
    releases = Article.objects.published().filter(people=person).with_list_relations()
    return render(
        request,
        "articles/person_detail.html",
        {"person": person, "page": _page(request, releases)},
    )


def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.select_related("parent", "logo").prefetch_related("logo__renditions"),
        slug=slug,
    )
    releases = Article.objects.published().filter(organizations=organization)
    return render(
        request,
        "articles/organization_detail.html",
        {
            "organization": organization,
            "children": organization.children.all(),
            "people": organization.people.all(),
            "page": _page(request, releases.with_list_relations()),
        },
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.select_related("lead_organization").prefetch_related("partners"),
        slug=slug,
    )
    releases = Article.objects.published().filter(initiatives=initiative)
    return render(
        request,
        "articles/initiative_detail.html",
        {"initiative": initiative, "page": _page(request, releases.with_list_relations())},
    )
