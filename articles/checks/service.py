"""Running the release checks, storing their results, and what the workflow asks of them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from articles.models import ReleaseCheckReport
from newsroom.numbers import grouped

from .document import load_release_document
from .readability import reading_grade
from .registry import Finding, Location, Severity, registered_checks

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1}


def _sorted(findings):
    """Errors first, then warnings; each in reading order."""
    return sorted(
        findings, key=lambda finding: (_SEVERITY_ORDER[finding.severity], finding.location.order)
    )


# The most text the checks read in one request: about 40,000 words, twenty times a long
# release. Every check is linear in its input (tests/test_hostile_input.py counts the work);
# at this size the whole suite takes about a second (bench/README.md). A longer release gets
# one error instead of the suite, which keeps it from being cleared: the officer splits it.
# When a task queue runs background work, the full suite on a long release belongs there and
# this cap becomes the size above which the admin waits for it.
MAX_CHECKED_CHARACTERS = 250_000


def _too_long_to_check(size):
    return Finding(
        code="too-long",
        severity=Severity.ERROR,
        title=gettext("Too long to check"),
        location=Location(gettext("Whole release"), order=(0, 0, 0)),
        message=gettext(
            "This release has %(size)s characters of text, more than the %(limit)s the release "
            "checks read at once, so it was not checked and cannot be cleared. Split it into "
            "several releases, or move long attachments (transcripts, reports) to a linked "
            "document."
        )
        % grouped(size=size, limit=MAX_CHECKED_CHARACTERS),
    )


def findings_for(document):
    """Every registered check's findings for a loaded ReleaseDocument."""
    size = document.size()
    if size > MAX_CHECKED_CHARACTERS:
        return [_too_long_to_check(size)]
    return _sorted(finding for check in registered_checks() for finding in check.run(document))


def run_release_checks(article):
    """The findings of every release check for `article`, errors first, in reading order."""
    return findings_for(load_release_document(article))


def blocking_findings(article, *, findings=None):
    """The ERROR findings: any of them keeps the release from being cleared or published.
    `findings`: run_release_checks(article) when the caller has it already."""
    findings = run_release_checks(article) if findings is None else findings
    return [finding for finding in findings if finding.is_error]


def release_check_warnings(article, *, findings=None):
    """The WARNING findings, which the clearing release authority must acknowledge.
    `findings`: run_release_checks(article) when the caller has it already."""
    findings = run_release_checks(article) if findings is None else findings
    return [finding for finding in findings if not finding.is_error]


def warning_text(finding):
    return f"{finding.location.label}: {finding.message}"


def unacknowledged_warnings(article, acknowledged_codes):
    """WARNING findings not yet acknowledged by the clearing release authority.

    `acknowledged_codes` holds finding keys (`Finding.key`, e.g. "watch-list:3f0c…": that one
    finding) or check codes ("long-sentence": every finding of that check).
    """
    return not_acknowledged(release_check_warnings(article), acknowledged_codes)


def not_acknowledged(warnings, acknowledged_codes):
    """Those of `warnings` (findings already run) that `acknowledged_codes` does not cover."""
    acknowledged = set(acknowledged_codes)
    return [
        finding
        for finding in warnings
        if finding.key not in acknowledged and finding.code not in acknowledged
    ]


@transaction.atomic
def refresh_release_checks(*, article, findings=None):
    """Run every check on `article` and store the results in its ReleaseCheckReport.
    `findings`: run_release_checks(article) when the caller has it already."""
    document = load_release_document(article)
    findings = findings_for(document) if findings is None else findings
    errors = sum(1 for finding in findings if finding.is_error)
    report, _created = ReleaseCheckReport.objects.update_or_create(
        article=article,
        defaults={
            "error_count": errors,
            "warning_count": len(findings) - errors,
            "findings": [finding.as_dict() for finding in findings],
            "reading_grade": (
                reading_grade(line.text for line in document.prose_lines())
                if document.size() <= MAX_CHECKED_CHARACTERS
                else None
            ),
            "checked_at": timezone.now(),
        },
    )
    return report
