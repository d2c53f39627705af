"""Parsing initiative-table text as officers paste it: spreadsheet rows or `a | b | c` lines."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A Markdown separator row such as `|---|:---:|` carries no data.
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
# A pipe between cells; `\|` is a pipe inside a cell.
CELL_BORDER = re.compile(r"(?<!\\)\|")


def is_separator(line):
    return bool(_SEPARATOR_ROW.match(line.strip()))


def _clean(cell):
    return " ".join(cell.split())


def split_pipe_cells(line):
    r"""Cells of a row typed with pipes, read as Markdown reads them: the outer pipes are
    optional fences, and `\|` is a pipe inside a cell."""
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return [_clean(cell.replace("\\|", "|")) for cell in CELL_BORDER.split(stripped)]


def split_cells(line):
    """Cells of one line: tab-separated when it has tabs (a spreadsheet paste, where a pipe is
    text), else pipes. The admin's table field and the importers both read rows with this."""
    if "\t" in line:
        return [_clean(cell) for cell in line.split("\t")]
    return split_pipe_cells(line)


def parse_headings(text):
    headings = split_cells(text.strip()) if text.strip() else []
    if len(headings) < 2:
        raise ValidationError(
            _("Give at least two column headings separated by “|”, e.g. “Initiative | Objectives”.")
        )
    if any(not heading for heading in headings):
        raise ValidationError(_("A column heading is empty; remove the extra “|” or name it."))
    return headings


def parse_rows(text, column_count):
    """Rows as lists of cells; a row with the wrong number of cells is an error naming its line."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or is_separator(line):
            continue
        cells = split_cells(line)
        if len(cells) != column_count:
            errors.append(
                ngettext(
                    "Line %(line)d has %(cells)d cell, but the table has %(columns)d columns.",
                    "Line %(line)d has %(cells)d cells, but the table has %(columns)d columns.",
                    len(cells),
                )
                % {"line": number, "cells": len(cells), "columns": column_count}
            )
        elif not cells[0]:
            errors.append(
                _("Line %(line)d has no initiative in its first cell.") % {"line": number}
            )
        else:
            rows.append(cells)
    if errors:
        raise ValidationError(errors)
    return rows


def format_rows(rows):
    return "\n".join(" | ".join(cells) for cells in rows)
