from django.conf import settings


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "agency_name": settings.NEWSROOM_AGENCY_NAME,
        "domain_kind": settings.NEWSROOM_DOMAIN_KIND,
    }
