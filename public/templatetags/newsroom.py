import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a headline would end the element early; escaping
# <, > and & as JSON unicode escapes keeps the data intact and the markup closed.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """<script type="application/ld+json"> with `data`.

    It carries no CSP nonce: browsers never execute a data block, so script-src does not
    apply, and a page without a nonce is the same bytes for every reader (public.page_cache).
    Markup it wrote before (the release cache keeps a release's) is passed through as it is.
    """
    if not data:
        return ""
    if isinstance(data, SafeString):
        return data
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """An absolute URL for `url` on this site (Open Graph and feeds need them)."""
    return context["request"].build_absolute_uri(url)


# Open Graph wants territory-qualified locales; the Spanish interface is written for the
# Americas, which Open Graph calls es_LA.
_OG_LOCALES = {"en": "en_US", "es": "es_LA"}


@register.filter
def og_locale(language_code):
    return _OG_LOCALES.get(language_code, language_code)
