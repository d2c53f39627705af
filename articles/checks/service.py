"""Running the release checks, storing their results, and what the workflow asks of them."""

from django.db import transaction
from django.utils import timezone

from articles.models import ReleaseCheckReport

from .document import load_release_document
from .readability import reading_grade
from .registry import Severity, registered_checks

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1}


def _sorted(findings):
    """Errors first, then warnings; each in reading order."""
    return sorted(
        findings, key=lambda finding: (_SEVERITY_ORDER[finding.severity], finding.location.order)
    )


def findings_for(document):
    """Every registered check's findings for a loaded ReleaseDocument."""
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
            "reading_grade": reading_grade(line.text for line in document.prose_lines()),
            "checked_at": timezone.now(),
        },
    )
    return report
