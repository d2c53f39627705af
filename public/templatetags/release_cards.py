"""`{% release_cards releases featured_first=True as cards %}`: each release with its cached card
(public.card_cache), for `{% for release, card in cards %}`."""

from django import template

from public import card_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def release_cards(context, releases, featured_first=False):
    return card_cache.cards(context["request"], releases, featured_first=featured_first)
