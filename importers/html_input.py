"""HTML (a saved web page or pasted markup) into segments, with a real HTML5 parser.

Parser: justhtml. It builds the same tree a browser would (WHATWG tree construction, checked
against html5lib-tests), is pure Python (no wheel or C library to match), and stays linear on
hostile nesting: 100,000 nested <div>s parse in well under a second here, where selectolax's
lexbor took 22 s (quadratic in depth) and lxml's libxml2 silently dropped everything below its
depth limit. The tree is then walked with an explicit stack, never recursion, so depth cannot
exhaust Python's stack. Only structure and text are taken from the page; HTML is rebuilt later
from spans (escaped), so nothing of the input markup reaches the output.

Two resource limits keep hostile input cheap. justhtml appends text token by token to the
current text node, which costs quadratic time when one node is fed hundreds of thousands of
tokens; so (1) a "<" that cannot start markup (not followed by a letter, "!", "/" or "?") is
written as "&lt;" first, which the HTML tokenizer reads as the same character in one piece,
and (2) input with more than ``MAX_TAGS`` start tags or as many end tags is refused: a saved
news page has a few thousand, and at this limit the worst case parses in about three seconds
on a two-core machine (100,000 nested <div>s, opened and closed, are well within it).
"""

from __future__ import annotations

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from justhtml import JustHTML

from .cleanup import collapse_spaces
from .errors import UnreadableRelease
from .inline import merge_spans, safe_href, strip_spans
from .segments import Heading, ListItem, ListSeg, Para, Report, Segment, Span, TableSeg
from .tables import fit_rows, report_fitting

SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
     "head", "nav", "footer", "aside", "form", "button", "select", "input", "textarea",
     "dialog", "canvas", "video", "audio", "picture", "img", "map", "link", "meta", "title",
     "frameset", "frame"}
)  # fmt: skip
BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "blockquote", "pre", "address",
     "figure", "figcaption", "dl", "dt", "dd", "center", "details", "summary", "hr", "br",
     "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "caption", "body", "html"}
)  # fmt: skip
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
_CHROME_CLASS = re.compile(
    r"(?:^|[-_])(?:usa-banner|usa-nav|usa-footer|usa-identifier|skipnav|breadcrumbs?|share|"
    r"sharing|social|cookie|sidebar|related|subscribe)(?:$|[-_])",
    re.IGNORECASE,
)
MAX_TAGS = 150_000
_START_TAG = re.compile(r"<[A-Za-z!?]")
_STRAY_LT = re.compile(r"<(?![A-Za-z!/?])")
MAX_LIST_DEPTH = 6
MAX_TABLE_ROWS = 1000
MAX_TABLE_COLUMNS = 30


def _attrs(node) -> dict:
    return getattr(node, "attrs", None) or {}


def _is_hidden(node) -> bool:
    attrs = _attrs(node)
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if str(attrs.get("role", "")).lower() in _CHROME_ROLES:
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = str(attrs.get("class", "")).split()
    return any(_CHROME_CLASS.search(c) for c in classes)


def _skip(node) -> bool:
    name = getattr(node, "name", "")
    if name in ("#comment", "!doctype", "template") or name in SKIPPED:
        return True
    return bool(_attrs(node)) and _is_hidden(node)


def _children(node) -> list:
    return list(getattr(node, "children", None) or [])


def _find(root, names: set[str]):
    """First element with one of ``names``, breadth-first, iteratively."""
    queue = [root]
    index = 0
    while index < len(queue):
        node = queue[index]
        index += 1
        if getattr(node, "name", "") in names or (
            _attrs(node).get("role") == "main" and "main" in names
        ):
            return node
        if not _skip(node):
            queue.extend(_children(node))
    return None


def text_content(node) -> str:
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if getattr(current, "name", "") == "#text":
            parts.append(current.data or "")
        elif current is node or not _skip(current):
            stack.extend(reversed(_children(current)))
    return collapse_spaces(" ".join(parts))


class _Builder:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.spans: list[Span] = []
        self.bold = self.italic = 0
        self.links: list[str] = []
        self.heading: int | None = None
        self.lists: list[ListSeg] = []
        self.items: list[ListItem | None] = []  # the open <li> of each open list
        self.pre = 0

    def text(self, data: str) -> None:
        if not data:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
        self.spans.append(
            Span(data, self.bold > 0, self.italic > 0, self.links[-1] if self.links else "")
        )

    def flush(self) -> None:
        spans = strip_spans(merge_spans(self.spans))
        self.spans = []
        if not spans:
            return
        if self.heading is not None:
            self.segments.append(Heading(self.heading, spans))
        elif self.items and self.items[-1] is not None:
            item = self.items[-1]
            if item.spans:
                item.spans.append(Span(" "))
            item.spans.extend(spans)
        elif self.pre:
            for line in "".join(s.text for s in spans).split("\n"):
                if line.strip():
                    self.segments.append(Para([Span(line.strip())]))
        else:
            self.segments.append(Para(spans))

    def open_list(self, ordered: bool) -> None:
        self.flush()
        if len(self.lists) >= MAX_LIST_DEPTH:
            self.lists.append(self.lists[-1])  # too deep: keep adding to the deepest list
            self.items.append(self.items[-1])
            return
        new = ListSeg(ordered)
        parent_item = self.items[-1] if self.items else None
        if parent_item is not None and parent_item.children is None:
            parent_item.children = new
        elif parent_item is not None:
            new = parent_item.children
        else:
            self.segments.append(new)
        self.lists.append(new)
        self.items.append(None)

    def close_list(self) -> None:
        self.flush()
        if self.lists:
            self.lists.pop()
            self.items.pop()

    def open_item(self) -> None:
        self.flush()
        if not self.lists:
            self.open_list(False)
        item = ListItem([])
        self.lists[-1].items.append(item)
        self.items[-1] = item

    def close_item(self) -> None:
        self.flush()
        if self.items:
            self.items[-1] = None


def read_html(markup: str, report: Report) -> list[Segment]:
    tags = max(sum(1 for _ in _START_TAG.finditer(markup)), markup.count("</"))
    if tags > MAX_TAGS:
        raise UnreadableRelease(
            _(
                "This HTML has %(count)s tags, far more than any press release. Save only the "
                "article (or copy its text) and import that instead."
            )
            % {"count": number_format(tags, force_grouping=True)}
        )
    document = JustHTML(_STRAY_LT.sub("&lt;", markup), sanitize=False)
    root = document.root
    body = _find(root, {"body"}) or root
    article = _find(body, {"article"}) or _find(body, {"main"})
    if article is not None and len(text_content(article)) >= 200:
        report.ok(
            _("Read the page's <%(element)s> element; left out the page around it")
            % {"element": article.name}
        )
        root = article
    else:
        root = body
    builder = _Builder()
    _walk(root, builder, report)
    builder.flush()
    return [s for s in builder.segments if not (isinstance(s, ListSeg) and not s.items)]


def _walk(root, b: _Builder, report: Report) -> None:
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        name = getattr(node, "name", "")
        if leaving:
            _leave(name, node, b)
            continue
        if name == "#text":
            b.text(node.data or "")
            continue
        if node is not root and _skip(node):
            if name in ("script", "style", "iframe", "object", "embed", "form"):
                report.ok(_("Left out <%(element)s> content") % {"element": name})
            continue
        if name == "table":
            b.flush()
            b.segments.extend(_table(node, report))
            continue
        if name == "sup":
            digits = text_content(node)
            if digits.isdigit() and len(digits) <= 3:
                b.text(f"[{digits}]")  # footnote marker; assembly turns it into a source
                continue
        _enter(name, node, b)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))


def _enter(name: str, node, b: _Builder) -> None:
    if name in ("ul", "ol", "menu"):
        b.open_list(name == "ol")
    elif name == "li":
        b.open_item()
    elif name in ("strong", "b"):
        b.bold += 1
    elif name in ("em", "i", "cite"):
        b.italic += 1
    elif name == "a":
        b.links.append(safe_href(str(_attrs(node).get("href", ""))))
    elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        b.flush()
        b.heading = int(name[1])
    elif name == "pre":
        b.flush()
        b.pre += 1
    elif name in BLOCKS:
        b.flush()


def _leave(name: str, node, b: _Builder) -> None:
    if name in ("ul", "ol", "menu"):
        b.close_list()
    elif name == "li":
        b.close_item()
    elif name in ("strong", "b"):
        b.bold = max(0, b.bold - 1)
    elif name in ("em", "i", "cite"):
        b.italic = max(0, b.italic - 1)
    elif name == "a":
        if b.links:
            b.links.pop()
    elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        b.flush()
        b.heading = None
    elif name == "pre":
        b.flush()
        b.pre = max(0, b.pre - 1)
    elif name in BLOCKS:
        b.flush()


def _table(table, report: Report) -> list[Segment]:
    caption = ""
    rows: list[tuple[list[str], bool, bool]] = []  # cells, all <th>, in <thead>
    stack: list[tuple[object, bool]] = [(child, False) for child in reversed(_children(table))]
    while stack and len(rows) < MAX_TABLE_ROWS:
        node, in_head = stack.pop()
        name = getattr(node, "name", "")
        if name == "caption":
            caption = text_content(node)
        elif name == "tr":
            cells, all_th = [], True
            for cell in _children(node):
                cell_name = getattr(cell, "name", "")
                if cell_name not in ("td", "th"):
                    continue
                all_th = all_th and cell_name == "th"
                try:
                    span = max(1, min(int(str(_attrs(cell).get("colspan", "1"))), 10))
                except ValueError:
                    span = 1
                cells.append(text_content(cell))
                cells.extend([""] * (span - 1))
            if cells:
                rows.append((cells[:MAX_TABLE_COLUMNS], all_th, in_head))
        elif name in ("thead", "tbody", "tfoot"):
            stack.extend((c, name == "thead") for c in reversed(_children(node)))
    rows = [r for r in rows if any(r[0])]
    width = max((len(r[0]) for r in rows), default=0)
    if len(rows) < 2 or width < 2:
        # a layout table or a one-liner: keep its text as paragraphs
        texts = [caption, *(" ".join(c for c in r[0] if c) for r in rows)]
        return [Para([Span(t)]) for t in texts if t]
    head_index = max((i for i, r in enumerate(rows) if r[2]), default=None)
    if head_index is None:
        head_index = 0
        if not rows[0][1]:
            report.ok(
                _("Took the first row of table '%(table)s' as its headings")
                % {"table": caption or rows[0][0][0]}
            )
    headings = rows[head_index][0]
    body = [r[0] for r in rows[head_index + 1 :]]
    body, problems = fit_rows(headings, body)
    report_fitting(report, headings, problems)
    return [TableSeg(caption, headings, body)]
