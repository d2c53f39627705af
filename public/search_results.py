"""The search page's list of results, as HTML built in Python.

Each item is a release's list parts kept per version (public.card_cache: its address, kind and
date, thumbnail, headline and summary) around what changes with the query, its marked headline
and snippet (public.snippets), or its headline and summary when it has none. Formatting 20
items here costs a fraction of the template loop that did it, with its variable lookups and
conditions per item.
"""

from public.html_format import format_html, format_html_join

from . import card_cache

# One result, with the whitespace the template's loop gave it.
_ITEM = (
    '\n    <li class="newsroom-result">\n      <div>\n'
    '      <p class="newsroom-kicker">{}</p>\n'
    '      <h3 class="margin-top-0"><a href="{}">{}</a></h3>\n'
    "      {}\n      </div>\n      {}\n    </li>\n    "
)


def items(request, releases):
    """The <li> of each of `releases` (a page of search.Results, highlighted, or of filtered
    releases), in order, as one piece of HTML."""
    return format_html_join(
        "",
        _ITEM,
        (
            (
                card["kind_and_date"],
                card["url"],
                getattr(release, "title_html", None) or card["headline"],
                _text(release, card),
                card["thumbnail"],
            )
            for release, card in card_cache.cards(request, releases)
        ),
    )


def _text(release, card):
    """The snippet, else the summary, else nothing."""
    snippet = getattr(release, "snippet_html", None)
    if snippet:
        return format_html('<p class="newsroom-snippet">{}</p>', snippet)
    if card["summary"]:
        return format_html("<p>{}</p>", card["summary"])
    return ""
