import pytest
from django.utils.html import escape

from tests.checks.helpers import add_rich_text, draft, findings, paragraphs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("Strengthen coastal defenses td > tr >", "td > tr >"),
        ("< td >Maritime Surveillance", "< td >"),
        ("Border regions.[2] li >", "li >"),
        ("Global Security Review Journal – June 2024). p>", "p>"),
        ("The Path Ahead h2>", "h2>"),
        ("Launch outreach programs td /> tr />", "td /> tr />"),
        ("Text &lt;/p&gt; after a paragraph", "&lt;/p&gt;"),
        ('A stray <div class="x"> in text', '<div class="x">'),
        ("A stray <div", "<div"),
        ("Closing </span> tag", "</span>"),
    ],
)
def test_html_fragments_in_rich_text_are_errors_at_their_line(typed, fragment):
    article = draft()
    # Typed into the editor, so stored escaped; "&lt;/p&gt;" typed literally is stored
    # double-escaped and reads as "&lt;/p&gt;" again.
    add_rich_text(article, paragraphs("Opening paragraph.", escape(typed)))
    found = findings(article, "markup")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 2", True)
    ]
    assert f"“{fragment}”" in found[0].message
    assert "Delete it" in found[0].message


def test_fragments_in_a_plain_text_field_name_the_field():
    article = draft(subheadline="Partners meet in Panama</p>")
    found = findings(article, "markup")
    assert [f.location.label for f in found] == ["Subheadline"]
    assert "“</p>”" in found[0].message


def test_a_scraped_table_row_lists_its_fragments_once_each():
    article = draft()
    add_rich_text(article, paragraphs(escape("< td >Maritime < td >Outreach < td >Patrols")))
    (finding,) = findings(article, "markup")
    assert finding.message.count("“< td >”") == 1


def test_a_markdown_pipe_table_is_one_error_covering_its_lines():
    article = draft()
    add_rich_text(
        article,
        paragraphs(
            "Several areas of focus:",
            "| Focus Areas | Objectives |",
            "|---|---|",
            "| Counter-Narcotics Operations | Reduce trafficking routes. |",
            "Closing paragraph.",
        ),
    )
    found = findings(article, "markup")
    assert [f.location.label for f in found] == ["Block 1 (rich text), lines 2–4"]
    assert "“| Focus Areas | Objectives |”" in found[0].message
    assert "initiative table block" in found[0].message


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [("## Key facts", "## K"), ("It was **very** good.", "**very**")],
)
def test_markdown_marks_are_errors(typed, fragment):
    article = draft()
    add_rich_text(article, paragraphs(typed))
    (finding,) = findings(article, "markup")
    assert fragment in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Plan B > Plan A, the planners said.",
        "Temperatures were > 35 degrees and humidity < 90 percent.",
        "Fuel costs rose 10% & shipping 5%.",
        "News | July 16, 2025",
        "The 3-2-1 drill: step one, step two.",
        "Visit https://www.example.mil/releases/?id=4&lang=en for details.",
    ],
)
def test_prose_with_angle_brackets_pipes_and_ampersands_is_not_markup(text):
    article = draft()
    add_rich_text(article, paragraphs(escape(text)))
    assert findings(article, "markup") == []


def test_real_formatting_made_in_the_editor_is_not_markup():
    article = draft()
    add_rich_text(
        article,
        "<h2>Key facts</h2><p>It was <strong>very</strong> good.</p>"
        "<ul><li>One</li><li>Two</li></ul><p>See <a href='https://example.mil/'>here</a>.</p>",
    )
    assert findings(article, "markup") == []
