import pytest

from articles.models import Quote
from tests.checks.helpers import draft, findings
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def add_quote(article, speaker, text):
    return Quote.objects.create(
        parent=article, region="body", ordering=10, speaker=speaker, text=text
    )


def test_a_quote_without_words_is_an_error():
    article = draft()
    add_quote(article, PersonFactory(), "  ")
    found = findings(article, "incomplete-quote")
    assert [(f.location.label, f.is_error) for f in found] == [("Block 1 (quote)", True)]
    assert "Type what was said" in found[0].message


def test_a_quote_whose_speaker_has_no_name_is_an_error():
    article = draft()
    add_quote(article, PersonFactory(given_name="", family_name=""), "We are ready.")
    found = findings(article, "incomplete-quote")
    assert [f.location.label for f in found] == ["Block 1 (quote)"]
    assert "no named speaker" in found[0].message


def test_a_complete_quote_is_fine():
    article = draft()
    add_quote(article, PersonFactory(), "We are ready.")
    assert findings(article, "incomplete-quote") == []
