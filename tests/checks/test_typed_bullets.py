import pytest

from tests.checks.helpers import add_rich_text, draft, findings, paragraphs

pytestmark = pytest.mark.django_db


def test_consecutive_typed_bullets_are_one_warning_covering_the_lines():
    article = draft()
    add_rich_text(
        article,
        paragraphs(
            "Their roles include:",
            "- Logistical Assistance: moving delegates.",
            "- Training and Advisory: guidance for local forces.",
            "Closing paragraph.",
            "• Crisis Response: resources on standby.",
        ),
    )
    found = findings(article, "typed-bullet")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), lines 2–3", False),
        ("Block 1 (rich text), line 5", False),
    ]
    assert "These 2 lines start with a typed “-”" in found[0].message
    assert "This line starts with a typed “•”" in found[1].message


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li>Logistical Assistance</li><li>Training</li></ul>",
        "<p>-5 degrees at night and well-known routes.</p>",
        "<p>Ready — the unit said.</p>",
    ],
)
def test_real_lists_and_dashes_inside_text_are_fine(html):
    article = draft()
    add_rich_text(article, html)
    assert findings(article, "typed-bullet") == []
