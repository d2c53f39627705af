"""What a page says about itself to browsers, search engines and link previews.

Each view passes a PageMeta; the page's frame (public.frame_html) turns it into <title>, the
meta description, canonical and hreflang links, Open Graph and Twitter card tags. Titles and
descriptions include the page number on paginated lists, so every page's title and description
are unique (GSA standards).
"""

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext as _

# Query parameters that change what a page shows; everything else (tracking tags, typos) is
# dropped from canonical URLs so one page has one address.
MEANINGFUL_PARAMS = (
    "q",
    "kind",
    "start",
    "end",
    "tag",
    "organization",
    "person",
    "initiative",
    "page",
)


@dataclass
class PageMeta:
    title: str
    description: str
    og_type: str = "website"
    image: object = None  # an articles.Image
    noindex: bool = False
    # Open Graph article:* properties, e.g. {"published_time": "..."}; tags go to article:tag.
    article: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)


def paged(meta, page):
    """Make a paginated list's title and description unique per page."""
    if page is not None and page.number > 1:
        suffix = _("page %(number)s") % {"number": page.number}
        meta.title = f"{meta.title} ({suffix})"
        meta.description = f"{meta.description} ({suffix.capitalize()}.)"
    return meta


def canonical_path(request):
    """The page's path with only the parameters that change its content, in a stable order."""
    return f"{request.path}{_canonical_query(request)}"


def _canonical_query(request):
    params = [
        (name, request.GET[name])
        for name in MEANINGFUL_PARAMS
        if request.GET.get(name, "").strip() and not (name == "page" and request.GET[name] == "1")
    ]
    return f"?{urlencode(params)}" if params else ""


def alternates(request):
    """The same page in each interface language: (code, local name, absolute URL). The page's
    own URL match reversed in each language: translate_url() would resolve its address again
    for each language first (two thirds of the time)."""
    match, query = request.resolver_match, _canonical_query(request)
    found = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:  # as translate_url(): the address as it is
                path = request.path
        found.append(
            (code, get_language_info(code)["name_local"], request.build_absolute_uri(path + query))
        )
    return found


def addresses(request):
    """(the page's canonical URL or None, alternates(), other_languages()): alternates() gives
    (code, local name, absolute URL) of the page in each interface language, other_languages()
    the same in the others than the reader's. Each computed once and only when called, as
    translating an address resolves and reverses it for each language. A request that matched
    no page (a 404) has no canonical URL, and offers the home page in the other languages."""
    language = get_language()
    if getattr(request, "resolver_match", None) is None:
        homes = functools.cache(functools.partial(_home_in_each_language, request))
        # No hreflang alternates for an address that is no page.
        return None, list, lambda: [home for home in homes() if home[0] != language]
    each_language = functools.cache(functools.partial(alternates, request))
    return (
        request.build_absolute_uri(canonical_path(request)),
        each_language,
        lambda: [found for found in each_language() if found[0] != language],
    )


def _home_in_each_language(request):
    """No page matched this address (a 404): offer the other language's home page."""
    homes = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            home = request.build_absolute_uri(reverse("public:home"))
        homes.append((code, get_language_info(code)["name_local"], home))
    return homes
