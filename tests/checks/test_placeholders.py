import pytest
from django.utils.html import escape

from tests.checks.helpers import add_rich_text, draft, findings, paragraphs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "placeholder",
    [
        "[insert date]",
        "[Insert name of unit]",
        "[TBD]",
        "[tk]",
        "TK",
        "XX",
        "XXX",
        "Lorem ipsum",
        "{{ speaker_name }}",
        "{% if x %}",
        "<<FIRST NAME>>",
        "{event_date}",
    ],
)
def test_placeholders_in_rich_text_are_errors_at_their_line(placeholder):
    article = draft()
    add_rich_text(
        article,
        # As the editor stores typed text: "<" becomes "&lt;".
        paragraphs(
            "The course ended on Friday.", f"Training resumes on {escape(placeholder)} in Colón."
        ),
    )
    found = findings(article, "placeholder")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 2", True)
    ]
    assert f"“{placeholder}” is a placeholder" in found[0].message
    assert "Replace it with the real text" in found[0].message


def test_placeholders_in_fields_name_the_field():
    article = draft(headline="Soldiers arrive in [insert city]", summary="About TK troops.")
    found = findings(article, "placeholder")
    assert [(f.location.label, f.subject) for f in found] == [
        ("Headline", "[insert city]"),
        ("Summary", "TK"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The TKO Foundation donated books.",  # TK inside a word
        "The Airmen flew 20 sorties [1] in April.",  # footnote markers are not placeholders
        "Members of the XXL team arrived.",
        "The U.S. Army and Panama's border service trained together.",
        "Xx-ray equipment and a taxi.",
        "He said the plan is {not final} yet.",  # braces around prose, not a field name
    ],
)
def test_ordinary_text_is_not_a_placeholder(text):
    article = draft()
    add_rich_text(article, paragraphs(text))
    assert findings(article, "placeholder") == []
