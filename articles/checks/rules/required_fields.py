"""A release needs a headline, a dateline, a release date and a summary before it goes out."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..document import ReleaseDocument
from ..registry import Flag, Severity, release_check


@release_check(
    "required-field", severity=Severity.ERROR, title=gettext_lazy("Required field missing")
)
def required_fields(document):
    if not document.headline.strip():
        yield Flag(
            ReleaseDocument.field_location("headline"),
            _("Add a headline: what happened, in a few words."),
            subject="headline",
        )
    if not document.dateline.strip():
        yield Flag(
            ReleaseDocument.field_location("dateline"),
            _("Add a dateline: where the release comes from, e.g. “PANAMA CITY, Panama”."),
            subject="dateline",
        )
    if document.release_at is None:
        yield Flag(
            ReleaseDocument.field_location("release_at"),
            _("Set the release date and time."),
            subject="release_at",
        )
    if not document.summary.strip():
        yield Flag(
            ReleaseDocument.field_location("summary"),
            _("Write a summary: one or two sentences for lists, feeds and social cards."),
            subject="summary",
        )
