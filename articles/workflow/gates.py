"""What a release must satisfy before it can be cleared or published.

A gate is a function taking the release (and the release-check findings, run once by the
caller) and returning the problems that block it; clearance and publishing run every gate in
RELEASE_GATES.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.checks import blocking_findings, run_release_checks


@dataclass(frozen=True)
class Problem:
    message: str
    # The Article field to fix, so the admin can point at it; empty when no single field is.
    field: str = ""


def release_check_errors(article, *, findings):
    """Every ERROR the release checks find (docs/release-checks.md), required fields included."""
    for finding in blocking_findings(article, findings=findings):
        if finding.location.field:
            yield Problem(finding.message, finding.location.field)
        else:
            yield Problem(f"{finding.location.label}: {finding.message}")


RELEASE_GATES = [release_check_errors]


def blocking_problems(article, *, findings=None):
    """Every problem that keeps `article` from being cleared or published, gate by gate.
    `findings`: run_release_checks(article) when the caller has it already."""
    findings = run_release_checks(article) if findings is None else findings
    return [problem for gate in RELEASE_GATES for problem in gate(article, findings=findings)]


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
