"""Rebuild the Word and PDF releases of the corpus from their text in ``sources/``.

``sources/NAME.docx.txt`` becomes ``NAME.docx`` (first line in the Title style, lines starting
with "|" as a Word table) and ``sources/NAME.pdf.txt`` becomes ``NAME.pdf`` (one text paragraph
per blank-line block, in DejaVu Sans so accents survive). The built files are committed, so the
corpus report needs neither python-docx's writer nor fpdf2; run this after editing a source:

    .venv/bin/python tests/corpus/build_binaries.py
"""

from __future__ import annotations

import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FIXED_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def build_docx(text: str, target: Path) -> None:
    import docx

    document = docx.Document()
    first = True
    for block in _blocks(text):
        table_rows = [line for line in block if line.startswith("|")]
        for line in block:
            if line.startswith("|"):
                continue
            document.add_paragraph(line, style="Title" if first else None)
            first = False
        if table_rows:
            cells = [[c.strip() for c in row.strip("|").split("|")] for row in table_rows]
            table = document.add_table(rows=len(cells), cols=len(cells[0]))
            for r, row in enumerate(cells):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    # A fixed time keeps a rebuilt file identical when its source did not change.
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.save(target)


def build_pdf(text: str, target: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for block in _blocks(text):
        for line in block:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(target))


def main() -> None:
    for source in sorted((HERE / "sources").glob("*.txt")):
        target = HERE / source.name.removesuffix(".txt")
        text = source.read_text(encoding="utf-8")
        if target.suffix == ".docx":
            build_docx(text, target)
        elif target.suffix == ".pdf":
            build_pdf(text, target)
        print(target.name)


if __name__ == "__main__":
    main()
