import pytest

from tests.checks.helpers import add_rich_text, draft, findings, paragraphs

pytestmark = pytest.mark.django_db


def sentence(word_count):
    return " ".join(["word"] * (word_count - 1)) + " end."


def test_a_sentence_over_the_limit_is_a_warning_with_its_count_and_start():
    article = draft()
    add_rich_text(article, paragraphs("Short one.", f"Short two. Long {sentence(40)} Short three."))
    found = findings(article, "long-sentence")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 2", False)
    ]
    assert "This sentence has 41 words; aim for 35 or fewer" in found[0].message
    assert "“Long word word" in found[0].message


def test_a_sentence_at_the_limit_is_fine():
    article = draft(summary=sentence(35))
    add_rich_text(article, paragraphs(sentence(35)))
    assert findings(article, "long-sentence") == []


def test_the_limit_is_a_setting(settings):
    settings.NEWSROOM_CHECKS_LONG_SENTENCE_WORDS = 10
    article = draft(summary=sentence(11))
    (finding,) = findings(article, "long-sentence")
    assert finding.location.label == "Summary"


def test_abbreviations_do_not_end_sentences():
    """“U.S. Army Sgt. 1st Class” would otherwise cut a long sentence into short ones."""
    text = (
        "U.S. Army Sgt. 1st Class Travis Quinn, a senior instructor with the Jungle Operations "
        "Training Course, met Panamanian border police officers on Jan. 5 at 9 a.m. to plan "
        "three weeks of river crossings, patrols and navigation lessons for forty students from "
        "four units."
    )
    article = draft()
    add_rich_text(article, paragraphs(text))
    assert len(findings(article, "long-sentence")) == 1
