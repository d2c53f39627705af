import pytest
from django.core.exceptions import ValidationError

from articles.tables import parse_headings, parse_rows


def test_rows_pasted_from_a_spreadsheet_split_on_tabs():
    text = "River crossing\tSmall-boat handling\t2 weeks\nMedical\tTrauma care | triage\t1 week\n"
    assert parse_rows(text, 3) == [
        ["River crossing", "Small-boat handling", "2 weeks"],
        ["Medical", "Trauma care | triage", "1 week"],
    ]


def test_rows_typed_with_pipes_and_markdown_separators():
    text = "| Focus | Objectives |\n|---|:---:|\n| Border security |  Joint  patrols |\n\n"
    assert parse_rows(text, 2) == [["Focus", "Objectives"], ["Border security", "Joint patrols"]]


def test_ragged_rows_are_rejected_naming_each_line():
    with pytest.raises(ValidationError) as error:
        parse_rows("A | b | c\nB | only two\nC | x | y | z", 3)
    messages = error.value.messages
    assert messages == [
        "Line 2 has 2 cells, but the table has 3 columns.",
        "Line 3 has 4 cells, but the table has 3 columns.",
    ]


def test_row_without_initiative_is_rejected():
    with pytest.raises(ValidationError) as error:
        parse_rows("|  | objectives |\n\tobjectives", 2)
    assert error.value.messages == [
        "Line 1 has no initiative in its first cell.",
        "Line 2 has no initiative in its first cell.",
    ]


def test_outer_pipes_are_optional_and_an_escaped_pipe_stays_in_its_cell():
    text = "| Medical | Trauma care \\| triage\nEngineering | Bridges |\n"
    assert parse_rows(text, 2) == [
        ["Medical", "Trauma care | triage"],
        ["Engineering", "Bridges"],
    ]


def test_headings_need_two_named_columns():
    assert parse_headings("Training Program\tTarget Audience\tDuration") == [
        "Training Program",
        "Target Audience",
        "Duration",
    ]
    with pytest.raises(ValidationError):
        parse_headings("Only one")
    with pytest.raises(ValidationError):
        parse_headings("A | | C")
