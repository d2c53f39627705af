"""Public pages: each one queries through the models' QuerySets and renders one template."""

from content_editor.contents import contents_for_item
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import BODY_BLOCK_MODELS, Article, Initiative, Organization, Person

PAGE_SIZE = 10


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def home(request):
    releases = Article.objects.published().with_list_relations()
    return render(request, "articles/home.html", {"page": _page(request, releases)})


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published()
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
    body = contents_for_item(article, BODY_BLOCK_MODELS)
    return render(request, "articles/article_detail.html", {"article": article, "body": body})


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
