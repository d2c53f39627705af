"""Release checks: named functions that find what must not go out in a release.

Each check lives in its own module under rules/ and registers itself with @release_check (see
registry.py). The workflow's gates call blocking_findings(); clearing a release needs every
release_check_warnings() finding acknowledged (unacknowledged_warnings()); the admin and
`manage.py check_releases` call refresh_release_checks().
See docs/release-checks.md.
"""

from .document import ReleaseDocument, load_release_document
from .registry import Finding, Flag, Location, Severity, registered_checks, release_check
from .service import (
    blocking_findings,
    not_acknowledged,
    refresh_release_checks,
    release_check_warnings,
    run_release_checks,
    unacknowledged_warnings,
    warning_text,
)

__all__ = [
    "Finding",
    "Flag",
    "Location",
    "ReleaseDocument",
    "Severity",
    "blocking_findings",
    "load_release_document",
    "not_acknowledged",
    "refresh_release_checks",
    "registered_checks",
    "release_check",
    "release_check_warnings",
    "run_release_checks",
    "unacknowledged_warnings",
    "warning_text",
]
