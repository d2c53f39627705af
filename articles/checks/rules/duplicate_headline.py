"""A headline readers could mistake for another release's."""

import difflib
import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article

from ..document import ReleaseDocument
from ..registry import Flag, Severity, release_check

_NOT_WORD = re.compile(r"[\W_]+")


def normalized(headline):
    """Case, punctuation and spacing do not make a headline different."""
    return _NOT_WORD.sub(" ", headline.casefold()).strip()


@release_check(
    "duplicate-headline", severity=Severity.WARNING, title=gettext_lazy("Duplicate headline")
)
def duplicate_headlines(document):
    mine = normalized(document.headline)
    if not mine:
        return
    threshold = settings.NEWSROOM_CHECKS_HEADLINE_SIMILARITY
    matcher = difflib.SequenceMatcher(b=mine, autojunk=False)
    others = Article.objects.exclude(pk=document.pk).values_list("pk", "headline")
    for pk, headline in others.iterator():
        theirs = normalized(headline)
        if not theirs:
            continue
        matcher.set_seq1(theirs)
        # The cheap upper bounds first: most headlines are nowhere near.
        if theirs != mine and (
            matcher.real_quick_ratio() < threshold
            or matcher.quick_ratio() < threshold
            or matcher.ratio() < threshold
        ):
            continue
        message = (
            _("The headline is the same as that of release %(pk)d, “%(headline)s”.")
            if theirs == mine
            else _("The headline is almost the same as that of release %(pk)d, “%(headline)s”.")
        ) % {"pk": pk, "headline": headline}
        yield Flag(
            ReleaseDocument.field_location("headline"),
            message
            + " "
            + _("Readers and search results cannot tell them apart: say what is new in this one."),
            subject=f"article:{pk}",
        )
