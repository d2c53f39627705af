"""Word documents: built with python-docx here, then imported."""

import io

import docx
import pytest

from importers import ParsedPerson, UnreadableRelease, parse_docx, parse_file


def build() -> bytes:
    document = docx.Document()
    document.add_paragraph("Marines Train With Partners in Panama", style="Title")
    document.add_paragraph("Exercise builds partner capacity", style="Subtitle")
    document.add_paragraph("By Lance Cpl. Juan de la Cruz")
    paragraph = document.add_paragraph("PANAMA CITY – Marines trained with the ")
    paragraph.add_run("Servicio Nacional Aeronaval (SENAN)").bold = True
    paragraph.add_run(" this week.")
    document.add_paragraph(
        "“We learned a great deal from our partners here,” said Sgt. Maj. Ana Ruiz, "
        "the battalion sergeant major."
    )
    document.add_paragraph("Highlights", style="Heading 1")
    document.add_paragraph("Jungle movement", style="List Bullet")
    document.add_paragraph("Night patrols", style="List Bullet 2")
    document.add_paragraph("Medical training", style="List Bullet")
    document.add_paragraph("First step", style="List Number")
    document.add_paragraph("Second step", style="List Number")
    document.add_paragraph("Training plan:", style="Caption")
    table = document.add_table(rows=3, cols=2)
    cells = [["Program", "Audience"], ["Jungle skills", "Infantry"], ["Medical", "Corpsmen"]]
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_paragraph("Typed bullets still work:")
    document.add_paragraph("• Logistics")
    document.add_paragraph("• Training")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_round_trip():
    release = parse_file("release.docx", build())
    assert release.headline == "Marines Train With Partners in Panama"
    assert release.subheadline == "Exercise builds partner capacity"
    assert release.dateline == "PANAMA CITY"
    assert release.byline_people == [
        ParsedPerson(rank="Lance Cpl.", given_name="Juan", family_name="de la Cruz")
    ]
    html = "".join(b.html for b in release.rich_text)
    assert (
        "<p>Marines trained with the <strong>Servicio Nacional Aeronaval (SENAN)</strong>" in html
    )
    assert "<h2>Highlights</h2>" in html
    assert (
        "<ul><li>Jungle movement<ul><li>Night patrols</li></ul></li><li>Medical training</li></ul>"
        in html
    )
    assert "<ol><li>First step</li><li>Second step</li></ol>" in html
    assert "<ul><li>Logistics</li><li>Training</li></ul>" in html
    (quote,) = release.quotes
    assert (quote.speaker.rank, quote.speaker.family_name, quote.speaker.title) == (
        "Sgt. Maj.",
        "Ruiz",
        "the battalion sergeant major",
    )
    (table,) = release.tables
    assert table.caption == "Training plan"
    assert table.headings == ["Program", "Audience"]
    assert table.rows == [["Jungle skills", "Infantry"], ["Medical", "Corpsmen"]]
    assert [(o.name, o.abbreviation) for o in release.organizations] == [
        ("Servicio Nacional Aeronaval", "SENAN")
    ]


def test_hyperlinks_in_docx():
    document = docx.Document()
    document.add_paragraph("Title Of The Release", style="Title")
    paragraph = document.add_paragraph("See ")
    part = paragraph.part
    r_id = part.relate_to(
        "https://www.defense.gov/",
        docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
        is_external=True,
    )
    link = docx.oxml.OxmlElement("w:hyperlink")
    link.set(docx.oxml.ns.qn("r:id"), r_id)
    run = docx.oxml.OxmlElement("w:r")
    text = docx.oxml.OxmlElement("w:t")
    text.text = "the site"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    buffer = io.BytesIO()
    document.save(buffer)
    release = parse_docx(buffer.getvalue())
    assert release.rich_text[0].html == '<p>See <a href="https://www.defense.gov/">the site</a></p>'


def test_not_a_docx():
    with pytest.raises(UnreadableRelease, match="not a readable Word document"):
        parse_docx(b"this is plain text, not a zip")


def test_zip_that_is_not_word():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableRelease, match="not a Word document"):
        parse_docx(buffer.getvalue())


def test_zip_bomb_refused_before_unpacking():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(UnreadableRelease, match="unpacks to far more data"):
        parse_docx(data)
