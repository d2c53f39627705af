import pytest

from tests.checks.helpers import draft, findings
from tests.checks.test_empty_blocks import add_table
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_a_row_whose_initiative_has_no_name_is_an_error_naming_the_row():
    article = draft()
    add_table(
        article,
        [
            (InitiativeFactory(name="River patrols"), ["Joint boat patrols"]),
            (InitiativeFactory(name=" "), ["Night navigation"]),
        ],
    )
    found = findings(article, "table-first-column")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (initiative table), row 2", True)
    ]
    assert "must name the initiative" in found[0].message


def test_rows_that_name_their_initiatives_are_fine():
    article = draft()
    add_table(article, [(InitiativeFactory(), ["Joint boat patrols"])])
    assert findings(article, "table-first-column") == []
