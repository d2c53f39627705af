from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import kinds, seo

# The identifier's required links (GSA federal website standards), in the order USWDS shows them.
REQUIRED_LINKS = [
    ("about", _("About %(agency)s")),
    ("accessibility", _("Accessibility statement")),
    ("foia", _("FOIA requests")),
    ("no_fear", _("No FEAR Act data")),
    ("oig", _("Office of the Inspector General")),
    ("performance", _("Performance reports")),
    ("privacy", _("Privacy policy")),
]
# Required links this site can answer itself when the deployment does not point elsewhere.
OWN_PAGES = {
    "about": "public:about",
    "accessibility": "public:accessibility",
    "privacy": "public:privacy",
}


def required_links():
    links = []
    for key, label in REQUIRED_LINKS:
        url = settings.NEWSROOM_REQUIRED_LINKS.get(key)
        if not url and key in OWN_PAGES:
            url = reverse(OWN_PAGES[key])
        if url:
            links.append({"url": url, "label": label % {"agency": settings.NEWSROOM_AGENCY_NAME}})
    return links


def site_settings():
    """What the site's frame and pages say of the site, from settings."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "agency_name": settings.NEWSROOM_AGENCY_NAME,
        "domain_kind": settings.NEWSROOM_DOMAIN_KIND,
        "parent_agency_name": settings.NEWSROOM_PARENT_AGENCY_NAME,
        "parent_agency_url": settings.NEWSROOM_PARENT_AGENCY_URL,
        # Callables: only the frame calls them, once per process (public.frame_html).
        "required_links": required_links,
        "release_kinds": kinds.menu,
        "dap_script_url": settings.DAP_SCRIPT_URL,
    }


def site_domain(request):
    """The site address the reader asked for, without its port (the identifier shows it)."""
    return request.get_host().split(":")[0]


def site(request):
    context = site_settings() | {"site_domain": site_domain(request)}
    # The page in each language and in the others: callables, computed once and only if the
    # frame asks (a release page passes its own, its versions having addresses of their own).
    canonical_url, context["alternates"], context["other_languages"] = seo.addresses(request)
    if canonical_url:
        context["canonical_url"] = canonical_url
    return context
