"""Plain text and Markdown as pasted from e-mail, Word or a website, into segments.

Line-oriented on purpose: field text often has one paragraph per line and no blank lines, which
Markdown would run together. Recognized per line: Markdown headings (#, setext), bullets
(•, -, *, ·, numbers), pipe tables (with or without outer pipes), tab-separated rows, and stray
HTML (see ``cleanup``).
Runs of short lines are tried as flattened tables before they become paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .cleanup import has_table_fragments, normalize_text, repair_spacing, strip_fragments
from .frontmatter import looks_like_heading
from .inline import markdown_spans
from .segments import Heading, ListItem, ListSeg, Para, Report, Segment, Span, snippet
from .tables import (
    is_pipe_row,
    is_separator,
    opens_bare_pipe_table,
    parse_flattened_table,
    parse_fragment_table,
    parse_pipe_table,
    parse_tab_table,
    pipe_table_end,
    report_fitting,
)

_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<mark>[•·◦▪‣●■▸►➢*+\-–]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$"
)
_MD_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})[ \t]+(?P<text>\S.*)$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
_HEADING_HINT = re.compile(r"^h([1-6])$")
_TABLE_HALVES = re.compile(r"(?:^|\s)/?(?:td|th|tr)\s{0,5}/?\s{0,5}>", re.IGNORECASE)
Md = Callable[[str], list[Span]]


@dataclass
class _Line:
    text: str
    raw: str
    hints: set[str] = field(default_factory=set)
    fragment_table: bool = False


def read_text(text: str, report: Report) -> list[Segment]:
    groups: list[list[_Line]] = [[]]
    for raw in normalize_text(text).split("\n"):
        raw = raw.rstrip()
        if not raw.strip():
            if groups[-1]:
                groups.append([])
            continue
        if has_table_fragments(raw):
            groups[-1].append(_Line(raw.strip(), raw, fragment_table=True))
            continue
        line, hints, removed = strip_fragments(_BLOCKQUOTE.sub("", raw))
        report.fragments_removed += removed
        line, repaired = repair_spacing(line)
        report.spaces_repaired += repaired
        if line.strip():
            groups[-1].append(_Line(line, raw, hints))
    lengths = [len(line.text) for group in groups for line in group]
    wrapped = bool(lengths) and max(lengths) <= 100 and sum(n >= 60 for n in lengths) >= 3
    budget = [report.markdown_budget]

    def md(line: str) -> list[Span]:
        return markdown_spans(line, budget)

    segments: list[Segment] = []
    for group in groups:
        if group:
            segments.extend(_read_group(group, report, wrapped, md))
    return segments


def _read_group(group: list[_Line], report: Report, wrapped: bool, md: Md) -> list[Segment]:
    if any(line.fragment_table for line in group):
        table = parse_fragment_table([line.raw for line in group])
        if table is not None:
            report.fragments_removed += sum(1 for line in group if line.fragment_table)
            return [table]
        # not a recoverable table: drop the markup and read the lines as ordinary text
        relined = []
        for line in group:
            if not line.fragment_table:
                relined.append(line)
                continue
            cleaned, _hints, removed = strip_fragments(line.raw)
            cleaned = " ".join(_TABLE_HALVES.sub(" ", cleaned).split())
            report.fragments_removed += removed
            if cleaned:
                report.problem(
                    _(
                        "Could not place: '%(text)s' (broken table markup; "
                        "kept as a paragraph, check it against the original)"
                    )
                    % {"text": snippet(cleaned)}
                )
                relined.append(_Line(cleaned, cleaned))
        return _read_group(relined, report, wrapped, md) if relined else []

    out = []
    texts = [line.text for line in group]
    i, n = 0, len(group)
    while i < n:
        line = group[i]
        text = line.text
        level = next((int(m.group(1)) for h in line.hints if (m := _HEADING_HINT.match(h))), None)
        if level is not None:
            out.append(Heading(level, md(text.strip())))
            i += 1
        elif m := _MD_HEADING.match(text):
            title = re.sub(r"[ \t]+#+$", "", m.group("text")).strip()
            out.append(Heading(len(m.group("hashes")), md(title)))
            i += 1
        elif i + 1 < n and _SETEXT.match(group[i + 1].text) and not _BULLET.match(text):
            level = 1 if group[i + 1].text.strip().startswith("=") else 2
            out.append(Heading(level, md(text.strip())))
            i += 2
        elif _HR.match(text):
            i += 1
        elif _BULLET.match(text) or "li" in line.hints:
            j = i
            while j < n and (_BULLET.match(group[j].text) or "li" in group[j].hints):
                j += 1
            out.append(_build_list([g.text for g in group[i:j]], md))
            i = j
        elif (j := pipe_table_end(texts, i)) > i:
            lines = texts[i:j]
            parsed = parse_pipe_table(lines)
            if parsed is None:
                out.extend(Para(md(t)) for t in lines if not is_separator(t))
            else:
                table, problems = parsed
                report_fitting(report, table.headings, problems)
                out.append(table)
            i = j
        elif "\t" in text.strip() and i + 1 < n and "\t" in group[i + 1].text.strip():
            j = i
            while j < n and "\t" in group[j].text.strip():
                j += 1
            lines = [g.text for g in group[i:j]]
            table = parse_tab_table(lines)
            out.append(table) if table else out.extend(Para(md(t)) for t in lines)
            i = j
        else:
            j = i
            while j < n and _is_plain(group[j]) and (j == i or not _starts_block(group, j)):
                j += 1
            out.extend(_text_run([g.text.strip() for g in group[i:j]], wrapped, md))
            i = j
    return out


def _is_plain(line: _Line) -> bool:
    return not (
        line.fragment_table
        or any(_HEADING_HINT.match(h) for h in line.hints)
        or "li" in line.hints
        or _MD_HEADING.match(line.text)
        or _HR.match(line.text)
        or _BULLET.match(line.text)
        or is_pipe_row(line.text)
    )


def _starts_block(group: list[_Line], j: int) -> bool:
    """A setext heading, a tab table or a pipe table without outer pipes starting at line j
    ends the current text run."""
    text = group[j].text
    nxt = group[j + 1].text if j + 1 < len(group) else ""
    return (
        bool(_SETEXT.match(nxt))
        or ("\t" in text.strip() and "\t" in nxt.strip())
        or opens_bare_pipe_table(text, nxt)
    )


def _short_unpunctuated(line: str) -> bool:
    return 0 < len(line.split()) <= 25 and not line.endswith((".", "!", "?", ";", ":"))


def _text_run(lines: list[str], wrapped: bool, md: Md) -> list[Segment]:
    out: list[Segment] = []
    j = 0
    while j < len(lines):
        k = j
        while k < len(lines) and _short_unpunctuated(lines[k]):
            k += 1
        table = None
        start = j
        for start in range(j, min(j + 3, k - 2)):  # the header may follow a caption line
            table = parse_flattened_table(lines[start:k])
            if table is not None:
                break
        if table is not None:
            out.extend(_paragraphs(lines[j:start], wrapped, md))
            out.append(table)
            j = k
            continue
        stop = max(k, j + 1)
        # the short lines, then the paragraph lines up to the next run of short lines
        while stop < len(lines) and not _short_unpunctuated(lines[stop]):
            stop += 1
        out.extend(_paragraphs(lines[j:stop], wrapped, md))
        j = stop
    return out


def _paragraphs(lines: list[str], wrapped: bool, md: Md) -> list[Segment]:
    if not wrapped:
        return [Para(md(line)) for line in lines]
    out: list[Segment] = []
    current: list[str] = []
    for line in lines:
        if looks_like_heading(line) and len(line) < 60:
            if current:
                out.append(Para(md(" ".join(current))))
                current = []
            out.append(Para(md(line)))
        else:
            current.append(line)
    if current:
        out.append(Para(md(" ".join(current))))
    return out


def _build_list(lines: list[str], md: Md) -> ListSeg:
    entries = []
    for line in lines:
        m = _BULLET.match(line)
        if m:
            indent = len(m.group("indent").expandtabs(4))
            entries.append((indent, m.group("mark"), m.group("text").strip()))
        else:  # a line that ended in "li >": an item without a bullet
            entries.append((0, "•", line.strip()))

    def ordered(mark: str) -> bool:
        return mark[0].isdigit()

    root = ListSeg(ordered(entries[0][1]))
    stack: list[tuple[int, ListSeg]] = [(entries[0][0], root)]
    for indent, mark, text in entries:
        while len(stack) > 1 and indent < stack[-1][0]:
            stack.pop()
        if indent >= stack[-1][0] + 2 and stack[-1][1].items:
            child = ListSeg(ordered(mark))
            stack[-1][1].items[-1].children = child
            stack.append((indent, child))
        stack[-1][1].items.append(ListItem(md(text)))
    return root
