"""Repairs of pasted text: stray HTML, missing spaces, invisible characters, footnotes."""

import pytest

from importers import parse_text
from importers.cleanup import (
    footnote_definitions,
    has_table_fragments,
    normalize_text,
    repair_spacing,
    strip_fragments,
)


@pytest.mark.parametrize(
    ("line", "cleaned", "names"),
    [
        ("Targeted deployment.[2] li >", "Targeted deployment.[2]", {"li"}),
        ("Some closing words. p>", "Some closing words.", {"p"}),
        ("The Path Ahead h2>", "The Path Ahead", {"h2"}),
        ("<p>Opening words</p>", "Opening words", {"p"}),
        ("Bold <strong>claim</strong> here", "Bold claim here", {"strong"}),
        ("Cell text td > tr >", "Cell text", {"td", "tr"}),
        ("Cell text td /> tr />", "Cell text", {"td", "tr"}),
        ("5 > 3 and 2 < 4", "5 > 3 and 2 < 4", set()),
        ("The p-value was low", "The p-value was low", set()),
    ],
)
def test_strip_fragments(line, cleaned, names):
    result, seen, _ = strip_fragments(line)
    assert result == cleaned
    assert seen == names


def test_table_fragment_detection():
    assert has_table_fragments("< td >Maritime Surveillance < td >Anti-Narcotics")
    assert has_table_fragments("Strengthen coastal defenses td > tr >")
    assert not has_table_fragments("Strengthen coastal defenses")
    assert not has_table_fragments("A td is a cell")


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("resource sharing.This approach", "resource sharing. This approach"),
        ("the region.As evolving", "the region. As evolving"),
        ("open dialogues,the foundation", "open dialogues, the foundation"),
        ("Deployment : Augmenting", "Deployment: Augmenting"),
        ("the U.S. and U.S.-Panama ties", "the U.S. and U.S.-Panama ties"),
        ("grew 1.5 percent to 1,000 troops", "grew 1.5 percent to 1,000 troops"),
        (
            "see https://www.defense.gov/News.Releases now",
            "see https://www.defense.gov/News.Releases now",
        ),
        ("write to pao@example.mil.Thanks", "write to pao@example.mil.Thanks"),
        ("the e.g.Something", "the e.g.Something"),
    ],
)
def test_repair_spacing_only_at_clear_sentence_boundaries(text, repaired):
    assert repair_spacing(text)[0] == repaired


def test_normalize_text():
    assert normalize_text("a\u00a0b\u200bc\r\nd\x00e\x07") == "a bc\nde"
    assert normalize_text("Cafe\u0301") == "Café"


def test_footnote_definitions():
    assert footnote_definitions("[1] First Report (2023)[2] Second Review (2024).") == [
        (1, "First Report (2023)"),
        (2, "Second Review (2024)"),
    ]
    assert footnote_definitions("[^3]: A source") == [(3, "A source")]
    assert footnote_definitions("[insert date] is a placeholder") is None


def test_footnotes_lifted_into_sources_and_markers_removed():
    release = parse_text(
        "Exercise in Panama\n\n"
        "Crime fell sharply.[1] Trafficking fell too.[2]\n\n"
        "[1] First Report (2023)\n[2] Second Review (2024)\n"
    )
    assert release.sources == ["First Report (2023)", "Second Review (2024)"]
    assert release.rich_text[0].html == "<p>Crime fell sharply. Trafficking fell too.</p>"


def test_footnote_without_source_is_reported():
    release = parse_text("Exercise in Panama\n\nCrime fell sharply.[3]\n")
    assert release.sources == []
    assert "Footnote [3] is used in the text but has no source line" in release.unrecognized


@pytest.mark.parametrize("placeholder", ["[insert date]", "[INSERT NAME]", "[TBD]", "TKTK"])
def test_placeholders_are_kept_and_reported(placeholder):
    release = parse_text(f"Exercise in Panama\n\nThe exercise begins on {placeholder} in Panama.\n")
    assert placeholder in release.rich_text[0].html
    assert f"Placeholder left in the text: {placeholder}" in release.unrecognized


def test_output_html_is_escaped():
    release = parse_text(
        "Exercise <b>in</b> Panama\n\n"
        "Use <script>alert(1)</script> & <img src=x onerror=alert(1)> carefully.\n\n"
        "[click](javascript:alert(1)) and [site](https://www.defense.gov/)\n"
    )
    html = "".join(b.html for b in release.rich_text)
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html  # the unsafe link stays visible text, not a link
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert '<a href="https://www.defense.gov/">site</a>' in html
    assert release.headline == "Exercise in Panama"
