"""What every public list page shares: the releases a reader sees, pagination and the
agency's name in descriptions."""

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import get_language

from articles.models import Article

PAGE_SIZE = 12


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def agency():
    return {"agency": settings.NEWSROOM_AGENCY_NAME}


def readers_releases():
    """The published releases, each once in the reader's language: its version in that
    language where one is published, else the version there is (ArticleQuerySet.for_language)."""
    return Article.objects.published().for_language(get_language())
