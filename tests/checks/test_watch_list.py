import pytest
from django.db import IntegrityError

from articles.models import WatchTerm
from tests.checks.helpers import add_rich_text, draft, findings, paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture
def watch_list():
    WatchTerm.objects.create(term="Fort Sherman", reason="unit location: not before arrival")
    WatchTerm.objects.create(term="Operation Green Shield", reason="operation name")
    WatchTerm.objects.create(term="Howard", reason="old base name", is_active=False)


def test_a_watched_phrase_is_a_warning_with_its_reason(watch_list):
    article = draft()
    add_rich_text(article, paragraphs("Intro.", "The company moved to fort\xa0SHERMAN on Monday."))
    found = findings(article, "watch-list")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 2", False)
    ]
    assert "“fort SHERMAN” is on the watch list (unit location: not before arrival)" in (
        found[0].message
    )


def test_terms_are_found_in_fields_too(watch_list):
    article = draft(headline="Operation Green Shield begins")
    assert [f.location.label for f in findings(article, "watch-list")] == ["Headline"]


@pytest.mark.parametrize(
    "text",
    [
        "Fort Shermanville is a town.",  # not a whole word
        "Sherman and the fort were mentioned apart.",
        "Howard University sent observers.",  # an inactive term
    ],
)
def test_partial_words_and_inactive_terms_are_fine(watch_list, text):
    article = draft()
    add_rich_text(article, paragraphs(text))
    assert findings(article, "watch-list") == []


def test_one_warning_per_term_and_line_with_a_key_shared_across_lines(watch_list):
    article = draft()
    add_rich_text(article, paragraphs("Fort Sherman, Fort Sherman.", "Back to Fort Sherman."))
    found = findings(article, "watch-list")
    assert len(found) == 2
    assert found[0].key == found[1].key


def test_the_same_term_cannot_be_listed_twice_in_another_case():
    WatchTerm.objects.create(term="Fort Sherman")
    with pytest.raises(IntegrityError):
        WatchTerm.objects.create(term="fort sherman")
