"""Tables from text: Markdown pipes, spreadsheet tabs, tables flattened into lines, and the
remains of HTML tables that a scraper turned into text.

Each parser returns a ``TableSeg`` only when the structure is recoverable with confidence;
otherwise None, and the lines stay paragraphs (reported to the officer).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.tables import CELL_BORDER, is_separator, split_pipe_cells

from .cleanup import collapse_spaces
from .frontmatter import looks_like_heading
from .segments import Report, TableSeg

MAX_ROWS = 500  # more "rows" than any release table: it is not a table


def is_pipe_row(line: str) -> bool:
    s = line.strip()
    return (s.startswith("|") and s.count("|") >= 2) or (is_separator(s) and "|" in s)


def _has_pipe(line: str) -> bool:
    return bool(CELL_BORDER.search(line))


def opens_bare_pipe_table(line: str, following: str) -> bool:
    """A GitHub-style header row without outer pipes ("Area | Goal") over a separator row
    ("--- | ---") with as many cells: the separator is what makes "a | b" a table."""
    return (
        _has_pipe(line)
        and "|" in following
        and is_separator(following)
        and len(split_pipe_cells(line)) == len(split_pipe_cells(following))
    )


def pipe_table_end(lines: Sequence[str], start: int) -> int:
    """Index just past the Markdown pipe table that starts at ``lines[start]``; ``start`` if
    none does.

    Rows written with a leading pipe need no separator (field text often leaves it out). Under
    a header and separator, any line with a cell border is a row, outer pipes or not, as on
    GitHub; a sentence with a "|" in it and no separator below stays a sentence.
    """
    separated = start + 1 < len(lines) and opens_bare_pipe_table(lines[start], lines[start + 1])
    if not (separated or is_pipe_row(lines[start])):
        return start
    end = start + 2 if separated else start
    while end < len(lines) and (is_pipe_row(lines[end]) or (separated and _has_pipe(lines[end]))):
        end += 1
    return end


def fit_rows(headings: list[str], rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Make every row as wide as the headings; say which rows had to be changed."""
    width = len(headings)
    fitted, problems = [], []
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            problems.append(
                ngettext(
                    "row %(row)d had %(count)d cell for %(columns)d columns",
                    "row %(row)d had %(count)d cells for %(columns)d columns",
                    len(row),
                )
                % {"row": number, "count": len(row), "columns": width}
            )
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width:
            row = [*row[: width - 1], " ".join(c for c in row[width - 1 :] if c)]
        fitted.append(row)
    return fitted, problems


def report_fitting(report: Report, headings: list[str], problems: list[str]) -> None:
    """Tell the officer which rows of the table ``fit_rows`` had to change."""
    for problem in problems:
        report.problem(
            _("Table '%(table)s': %(problem)s.")
            % {"table": " | ".join(headings), "problem": problem}
        )


def parse_pipe_table(lines: list[str]) -> tuple[TableSeg, list[str]] | None:
    rows = [split_pipe_cells(line) for line in lines if not is_separator(line)]
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    headings, body = rows[0], rows[1:]
    body, problems = fit_rows(headings, body)
    return TableSeg("", headings, body), problems


def parse_tab_table(lines: list[str]) -> TableSeg | None:
    rows = [[collapse_spaces(c) for c in line.strip("\n").split("\t")] for line in lines]
    widths = {len(r) for r in rows}
    if len(rows) < 2 or len(widths) != 1 or widths.pop() < 2:
        return None
    return TableSeg("", rows[0], rows[1:])


# --- tables flattened into one line per row -------------------------------------------------

_BINDERS = frozenset({"/", "&", "and", "of", "for", "the", "to", "-", "–", "y", "de"})


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def split_title_then_sentence(line: str) -> tuple[str, str] | None:
    """ "Bilateral Training Exercises Elevated tactical proficiency" → the name, the description.

    The first cell is in Title Case; the second starts with one capitalized word followed by
    lower-case words, so the cut falls before the last word of the capitalized run.
    """
    tokens = line.split()
    run = 0
    while run < len(tokens):
        tok = tokens[run]
        if _is_cap(tok) or (
            tok.lower() in _BINDERS
            and run > 0
            and run + 1 < len(tokens)
            and _is_cap(tokens[run + 1])
        ):
            run += 1
        else:
            break
    if run < 2 or run >= len(tokens) or not tokens[run][:1].islower():
        return None
    return " ".join(tokens[: run - 1]), " ".join(tokens[run - 1 :])


def split_heading_line(text: str, columns: int) -> list[str] | None:
    """Cut a run of heading words into ``columns`` headings, as evenly as the words allow.

    "Initiative Anticipated Impact" → ["Initiative", "Anticipated Impact"]; words joined by "/",
    "&" or "of" stay together; a heading does not end on an "-ed" word ("Anticipated").
    """
    units: list[str] = []
    for tok in text.split():
        if units and (tok in _BINDERS or units[-1].split()[-1] in _BINDERS):
            units[-1] += " " + tok
        else:
            units.append(tok)
    if columns < 1:
        return None
    if columns == 1:
        return [text.strip()]
    if len(units) < columns or len(units) > 16:
        return None
    best, best_score = None, None
    for cuts in itertools.combinations(range(1, len(units)), columns - 1):
        bounds = (0, *cuts, len(units))
        cells = [" ".join(units[a:b]) for a, b in itertools.pairwise(bounds)]
        mean = sum(map(len, cells)) / columns
        score = sum(abs(len(c) - mean) for c in cells)
        score += sum(12 for c in cells[:-1] if c.lower().endswith("ed"))
        if best_score is None or score <= best_score:  # a tie goes to the longer first heading
            best, best_score = cells, score
    return best


def parse_flattened_table(lines: list[str]) -> TableSeg | None:
    """A header line and row lines with the cell borders lost."""
    lines = [line.strip() for line in lines]
    if (
        len(lines) < 3
        or len(lines) > MAX_ROWS
        or any(
            not line or len(line.split()) > 25 or line.endswith((".", "!", "?", ";", ":"))
            for line in lines
        )
    ):
        return None
    # columns still aligned with runs of spaces
    split = [re.split(r"\s{2,}|\t", line) for line in lines]
    widths = {len(r) for r in split}
    if len(widths) == 1 and widths.pop() >= 2:
        return TableSeg("", split[0], split[1:])
    if not looks_like_heading(lines[0]):
        return None
    rows = [split_title_then_sentence(line) for line in lines[1:]]
    if any(r is None for r in rows):
        return None
    headings = split_heading_line(lines[0], 2)
    if headings is None:
        return None
    return TableSeg("", headings, [list(r) for r in rows if r])


# --- remains of HTML tables -------------------------------------------------------------------

_TOKEN = re.compile(
    r"<\s{0,5}(?P<close>/?)\s{0,5}(?P<name>td|th|tr|table|tbody|thead)\b[^<>]{0,500}?>"
    r"|(?:(?<=\s)|^)/?(?P<half>td|th|tr)\s{0,5}/?\s{0,5}>",
    re.IGNORECASE,
)


def _line_tokens(line: str) -> list[tuple[str, str]]:
    """("open"|"close", tag) and ("text", words) tokens of one line."""
    out: list[tuple[str, str]] = []
    last = 0
    for m in _TOKEN.finditer(line):
        text = collapse_spaces(line[last : m.start()])
        if text:
            out.append(("text", text))
        if m.group("half"):
            out.append(("close", m.group("half").lower()))
        else:
            out.append(("close" if m.group("close") else "open", m.group("name").lower()))
        last = m.end()
    text = collapse_spaces(line[last:])
    if text:
        out.append(("text", text))
    return out


def parse_fragment_table(lines: list[str]) -> TableSeg | None:
    """Rebuild a table from lines such as ``< td >A < td >B`` / ``Heading th> tr>`` /
    ``value td> tr >``. Lines of ``<td>`` cells hold the first column (top to bottom); lines
    ending in ``td>`` hold the rest of one row each; ``th>`` lines or a bare line the headings.
    """
    first_heading: str | None = None
    first_column: list[str] = []
    heading_cells: list[str] = []
    bare_lines: list[str] = []
    row_tails: list[list[str]] = []
    for line in lines:
        tokens = _line_tokens(line)
        if not tokens:
            continue
        kinds = {k for k, _ in tokens}
        if "open" in kinds and any(k == "open" and t in ("td", "th") for k, t in tokens):
            pending = "td"
            for kind, value in tokens:
                if kind == "open" and value in ("td", "th"):
                    pending = value
                elif kind == "text":
                    if pending == "th" and first_heading is None:
                        first_heading = value
                    else:
                        first_column.append(value)
        elif "close" in kinds:
            cells, cell_kind = [], "td"
            for kind, value in tokens:
                if kind == "text":
                    cells.append(value)
                elif kind == "close" and value in ("td", "th"):
                    cell_kind = value
            if not cells:
                continue
            if cell_kind == "th":
                heading_cells.extend(cells)
            else:
                row_tails.append(cells)
        else:
            bare_lines.append(" ".join(v for _, v in tokens))
    if not row_tails or len({len(r) for r in row_tails}) != 1:
        return None
    tail_width = len(row_tails[0])
    if first_column:
        if len(first_column) != len(row_tails):
            return None
        rows = [[first, *tail] for first, tail in zip(first_column, row_tails, strict=True)]
    else:
        rows = row_tails
    width = len(rows[0])
    headings: list[str] | None = None
    leading = [first_heading] if first_heading is not None else []
    if len(leading) + len(heading_cells) == width and not bare_lines:
        headings = leading + heading_cells
    elif len(bare_lines) == 1 and not heading_cells:
        rest = split_heading_line(bare_lines[0], width - len(leading))
        headings = leading + rest if rest else None
    if headings is None or width < 2 or tail_width < 1:
        return None
    return TableSeg("", headings, rows)
