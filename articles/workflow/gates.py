"""What a release must satisfy before it can be cleared or published.

A gate is a function taking the release and returning the problems that block it. The release
checks (issue 5) add their gates to RELEASE_GATES; clearance and publishing run them all.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Problem:
    message: str
    # The Article field to fix, so the admin can point at it; empty when no single field is.
    field: str = ""


def required_fields(article):
    """Every release prints a headline, a dateline, a release date and a summary."""
    if not article.headline.strip():
        yield Problem(_("Add a headline."), "headline")
    if not article.dateline.strip():
        yield Problem(
            _("Add a dateline: where the release comes from, e.g. “PANAMA CITY, Panama”."),
            "dateline",
        )
    if article.release_at is None:
        yield Problem(_("Set the release date and time."), "release_at")
    if not article.summary.strip():
        yield Problem(
            _("Write a summary: one or two sentences for lists, feeds and social cards."),
            "summary",
        )


RELEASE_GATES = [required_fields]


def blocking_problems(article):
    """Every problem that keeps `article` from being cleared or published, gate by gate."""
    return [problem for gate in RELEASE_GATES for problem in gate(article)]


DEFAULT_CLEARANCE_CHECKLIST = [
    _("Facts, names, ranks, titles and numbers are checked against their sources."),
    _(
        "Nothing in the text, photos or captions reveals operational, security or personal "
        "information that must not be released."
    ),
    _("Every quote is approved by the person quoted and attributed correctly."),
    _("Photos are cleared for public release and carry captions and credits."),
    _("The release time, embargo and media contacts are right."),
]


def clearance_checklist():
    """The items a release authority confirms; a deployment may set its own list."""
    items = settings.NEWSROOM_CLEARANCE_CHECKLIST or DEFAULT_CLEARANCE_CHECKLIST
    return [str(item) for item in items]
