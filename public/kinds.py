"""Plural names for the kinds of release, for list headings, menus and feed titles."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleKind

PLURALS = {
    ArticleKind.PRESS_RELEASE: _("Press releases"),
    ArticleKind.NEWS_STORY: _("News stories"),
    ArticleKind.STATEMENT: _("Statements"),
    ArticleKind.READOUT: _("Readouts"),
    ArticleKind.TRANSCRIPT: _("Transcripts"),
    ArticleKind.MEDIA_ADVISORY: _("Media advisories"),
    ArticleKind.FACT_SHEET: _("Fact sheets"),
}


def menu():
    """[(plural name, list URL)] for every kind, in the order of ArticleKind."""
    return [(PLURALS[kind], reverse("public:kind", kwargs={"kind": kind})) for kind in ArticleKind]
