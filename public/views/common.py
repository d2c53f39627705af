"""What every public list page shares: pagination and the agency's name in descriptions."""

from django.conf import settings
from django.core.paginator import Paginator

PAGE_SIZE = 12


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def agency():
    return {"agency": settings.NEWSROOM_AGENCY_NAME}
