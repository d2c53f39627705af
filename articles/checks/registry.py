"""The one place release checks are registered, and the values they produce.

A check is a plain function that takes a ReleaseDocument and yields Flags. It is registered with
@release_check, which gives it a code, a severity and a title; every module in
articles/checks/rules/ is imported once, so adding a check means adding one small module there.
"""

import hashlib
import importlib
import itertools
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    # An error blocks clearance and publishing; a warning must be acknowledged by the release
    # authority who clears the release.
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")


@dataclass(frozen=True)
class Location:
    """Where a finding is: a field of the release, or a block and a line of its text."""

    label: str
    field: str = ""
    block: int | None = None
    line: int | None = None
    # Sorts findings in reading order: the release's fields first, then blocks top to bottom.
    order: tuple = ()


@dataclass(frozen=True)
class Flag:
    """What a check yields: where the problem is and a message that says how to fix it."""

    location: Location
    message: str
    # The offending text (a placeholder, a term, a sentence): with the check's code it makes
    # the finding's key, so an acknowledged warning stays acknowledged when blocks move.
    subject: str = ""


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    title: str
    location: Location
    message: str
    subject: str = ""

    @property
    def key(self):
        """Stable identity of this finding: the check's code and a digest of its subject."""
        digest = hashlib.sha1(
            (self.subject or self.location.label).casefold().encode(), usedforsecurity=False
        ).hexdigest()[:12]
        return f"{self.code}:{digest}"

    @property
    def is_error(self):
        return self.severity == Severity.ERROR

    def as_dict(self):
        return {
            "code": self.code,
            "key": self.key,
            "severity": str(self.severity),
            "title": str(self.title),
            "location": self.location.label,
            "field": self.location.field,
            "block": self.location.block,
            "line": self.location.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    title: str
    function: Callable[..., Iterable[Flag]] = field(repr=False)

    def run(self, document):
        flags = list(itertools.islice(self.function(document), MAX_FINDINGS_PER_CHECK + 1))
        findings = [self._finding(flag.location, flag.message, flag.subject) for flag in flags]
        if len(findings) > MAX_FINDINGS_PER_CHECK:
            # A pasted web page can hold thousands of the same defect; a list that long helps
            # nobody, and fixing the first ones usually fixes the pattern.
            del findings[MAX_FINDINGS_PER_CHECK:]
            findings[-1] = self._finding(
                findings[-1].location,
                gettext(
                    "More findings of this kind follow (“%(title)s”). Fix the ones above and "
                    "save to see the rest."
                )
                % {"title": self.title},
                "more",
            )
        return findings

    def _finding(self, location, message, subject):
        return Finding(
            code=self.code,
            severity=self.severity,
            title=str(self.title),
            location=location,
            message=str(message),
            subject=subject,
        )


# A check reports at most this many findings, the last saying that more follow.
MAX_FINDINGS_PER_CHECK = 50

CHECKS: dict[str, Check] = {}


def release_check(code, *, severity, title):
    """Register the decorated function as the release check `code`."""

    def register(function):
        if code in CHECKS:
            raise ImproperlyConfigured(f"Two release checks use the code {code!r}.")
        CHECKS[code] = Check(code=code, severity=Severity(severity), title=title, function=function)
        return function

    return register


_RULES_PACKAGE = "articles.checks.rules"


def registered_checks():
    """Every registered check, after importing each module of articles/checks/rules/."""
    rules = importlib.import_module(_RULES_PACKAGE)
    for module in pkgutil.iter_modules(rules.__path__):
        importlib.import_module(f"{_RULES_PACKAGE}.{module.name}")
    return list(CHECKS.values())
