from django import template

from public import body_html, contact_card, frame_html, pagination_html, structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """An absolute URL for `url` on this site (Open Graph and feeds need them)."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def frame_start(context):
    """The page up to its content (public.frame_html), from what the view and the context
    processors put in the context."""
    request = context["request"]
    return frame_html.start(
        request,
        meta=context.get("meta"),
        canonical_url=context.get("canonical_url"),
        alternates=context.get("alternates"),
        other_languages=context.get("other_languages"),
        feed=context.get("feed"),
        json_ld=structured_data.json_ld(context.get("json_ld")),
    )


@register.simple_tag(takes_context=True)
def frame_end(context):
    """The page after its content."""
    return frame_html.end(context["request"])


@register.simple_tag(takes_context=True)
def pagination(context, page):
    """The list's pagination (public.pagination_html), its links keeping the query string."""
    return pagination_html.pagination(context["request"], page)


# The body blocks (feed items, e-mail alerts) and a press contact's card, written in Python
# (public.body_html, public.contact_card) for the release page and reused as they are.
register.simple_tag(body_html.body_html, name="body_html")
register.simple_tag(contact_card.contact_card, name="contact_card")
