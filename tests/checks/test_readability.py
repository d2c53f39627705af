import pytest

from articles.checks.readability import reading_grade, syllables
from articles.checks.text import sentences


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("panama", 3), ("course", 1), ("readiness", 3), ("cooperation", 5), ("2025", 1)],
)
def test_syllables_are_counted_like_a_reader_says_them(word, count):
    assert syllables(word) == count


def test_plain_short_sentences_grade_lower_than_long_bureaucratic_ones():
    plain = ["The boats left at dawn. The crews came back at noon. They found the camp."]
    dense = [
        "The comprehensive multinational interoperability enhancement initiative "
        "operationalizes institutional capabilities, facilitating synchronized "
        "intergovernmental coordination mechanisms across organizational boundaries."
    ]
    assert reading_grade(plain) < 4
    assert reading_grade(dense) > 16


def test_no_prose_has_no_grade():
    assert reading_grade([]) is None
    assert reading_grade(["— — —"]) is None


def test_sentences_split_at_stops_but_not_after_abbreviations_or_initials():
    text = "U.S. Army Sgt. Jane Q. Doe spoke at 9 a.m. Monday. Then she left! Did it help? Yes."
    assert sentences(text) == [
        "U.S. Army Sgt. Jane Q. Doe spoke at 9 a.m. Monday.",
        "Then she left!",
        "Did it help?",
        "Yes.",
    ]
