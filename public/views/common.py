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


def readers_releases(language=None, *, now=None):
    """The published releases (at `now`, the present unless given), each once in the reader's
    language (or `language`): its version in that language where one is published, else the
    version there is (ArticleQuerySet.for_language)."""
    language = language or get_language()
    return Article.objects.published(now=now).for_language(language, now=now)
