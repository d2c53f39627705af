import pytest

from articles.models import ArticleStatus
from tests.checks.helpers import draft, findings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Panamanian border units complete first combined jungle course"


@pytest.mark.parametrize(
    "mine",
    [
        HEADLINE,
        "PANAMANIAN border units complete first combined jungle course!",
        "Panamanian border units complete first combined jungle-course",
        "Panamanian border units complete the first combined jungle course",  # very similar
    ],
)
def test_a_headline_like_another_releases_is_a_warning_naming_it(mine):
    other = ArticleFactory(headline=HEADLINE, status=ArticleStatus.PUBLISHED)
    found = findings(draft(headline=mine), "duplicate-headline")
    assert [(f.location.label, f.is_error) for f in found] == [("Headline", False)]
    assert f"release {other.pk}, “{HEADLINE}”" in found[0].message
    assert "say what is new" in found[0].message


def test_an_exact_duplicate_says_same_and_a_near_one_says_almost():
    ArticleFactory(headline=HEADLINE)
    shouting = draft(headline=HEADLINE.upper())
    (same,) = findings(shouting, "duplicate-headline")
    shouting.delete()
    (near,) = findings(draft(headline=HEADLINE + "s"), "duplicate-headline")
    assert "is the same as" in same.message
    assert "is almost the same as" in near.message


def test_different_headlines_and_the_release_itself_are_fine():
    ArticleFactory(headline="Engineers open a rural clinic in Darién")
    article = draft(headline=HEADLINE)
    assert findings(article, "duplicate-headline") == []


def test_the_similarity_threshold_is_a_setting(settings):
    ArticleFactory(headline=HEADLINE)
    settings.NEWSROOM_CHECKS_HEADLINE_SIMILARITY = 0.5
    article = draft(headline="Panamanian border units start second jungle course")
    assert len(findings(article, "duplicate-headline")) == 1
