"""A person's quotes on their page, as HTML built in Python.

Twenty quotes a page, each with its attribution, context, release and date: the template's loop
over them, with a dozen variable lookups and filters a quote, was half of the page's render.
"""

from public.html_format import format_html, format_html_join
from public.time_element import time_element

# One quote, with the whitespace the template's loop gave it.
_ITEM = (
    "\n    <li>\n"
    '      <figure class="newsroom-quote">\n'
    "        <blockquote><p>“{}”</p></blockquote>\n"
    "        <figcaption>— {}{}<br>\n"
    '          <a href="{}">{}</a>, {}</figcaption>\n'
    "      </figure>\n"
    "    </li>\n    "
)


def quote_items(quotes):
    """The <li> of each of `quotes` (each with its release as `parent`), in order."""
    return format_html_join(
        "",
        _ITEM,
        (
            (
                quote.text,
                quote.attribution,
                format_html(", {}", quote.context) if quote.context else "",
                quote.parent.get_absolute_url(),
                quote.parent.headline,
                time_element(quote.parent.release_at, "DATE_FORMAT"),
            )
            for quote in quotes
        ),
    )
