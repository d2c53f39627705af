import pytest

from tests.checks.helpers import add_rich_text, draft, findings, paragraphs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "reported", "mark"),
    [
        ("Data and resource sharing.This approach helps.", "sharing.This", "."),
        ("Through these open dialogues,the foundation is laid.", "dialogues,the", ","),
        ("Did it work?Yes, it did.", "work?Yes,", "?"),
        ("It ended in 2024.The next began.", "2024.The", "."),
        ("Partners agreed;the plan stands.", "agreed;the", ";"),
    ],
)
def test_a_missing_space_after_punctuation_is_a_warning_quoting_the_text(text, reported, mark):
    article = draft()
    add_rich_text(article, paragraphs("Intro.", text))
    found = findings(article, "missing-space")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 2", False)
    ]
    assert found[0].message == f"“{reported}” needs a space after the “{mark}”."


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army and the U.S.-Panama partnership.",
        "Inflation was 1.5 percent; 1,000 troops arrived.",
        "Read more at www.southcom.mil/News/Article or https://example.mil/a,b.Html today.",
        "Write to press.Office@example.mil or Jane.Doe@army.mil for details.",
        "The Node.js and ASP.NET teams met at 10:30 a.m.",
        "“We are ready,” said the sergeant.",
    ],
)
def test_abbreviations_numbers_and_addresses_are_fine(text):
    article = draft()
    add_rich_text(article, paragraphs(text))
    assert findings(article, "missing-space") == []
