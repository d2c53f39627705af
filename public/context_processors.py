import functools

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
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


def site(request):
    language = get_language()
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "agency_name": settings.NEWSROOM_AGENCY_NAME,
        "domain_kind": settings.NEWSROOM_DOMAIN_KIND,
        "parent_agency_name": settings.NEWSROOM_PARENT_AGENCY_NAME,
        "parent_agency_url": settings.NEWSROOM_PARENT_AGENCY_URL,
        # Callables: the template calls them only when it renders the frame, which the
        # {% cache %} fragments of base.html mostly spare it.
        "required_links": required_links,
        "site_domain": request.get_host().split(":")[0],
        "release_kinds": kinds.menu,
        "dap_script_url": settings.DAP_SCRIPT_URL,
    }
    # The page in the other languages: callables too, computed once and only if the template
    # asks (a release page passes its own, its versions having addresses of their own), since
    # translating the address resolves and reverses it for each language.
    if getattr(request, "resolver_match", None) is not None:
        alternates = functools.cache(functools.partial(seo.alternates, request))
        context |= {
            "canonical_url": request.build_absolute_uri(seo.canonical_path(request)),
            "alternates": alternates,
        }
    else:
        alternates = functools.cache(functools.partial(_home_in_each_language, request))
    context["other_languages"] = lambda: [alt for alt in alternates() if alt[0] != language]
    return context


def _home_in_each_language(request):
    """No page matched this address (a 404): offer the other language's home page."""
    homes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            home = request.build_absolute_uri(reverse("public:home"))
        homes.append((code, translation.get_language_info(code)["name_local"], home))
    return homes
