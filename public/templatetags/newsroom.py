import json

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from public import body_html, contact_card, pagination_html
from public import social_meta as social_meta_html
from public.html_format import format_html

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


@register.simple_tag(takes_context=True)
def social_meta(context):
    """The page's Open Graph and Twitter card tags (public.social_meta), from its `meta`."""
    meta = context.get("meta")
    if not meta:
        return ""
    other_languages = context.get("other_languages") or []
    return social_meta_html.social_meta(
        context["request"],
        meta=meta,
        site_name=context.get("site_name", ""),
        language=get_language(),
        canonical_url=context.get("canonical_url"),
        other_languages=other_languages() if callable(other_languages) else other_languages,
    )


@register.simple_tag(takes_context=True)
def pagination(context, page):
    """The list's pagination (public.pagination_html), its links keeping the query string."""
    return pagination_html.pagination(context["request"], page)


# The body blocks (feed items, e-mail alerts) and a press contact's card, written in Python
# (public.body_html, public.contact_card) for the release page and reused as they are.
register.simple_tag(body_html.body_html, name="body_html")
register.simple_tag(contact_card.contact_card, name="contact_card")
