import pytest

from tests.checks.helpers import draft, findings

pytestmark = pytest.mark.django_db


def test_a_complete_release_has_no_missing_fields():
    assert findings(draft(), "required-field") == []


@pytest.mark.parametrize(
    ("field", "empty", "label", "advice"),
    [
        ("headline", "  ", "Headline", "Add a headline"),
        ("dateline", "", "Dateline", "“PANAMA CITY, Panama”"),
        ("release_at", None, "Release date and time", "Set the release date and time"),
        ("summary", "\n", "Summary", "Write a summary"),
    ],
)
def test_each_missing_field_is_an_error_at_that_field(field, empty, label, advice):
    found = findings(draft(**{field: empty}), "required-field")
    assert [(f.location.label, f.location.field, f.is_error) for f in found] == [
        (label, field, True)
    ]
    assert advice in found[0].message
