import pytest
from django.core.exceptions import ImproperlyConfigured

from articles.checks import Flag, Location, Severity, registered_checks, registry, release_check
from tests.checks.helpers import draft, findings

pytestmark = pytest.mark.django_db

ERRORS = {
    "required-field",
    "placeholder",
    "markup",
    "empty-block",
    "incomplete-quote",
    "image-alt-text",
    "release-link",
    "table-first-column",
}
WARNINGS = {
    "abbreviation",
    "speaker-identification",
    "long-sentence",
    "watch-list",
    "duplicate-headline",
    "missing-space",
    "typed-bullet",
    "people-in-prose",
    "translation-out-of-step",
}


def test_every_rules_module_is_registered_with_its_severity():
    checks = {check.code: check.severity for check in registered_checks()}
    assert checks == dict.fromkeys(ERRORS, Severity.ERROR) | dict.fromkeys(
        WARNINGS, Severity.WARNING
    )


def test_a_new_check_is_one_decorated_function(monkeypatch):
    monkeypatch.setattr(registry, "CHECKS", dict(registry.CHECKS))

    @release_check("shouting-headline", severity=Severity.WARNING, title="Shouting headline")
    def shouting(document):
        if document.headline.isupper():
            yield Flag(Location("Headline", field="headline"), "Write it in sentence case.")

    (finding,) = findings(draft(headline="ALL CAPS"), "shouting-headline")
    assert (finding.severity, finding.title, finding.message) == (
        Severity.WARNING,
        "Shouting headline",
        "Write it in sentence case.",
    )
    assert findings(draft(headline="Calm"), "shouting-headline") == []


def test_two_checks_cannot_share_a_code(monkeypatch):
    monkeypatch.setattr(registry, "CHECKS", dict(registry.CHECKS))
    with pytest.raises(ImproperlyConfigured, match="placeholder"):
        release_check("placeholder", severity=Severity.ERROR, title="Again")(lambda doc: [])


def test_a_check_reports_at_most_fifty_findings_and_says_more_follow(monkeypatch):
    monkeypatch.setattr(registry, "CHECKS", dict(registry.CHECKS))

    @release_check("noisy", severity=Severity.ERROR, title="Noisy")
    def noisy(document):
        for line in range(1, 500):
            yield Flag(Location(f"Line {line}", line=line), f"Problem {line}.")

    found = findings(draft(), "noisy")
    assert len(found) == registry.MAX_FINDINGS_PER_CHECK == 50
    assert [f.message for f in found[-2:]] == [
        "Problem 49.",
        "More findings of this kind follow (“Noisy”). Fix the ones above and save to see the rest.",
    ]
    assert found[-1].location.label == "Line 50"
