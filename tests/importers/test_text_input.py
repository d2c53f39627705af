"""Plain text and Markdown: front matter, headings, lists, paragraphs."""

import datetime

import pytest

from importers import ParsedPerson, parse_text


def html_of(release) -> str:
    return "".join(b.html for b in release.rich_text)


@pytest.mark.parametrize(
    ("first_line", "dateline", "body_start"),
    [
        ("CRISTÓBAL COLÓN, Panama — Marines arrived Monday.", "CRISTÓBAL COLÓN, Panama", "Marines"),
        ("PANAMA CITY – Marines arrived Monday.", "PANAMA CITY", "Marines"),
        ("WASHINGTON (AFNS) -- Airmen arrived Monday.", "WASHINGTON (AFNS)", "Airmen"),
        ("FORT BRAGG, N.C. - Soldiers arrived Monday.", "FORT BRAGG, N.C.", "Soldiers"),
        ("SAN DIEGO (July 16, 2025) — Sailors arrived Monday.", "SAN DIEGO", "Sailors"),
    ],
)
def test_datelines(first_line, dateline, body_start):
    release = parse_text(f"Troops arrive in Panama\n\n{first_line}\n\nMore text follows here.\n")
    assert release.dateline == dateline
    assert html_of(release).startswith(f"<p>{body_start} arrived Monday.</p>")


def test_dateline_with_date_sets_release_date():
    release = parse_text("Troops arrive\n\nSAN DIEGO (July 16, 2025) — Sailors arrived.\n")
    assert release.release_date == datetime.date(2025, 7, 16)


def test_ordinary_first_paragraph_has_no_dateline():
    release = parse_text("Troops arrive\n\nU.S. Army Soldiers arrived in Panama - on time.\n")
    assert release.dateline == ""


@pytest.mark.parametrize(
    ("line", "date", "category"),
    [
        ("News | July 16, 2025", datetime.date(2025, 7, 16), "News"),
        ("Sept. 5, 2025", datetime.date(2025, 9, 5), ""),
        ("Published: 2025-07-16", datetime.date(2025, 7, 16), ""),
        ("Press Release | 16 July 2025", datetime.date(2025, 7, 16), "Press Release"),
        ("Tuesday, July 15, 2025 at 10:00 a.m. ET", datetime.date(2025, 7, 15), ""),
    ],
)
def test_date_lines(line, date, category):
    release = parse_text(f"{line}\n\nTroops arrive in Panama\n\nThey arrived Monday.\n")
    assert release.release_date == date
    assert release.category == category
    assert release.headline == "Troops arrive in Panama"


def test_date_inside_a_sentence_is_not_the_release_date():
    release = parse_text("Troops arrive\n\nThe troops arrived on July 16, 2025, in Panama.\n")
    assert release.release_date is None


def test_byline_and_courtesy_story():
    release = parse_text("Troops arrive\n\nBy Staff Sgt. Maria Lopez\n\nThey arrived.\n")
    assert release.byline_people == [
        ParsedPerson(rank="Staff Sgt.", given_name="Maria", family_name="Lopez")
    ]
    courtesy = parse_text("Troops arrive\n\nCourtesy Story\n\nThey arrived.\n")
    assert courtesy.byline_people == [] and courtesy.byline_text == "Courtesy Story"
    raw = parse_text("Troops arrive\n\nBy the 25th ID Public Affairs Office\n\nThey arrived.\n")
    assert raw.byline_people == []
    assert raw.byline_text == "By the 25th ID Public Affairs Office"


def test_markdown_headline_subheadline_and_headings():
    release = parse_text(
        "# Troops Arrive in Panama\n\n*Exercise builds partner capacity*\n\n"
        "By Cpl. Ann Lee\n\nThey arrived Monday.\n\n## What Comes Next\n\n"
        "They train **hard** and *long*, see [the plan](https://example.mil/plan).\n\n"
        "Setext Heading\n--------------\n\nMore.\n"
    )
    assert release.headline == "Troops Arrive in Panama"
    assert release.subheadline == "Exercise builds partner capacity"
    assert release.byline_people[0].family_name == "Lee"
    html = html_of(release)
    assert "<h2>What Comes Next</h2>" in html
    assert "<h2>Setext Heading</h2>" in html
    assert (
        "They train <strong>hard</strong> and <em>long</em>, see "
        '<a href="https://example.mil/plan">the plan</a>.' in html
    )


@pytest.mark.parametrize("bullet", ["•", "-", "*", "·", "–"])
def test_bullet_styles(bullet):
    release = parse_text(f"Troops arrive\n\nRoles:\n{bullet} Logistics\n{bullet} Training\n")
    assert "<p>Roles:</p><ul><li>Logistics</li><li>Training</li></ul>" in html_of(release)


def test_numbered_and_nested_lists():
    release = parse_text(
        "Troops arrive\n\n1. First step\n2. Second step\n   - detail a\n   - detail b\n3. Third\n"
    )
    assert html_of(release) == (
        "<ol><li>First step</li><li>Second step<ul><li>detail a</li><li>detail b</li></ul>"
        "</li><li>Third</li></ol>"
    )


def test_one_paragraph_per_line_without_blank_lines():
    release = parse_text(
        "Troops Arrive in Panama\nFirst paragraph sentence one. Sentence two.\n"
        "Second paragraph here.\n"
    )
    assert html_of(release) == (
        "<p>First paragraph sentence one. Sentence two.</p><p>Second paragraph here.</p>"
    )


def test_hard_wrapped_paragraphs_are_joined():
    body = (
        "The Marines arrived in Panama on Monday to support the security\n"
        "conference, bringing logistics teams and medical staff with them\n"
        "for the two weeks of meetings.\n\n"
        "They will leave when the conference ends, according to the unit,\n"
        "and return to their home station in North Carolina by the end of\n"
        "the month.\n"
    )
    release = parse_text("Marines Arrive in Panama\n\n" + body)
    assert html_of(release).count("<p>") == 2
    assert "security conference, bringing" in html_of(release)


def test_site_chrome_dropped():
    release = parse_text(
        "An official website of the United States government\nHere's how you know\n"
        "Skip to main content\nHome > News > Releases\n\nTroops arrive\n\nThey arrived.\n\n"
        "Share:\nFacebook\nX\nPrint\n\nOUR PRIORITIES\nREADINESS\n"
    )
    assert release.headline == "Troops arrive"
    assert html_of(release) == "<p>They arrived.</p>"


def test_no_headline_is_reported():
    release = parse_text(
        "This release starts with a long sentence that reads like body text, not a headline, "
        "and ends with a period.\n"
    )
    assert release.headline == ""
    assert "No headline found: the first line should be the headline" in release.unrecognized


def test_report_lines():
    release = parse_text(
        "Troops arrive\n\nBy Cpl. Ann Lee\n\n"
        "“We are ready for the mission ahead,” said Cpl. Ann Lee.\n"
    )
    assert release.recognized[:3] == [
        "Headline: Troops arrive",
        "Byline: Cpl. Ann Lee",
        "1 quote with a speaker",
    ]
