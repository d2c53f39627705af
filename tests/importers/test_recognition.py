"""What the importer reads from releases shaped like real sources (see tests/corpus/)."""

import datetime
import io
from pathlib import Path

import pytest

from importers import UnreadableRelease, parse_file, parse_text
from importers.structure import TranscriptBlock

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def corpus(name):
    path = CORPUS / name
    return parse_file(path.name, path.read_bytes())


def test_dvids_header_lines_are_metadata_not_body():
    release = corpus("01-dvids-courtesy-jungle.txt")
    assert release.release_date == datetime.date(2026, 2, 12)
    assert release.issuing_unit == "24th Marine Expeditionary Unit"
    assert release.subheadline == ""
    assert release.dateline == "CRISTÓBAL COLÓN, Panama"
    assert release.photo_captions[0].startswith("U.S. Marines with the 24th")
    body = "".join(block.html for block in release.rich_text)
    for header in ("Posted:", "News ID", "Date:", "<h2>", "Photo:"):
        assert header not in body
    assert any("Posted: 02.13.2026" in line for line in release.recognized)
    assert release.kind == "news-story"


def test_service_is_inferred_from_the_unit_and_reported_as_a_guess():
    release = corpus("01-dvids-courtesy-jungle.txt")
    (quote,) = release.quotes
    assert quote.speaker.service == "U.S. Marine Corps"
    assert quote.speaker.organization == "24th Marine Expeditionary Unit"
    assert "24th Marine Expeditionary Unit" in quote.speaker.title
    assert any("U.S. Marine Corps" in guess for guess in release.guesses)


def test_transcript_turns_with_speakers_reporters_and_interpreter():
    release = corpus("05-transcript-secdef-minister.txt")
    assert release.kind == "transcript"
    (block,) = release.transcripts
    assert isinstance(block, TranscriptBlock)
    roles = [turn.role for turn in block.turns]
    assert roles == ["moderator", "speaker", "speaker", "reporter", "speaker", "reporter",
                     "speaker", "moderator"]  # fmt: skip
    secretary = block.turns[1].speaker
    assert (secretary.rank, secretary.name) == ("Secretary of Defense", "Marcus Ellery")
    # "SECRETARY ELLERY:" later is the same person, as fully named as the first time
    assert block.turns[4].speaker == secretary
    assert block.turns[2].interpreted and not block.turns[1].interpreted
    assert "SECRETARY OF DEFENSE" not in block.turns[1].html
    assert "<p>We will hold the Jungle" in block.turns[1].html  # second paragraph, same turn
    assert not release.quotes


def test_readout_spokesperson_is_the_byline_and_officials_are_people_mentioned():
    release = corpus("08-readout-minister-meeting.txt")
    assert release.kind == "readout"
    (spokesperson,) = release.byline_people
    assert (spokesperson.rank, spokesperson.name) == (
        "Pentagon Press Secretary",
        "Naomi Reyes-Hart",
    )
    body = "".join(block.html for block in release.rich_text)
    assert "provided the following readout" not in body
    assert [(p.rank, p.name) for p in release.mentioned] == [
        ("Secretary of Defense", "Marcus Ellery"),
        ("Minister of Public Security", "Rogelio Candanedo"),
    ]
    assert "Ministerio de Seguridad Pública" in [o.name for o in release.organizations]


def test_spanish_release_dateline_quote_and_language():
    release = corpus("18-embassy-es-donacion.txt")
    assert release.language == "es"
    assert release.dateline == "PANAMÁ"
    assert release.release_date == datetime.date(2026, 3, 12)
    assert release.issuing_unit == "Embajada de los Estados Unidos en Panamá"
    (quote,) = release.quotes
    assert (quote.speaker.rank, quote.speaker.name) == ("Embajadora", "Theodora Vance")
    assert [(p.rank, p.name) for p in release.mentioned] == [("Comisionado", "Eliécer Sanjur")]
    assert any("Spanish" in line for line in release.recognized)


def test_courses_and_exercises_are_initiatives_not_organizations():
    release = corpus("04-dvids-engineers.md")
    assert release.initiatives == ["Puentes de Amistad 2026"]
    names = [o.name for o in release.organizations]
    assert "561st Engineer Company" in names
    assert not any("Puentes" in name for name in names)
    jungle = corpus("01-dvids-courtesy-jungle.txt")
    assert "Jungle Operations Training Course" in jungle.initiatives
    assert not any("Course" in o.name for o in jungle.organizations)


def test_a_course_with_an_abbreviation_is_an_initiative_not_an_organization():
    release = parse_text(
        "Course opens\n\nCRISTÓBAL COLÓN, Panama — The Jungle Operations Training Course "
        "(JOTC) opened with officers of the Servicio Nacional de Fronteras (SENAFRONT).\n"
    )
    assert [o.name for o in release.organizations] == ["Servicio Nacional de Fronteras"]
    assert release.initiatives == ["Jungle Operations Training Course"]


def test_kind_banners_and_prefixes():
    assert corpus("13-advisory-ceremony.txt").kind == "media-advisory"
    assert corpus("14-advisory-es.txt").kind == "media-advisory"
    fact_sheet = corpus("15-factsheet-cooperation.txt")
    assert (fact_sheet.kind, fact_sheet.headline) == (
        "fact-sheet",
        "U.S.-Panama Security Cooperation in 2026",
    )
    assert corpus("11-statement-secretary.txt").kind == "statement"
    assert corpus("22-press-release-plain.txt").kind == "press-release"


def test_wire_reprint_outlet_line_and_closing_story_by():
    release = corpus("20-wire-reprint-marines.txt")
    assert release.headline == "Marines rehearse evacuation of U.S. citizens in Costa Rica"
    assert [p.name for p in release.byline_people] == ["Caleb Ruddock"]
    assert "Story by" not in "".join(block.html for block in release.rich_text)
    assert any("MERIDIAN WIRE" in guess for guess in release.guesses)


def test_summary_is_suggested_from_the_lead():
    release = corpus("02-dvids-story-by-medical.txt")
    assert release.summary.startswith("Soldiers from the 312th Field Hospital spent four days")
    assert any("Summary suggested" in guess for guess in release.guesses)


def test_pdf_release_is_read_with_its_paragraphs():
    release = corpus("31-press-release-pdf.pdf")
    assert release.headline == (
        "Joint Task Force-Isthmus Completes Airfield Lighting Repairs at Howard"
    )
    assert release.dateline == "HOWARD AIRFIELD, Panama"
    (quote,) = release.quotes
    assert quote.speaker.name == "Esperanza Villalobos"


def test_scanned_and_protected_pdfs_are_refused_with_what_to_do():
    from fpdf import FPDF

    blank = FPDF()
    blank.add_page()
    with pytest.raises(UnreadableRelease, match="no text"):
        parse_file("scan.pdf", bytes(blank.output()))

    protected = FPDF()
    protected.add_page()
    protected.set_font("helvetica", size=12)
    protected.cell(text="Secret release")
    protected.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(UnreadableRelease, match="password"):
        parse_file("locked.pdf", bytes(protected.output()))


def test_pdf_with_too_many_pages_is_refused():
    from fpdf import FPDF

    document = FPDF()
    document.set_font("helvetica", size=12)
    for _ in range(45):
        document.add_page()
        document.cell(text="page")
    buffer = io.BytesIO(bytes(document.output()))
    with pytest.raises(UnreadableRelease, match="45 pages"):
        parse_file("book.pdf", buffer.getvalue())


def test_plain_press_release_keeps_todays_behaviour():
    release = parse_text(
        "Engineers finish clinic\n\nYAVIZA, Panama — The clinic opened on Monday.\n"
    )
    assert (release.headline, release.dateline, release.kind) == (
        "Engineers finish clinic",
        "YAVIZA, Panama",
        "press-release",
    )
