"""Word documents (.docx) into segments, with python-docx.

Word's own structure is used where the author gave it (Title, Subtitle, Heading n, list
numbering, tables, bold/italic/hyperlinks). Runs of plain Normal paragraphs go through the
text reader, so typed bullets, pipe tables and flattened tables are found in Word too.
The archive is checked before python-docx opens it, so a zip bomb is refused, not unpacked;
then every XML part is streamed through a counting parser, so a small file that unpacks to
millions of elements (20 MB of empty runs in one paragraph) is refused before python-docx,
which builds the whole tree in memory, ever sees it.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from lxml import etree

from .cleanup import collapse_spaces
from .errors import UnreadableRelease
from .inline import merge_spans, safe_href, strip_spans
from .limits import check_text_size
from .segments import Heading, ListItem, ListSeg, Para, Report, Segment, Span, TableSeg
from .tables import fit_rows, report_fitting
from .text_input import read_text

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_BLOCKS = 20_000
# Caps on the XML python-docx would load, counted while streaming every part. A long release
# saved by Word (tracked changes split text into many runs) has a few thousand runs and some
# tens of thousands of elements; these caps keep python-docx under ~100 MB and a few seconds.
MAX_XML_ELEMENTS = 250_000
MAX_RUNS = 50_000
_STREAM_CHUNK = 64 * 1024
_RUN_TAG = qn("w:r")
_TEXT_TAG = qn("w:t")
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s+(bullet|number)(?:\s+(\d))?$", re.IGNORECASE)


def check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableRelease(
            _(
                "This file is not a readable Word document (.docx). Open it in Word and save it "
                "again as “Word Document (.docx)”, or paste the text instead."
            )
        ) from exc
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise UnreadableRelease(
            _(
                "This Word document unpacks to far more data than a press release holds, so it "
                "was not opened. Save the release as a new document and try again."
            )
        )
    if "word/document.xml" not in archive.namelist():
        raise UnreadableRelease(
            _(
                "This file is a zip archive but not a Word document (.docx). Upload the .docx "
                "itself, or paste the text instead."
            )
        )
    _count_xml(archive, entries)


def _too_complex():
    return UnreadableRelease(
        _(
            "This Word document is far more complex inside than any press release (hundreds "
            "of thousands of formatting pieces), so it was not opened. Copy its text into a "
            "new document and upload that, or paste the text instead."
        )
    )


def _count_xml(archive, entries):
    """Stream every XML part through lxml, counting elements, runs and characters of text as
    they are read.

    Reading stops at the first element past a cap: the work done is bounded by the caps, not
    by what the archive unpacks to. Entities are not resolved and no network is used.
    """
    elements = runs = characters = 0
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        parser = etree.XMLPullParser(
            events=("end",), resolve_entities=False, no_network=True, huge_tree=False
        )
        try:
            with archive.open(entry) as part:
                while chunk := part.read(_STREAM_CHUNK):
                    parser.feed(chunk)
                    for _event, element in parser.read_events():
                        elements += 1
                        runs += element.tag == _RUN_TAG
                        if element.tag == _TEXT_TAG and element.text:
                            characters += len(element.text)
                        # A counted element is not needed again: free it and the siblings
                        # before it, so memory stays flat however long the part is.
                        element.clear(keep_tail=True)
                        while element.getprevious() is not None:
                            del element.getparent()[0]
                    if elements > MAX_XML_ELEMENTS or runs > MAX_RUNS:
                        raise _too_complex()
                    check_text_size(characters)
        except etree.XMLSyntaxError:
            continue  # python-docx reports a damaged part in its own words
        except UnreadableRelease:
            raise
        # A bad checksum, an encrypted part, a compression method zipfile cannot read.
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
            raise UnreadableRelease(_damaged_message()) from exc


def read_docx(data: bytes, report: Report) -> list[Segment]:
    check_archive(data)
    try:
        return _read_docx(data, report)
    except UnreadableRelease:
        raise
    except Exception as exc:  # a package python-docx cannot walk (odd parts, broken XML)
        raise UnreadableRelease(_damaged_message()) from exc


def _damaged_message():
    return _(
        "Word could not be read from this file: it may be damaged or password-protected. "
        "Open it in Word, save a copy as .docx, and try again."
    )


def _read_docx(data: bytes, report: Report) -> list[Segment]:
    document = docx.Document(io.BytesIO(data))
    segments: list[Segment] = []
    plain_lines: list[str] = []
    list_items: list[tuple[int, bool, list[Span]]] = []

    def flush_plain() -> None:
        if plain_lines:
            segments.extend(read_text("\n".join(plain_lines), report))
            plain_lines.clear()

    def flush_list() -> None:
        if list_items:
            segments.append(_build_list(list_items))
            list_items.clear()

    children = list(document.element.body.iterchildren())
    if len(children) > MAX_BLOCKS:
        raise UnreadableRelease(
            _(
                "This document has %(count)s paragraphs and tables, far more than any "
                "press release. Import the release on its own."
            )
            % {"count": number_format(len(children), force_grouping=True)}
        )
    numbering = _numbering_formats(document)
    style_name = _paragraph_style_names(document)
    for element in children:
        if element.tag == qn("w:tbl"):
            flush_plain()
            flush_list()
            segments.extend(_table(Table(element, document), report))
            continue
        if element.tag != qn("w:p"):
            continue
        paragraph = Paragraph(element, document)
        style = style_name(element.style)
        spans = strip_spans(_spans(paragraph))
        if not spans:
            continue
        level, ordered = _list_info(paragraph, style, numbering)
        if level is not None:
            flush_plain()
            if list_items and level == 0 and ordered != list_items[0][1]:
                flush_list()  # bullets then numbers: two lists
            list_items.append((level, ordered, spans))
            continue
        flush_list()
        heading = _HEADING_STYLE.match(style)
        if style.lower() == "title" or heading:
            flush_plain()
            segments.append(Heading(1 if not heading else int(heading.group(1)) + 1, spans))
        elif style.lower() in ("subtitle", "caption"):
            flush_plain()
            segments.append(Para(spans, style=style.lower()))
        elif any(s.bold or s.italic or s.href for s in spans):
            flush_plain()
            segments.append(Para(spans))
        else:
            plain_lines.append(paragraph.text.replace("\n", " "))
    flush_plain()
    flush_list()
    return segments


def _paragraph_style_names(document):
    """A function from a paragraph's style id to its style's name.

    python-docx's `paragraph.style` scans every style of the document for the default one on
    each unstyled paragraph: a few thousand paragraphs took over 20 seconds. The names are read
    once here; an unknown id falls back to the default, as Word and python-docx do.
    """
    names = {
        style.style_id: style.name or ""
        for style in document.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH
    }
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = (default.name if default is not None else "") or ""
    return lambda style_id: names.get(style_id, default_name) if style_id else default_name


def _spans(paragraph: Paragraph) -> list[Span]:
    spans: list[Span] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            href = safe_href(item.url or "")
            for run in item.runs:
                spans.append(Span(_run_text(run), bool(run.bold), bool(run.italic), href))
        else:
            spans.append(Span(_run_text(item), bool(item.bold), bool(item.italic)))
    return merge_spans(spans)


def _run_text(run) -> str:
    return run.text.replace("\t", " ").replace("\n", " ")


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, ilvl) → numFmt ("bullet", "decimal", …) from the numbering part, if any."""
    formats: dict[tuple[str, str], str] = {}
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return formats
    abstract: dict[str, dict[str, str]] = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else ""
        abstract[node.get(qn("w:abstractNumId"))] = levels
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = fmt
    return formats


def _list_info(paragraph: Paragraph, style: str, numbering) -> tuple[int | None, bool]:
    m = _LIST_STYLE.match(style)
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None and num_pr.numId.val != 0:
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        fmt = numbering.get((str(num_pr.numId.val), str(ilvl)), "")
        ordered = fmt not in ("", "bullet", "none") or bool(m and m.group(1).lower() == "number")
        return min(int(ilvl), 5), ordered
    if m:
        return int(m.group(2) or 1) - 1, m.group(1).lower() == "number"
    return None, False


def _build_list(items: list[tuple[int, bool, list[Span]]]) -> ListSeg:
    root = ListSeg(items[0][1])
    stack: list[ListSeg] = [root]
    for level, ordered, spans in items:
        while len(stack) > level + 1:
            stack.pop()
        while len(stack) < level + 1 and stack[-1].items:
            child = stack[-1].items[-1].children or ListSeg(ordered)
            stack[-1].items[-1].children = child
            stack.append(child)
        stack[-1].items.append(ListItem(spans))
    return root


def _table(table: Table, report: Report) -> list[Segment]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats itself across the span
                cells.append("")
                continue
            seen.add(id(cell._tc))
            cells.append(collapse_spaces(cell.text))
        rows.append(cells)
    rows = [r for r in rows if any(r)]
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return [Para([Span(" ".join(c for c in r if c))]) for r in rows]
    headings, body = rows[0], rows[1:]
    body, problems = fit_rows(headings, body)
    report_fitting(report, headings, problems)
    return [TableSeg("", headings, body)]
