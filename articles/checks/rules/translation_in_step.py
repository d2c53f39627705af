"""A translation whose source changed after it was translated: say what changed."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.revisions import diff

from ..registry import Flag, Location, Severity, release_check


def _changes(lines):
    marks = {"removed": "−", "added": "+"}
    return "; ".join(
        f"{marks[line.kind]} {Truncator(line.text).chars(160)}"
        for line in lines
        if line.kind in marks
    )


@release_check(
    "translation-out-of-step",
    severity=Severity.WARNING,
    title=gettext_lazy("Source changed after translation"),
)
def source_changed_since_translation(document):
    changes = diff(list(document.source_then), list(document.source_now), context=0)
    if not changes:
        return
    summary = _changes(changes)
    yield Flag(
        Location(_("Translation"), order=(-1, 0, 0)),
        _(
            "The release this one translates changed after it was translated: %(changes)s. "
            "Translate the change here, then choose “Mark as in step with the source”."
        )
        % {"changes": summary},
        # A new change of the source is a new warning to acknowledge.
        subject=summary,
    )
