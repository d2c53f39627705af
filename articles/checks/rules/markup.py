"""Pieces of HTML or Markdown left in the text.

For example “td > tr >”, “< td >”, “li >”, “&lt;/p&gt;” or a pipe table row “| a | b |”.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..registry import Flag, Severity, release_check
from ..text import excerpt

_TAGS = (
    r"a|b|i|u|em|strong|span|div|p|br|hr|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|"
    r"td|th|caption|col|colgroup|blockquote|font|img|script|style|section|article|header|"
    r"footer|nav|figure|figcaption|sup|sub|center|small"
)
# Closing halves without their "<", as scrapers leave them: only names no prose puts before
# a ">" ("Plan B > Plan A" is prose, "p>" and "td >" are not).
_CLOSERS = (
    r"p|div|span|h[1-6]|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|em|strong|br|font|"
    r"caption|blockquote|figure|figcaption|sup|sub"
)

HTML_FRAGMENT = re.compile(
    rf"""
    <\s*/?\s*(?:{_TAGS})\b[^<>]*>?                    # < td >, <div, </p>, <th scope="col">
    | (?<![\w<&/-])/?\s*(?:{_CLOSERS})\s*/?\s*>       # td >, tr >, li >, p>, td />
    | &lt;\s*/?\s*(?:{_TAGS})\b.{{0,200}}?&gt;         # &lt;/p&gt;: a tag, escaped twice
    | &(?:[a-z]{{2,8}}|\#\d{{1,7}}|\#x[0-9a-f]{{1,6}});   # &nbsp;, &#160;, &amp;
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A row of a Markdown pipe table, or the separator row under its headings.
PIPE_TABLE_ROW = re.compile(r"^\|(?:[^|]*\|){2,}$|^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")
MARKDOWN = re.compile(
    r"""
    ^\#{1,6}\s+\w                                     # ## Heading
    | \*\*[^*\s][^*]{0,200}\*\*                          # **bold**
    | \[[^\]]+\]\((?:https?://|/)[^)\s]*\)              # [text](https://…)
    """,
    re.VERBOSE,
)


def _fragments(text):
    """HTML fragments in `text`, neighbours joined (“td > tr >” is one fragment), each once."""
    spans = []
    for match in HTML_FRAGMENT.finditer(text):
        start, end = match.span()
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return list(dict.fromkeys(text[start:end].strip() for start, end in spans))


_SHOWN = 3


def _quoted(fragments):
    """The first few fragments, quoted; a scraped table row can hold dozens."""
    shown = ", ".join(f"“{excerpt(fragment, 40)}”" for fragment in fragments[:_SHOWN])
    if len(fragments) > _SHOWN:
        shown = _("%(shown)s and %(count)d more") % {
            "shown": shown,
            "count": len(fragments) - _SHOWN,
        }
    return shown


@release_check("markup", severity=Severity.ERROR, title=gettext_lazy("Leftover markup"))
def leftover_markup(document):
    for line in document.lines():
        fragments = _fragments(line.text)
        if fragments:
            yield Flag(
                line.location,
                _(
                    "Leftover HTML code from a copied page: %(fragments)s. Delete it; use the "
                    "editor's buttons for formatting and an initiative table block for tables."
                )
                % {"fragments": _quoted(fragments)},
                subject=" ".join(fragments),
            )
        markdown = [match.group() for match in MARKDOWN.finditer(line.text)]
        if markdown:
            yield Flag(
                line.location,
                _(
                    "Markdown that readers would see as typed: %(fragments)s. Use the editor's "
                    "buttons for headings, bold and links instead, then delete the marks."
                )
                % {"fragments": _quoted(markdown)},
                subject=" ".join(markdown),
            )
    table_rows = [line for line in document.lines() if PIPE_TABLE_ROW.match(line.text)]
    for location, rows in document.runs(table_rows):
        yield Flag(
            location,
            _(
                "A table typed with “|” characters (Markdown), which readers would see as typed: "
                "“%(first)s”. Add an initiative table block, paste these rows into it, and "
                "delete them here."
            )
            % {"first": excerpt(rows[0].text)},
            subject=rows[0].text,
        )
