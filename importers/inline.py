"""Inline text: Markdown emphasis and links into spans, spans into escaped HTML.

Markdown inline syntax is read with markdown-it-py (CommonMark, raw HTML off), so ``**bold**``,
``*em*`` and ``[text](https://…)`` work as people expect and everything else stays literal text.
HTML is only ever built here, from spans, with ``html.escape``; ``sanitize`` then runs nh3 with
the exact allow-list of the rich-text block as a second line of defence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

from .segments import Span

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a"}
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_md = MarkdownIt("commonmark", {"html": False, "maxNesting": 20})
# Only lines that plausibly use Markdown go through markdown-it; the rest are plain text.
_MARKDOWN_SYNTAX = re.compile(
    r"\*\*\S|__\S|(?<![\w*])\*\S|(?<![\w_])_\S|\]\(|<(?:https?|mailto):|`"
    r"|\\[!-/:-@\[-`{-~]|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});",
    re.IGNORECASE,
)
_MARKDOWN_MAX = 20_000  # a longer "line" is no hand-written Markdown


def safe_href(url: str) -> str:
    """An absolute http(s) or mailto URL, else "" (relative links mean nothing on our site)."""
    url = url.strip()
    return url if url.lower().startswith(_SAFE_SCHEMES) and len(url) <= 2000 else ""


def markdown_spans(text: str, budget: list[int] | None = None) -> list[Span]:
    """Spans of one line of Markdown inline text.

    ``budget`` ([characters left]) bounds the Markdown parsing of one document: junk that looks
    like Markdown on every line would otherwise cost seconds; past the budget, text is plain.
    """
    if len(text) > _MARKDOWN_MAX or not _MARKDOWN_SYNTAX.search(text):
        return [Span(text)] if text else []
    if budget is not None:
        if budget[0] < len(text):
            return [Span(text)]
        budget[0] -= len(text)
    spans: list[Span] = []
    bold = italic = 0
    href = ""
    for token in _md.parseInline(text)[0].children or []:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "link_open":
            href = safe_href(str(token.attrGet("href") or ""))
        elif kind == "link_close":
            href = ""
        elif kind in ("text", "code_inline"):
            spans.append(Span(token.content, bool(bold), bool(italic), href))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bool(bold), bool(italic), href))
        elif kind == "image":
            alt = "".join(c.content for c in token.children or [])
            if alt:
                spans.append(Span(alt))
    return merge_spans(spans)


def merge_spans(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (
            span.bold,
            span.italic,
            span.href,
        ):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.href)
        else:
            out.append(span)
    return out


def plain(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)


def map_text(spans: list[Span], fn: Callable[[str], str]) -> list[Span]:
    return merge_spans([Span(fn(s.text), s.bold, s.italic, s.href) for s in spans])


def slice_spans(spans: list[Span], start: int, end: int) -> list[Span]:
    """The spans covering plain-text offsets [start, end)."""
    out, pos = [], 0
    for s in spans:
        a, b = pos, pos + len(s.text)
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(Span(s.text[lo - a : hi - a], s.bold, s.italic, s.href))
    return out


def strip_spans(spans: list[Span]) -> list[Span]:
    """Collapse whitespace and trim both ends."""
    spans = map_text(spans, lambda t: re.sub(r"\s+", " ", t))
    while spans and not spans[0].text.strip():
        spans = spans[1:]
    while spans and not spans[-1].text.strip():
        spans = spans[:-1]
    if spans:
        first, last = spans[0], spans[-1]
        spans[0] = Span(first.text.lstrip(), first.bold, first.italic, first.href)
        last = spans[-1]
        spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.href)
    return [s for s in spans if s.text]


def render(spans: list[Span]) -> str:
    """Escaped inline HTML; adjacent spans sharing a link become one <a>."""
    out: list[str] = []
    i = 0
    while i < len(spans):
        href = spans[i].href
        j = i
        while j < len(spans) and spans[j].href == href:
            j += 1
        inner = "".join(_render_one(s) for s in spans[i:j])
        if href:
            out.append(f'<a href="{html.escape(href, quote=True)}">{inner}</a>')
        else:
            out.append(inner)
        i = j
    return "".join(out)


def _render_one(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.italic:
        text = f"<em>{text}</em>"
    if span.bold:
        text = f"<strong>{text}</strong>"
    return text


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
