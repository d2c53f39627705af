"""Building releases for the check tests, and reading one check's findings."""

import uuid

from articles import models
from articles.checks import run_release_checks
from tests.factories import ArticleFactory


def draft(**fields):
    """A complete draft release with no body: every check is quiet about it.

    Headlines are random so that releases made in one test are not near-duplicates of each
    other (the factory's "Partners complete jungle course 1", "… 2" are).
    """
    fields.setdefault("headline", f"Release {uuid.uuid4().hex}")
    return ArticleFactory(status=models.ArticleStatus.DRAFT, **fields)


def next_ordering(article):
    """Below every block the article has, of any type."""
    return 10 + max(
        (
            block.ordering
            for model in models.BODY_BLOCK_MODELS
            for block in model.objects.filter(parent=article)
        ),
        default=0,
    )


def add_rich_text(article, html):
    return models.RichText.objects.create(
        parent=article, region="body", ordering=next_ordering(article), text=html
    )


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def findings(article, code):
    return [finding for finding in run_release_checks(article) if finding.code == code]


def where_and_what(article, code):
    """(location, message) pairs of one check's findings, to compare in one assertion."""
    return [(finding.location.label, finding.message) for finding in findings(article, code)]
