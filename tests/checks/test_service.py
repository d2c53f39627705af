import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.checks import (
    blocking_findings,
    refresh_release_checks,
    run_release_checks,
    unacknowledged_warnings,
)
from articles.models import ReleaseCheckReport, WatchTerm
from articles.workflow.gates import blocking_problems
from tests.checks.helpers import add_rich_text, draft, paragraphs
from tests.factories import add_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def flawed():
    """A release with two errors and two warnings."""
    WatchTerm.objects.create(term="Fort Sherman", reason="unit location")
    article = draft(dateline="")
    add_rich_text(
        article,
        paragraphs("Troops arrive on [insert date] at Fort Sherman.", "Data sharing.This helps."),
    )
    return article


def test_findings_list_errors_first_then_warnings_each_in_reading_order(flawed):
    assert [(f.severity, f.code, f.location.label) for f in run_release_checks(flawed)] == [
        ("error", "required-field", "Dateline"),
        ("error", "placeholder", "Block 1 (rich text), line 1"),
        ("warning", "watch-list", "Block 1 (rich text), line 1"),
        ("warning", "missing-space", "Block 1 (rich text), line 2"),
    ]


def test_blocking_findings_are_the_errors_and_the_gate_words_them_for_people(flawed):
    assert [f.code for f in blocking_findings(flawed)] == ["required-field", "placeholder"]
    dateline, placeholder = blocking_problems(flawed)
    assert (dateline.field, dateline.message[:14]) == ("dateline", "Add a dateline")
    assert placeholder.field == ""
    assert placeholder.message.startswith(
        "Block 1 (rich text), line 1: “[insert date]” is a placeholder"
    )


def test_a_clean_release_passes_the_gate():
    article = draft()
    add_rich_text(article, paragraphs("The course ended on Friday."))
    assert blocking_problems(article) == []


def test_warnings_are_acknowledged_one_by_one_by_key_or_all_of_a_check_by_code(flawed):
    warnings = unacknowledged_warnings(flawed, [])
    assert [w.code for w in warnings] == ["watch-list", "missing-space"]
    watch_key = warnings[0].key
    assert watch_key.startswith("watch-list:")
    assert [w.code for w in unacknowledged_warnings(flawed, [watch_key])] == ["missing-space"]
    assert unacknowledged_warnings(flawed, [watch_key, "missing-space"]) == []


def test_an_acknowledgement_survives_moving_the_text_but_not_a_new_term(flawed):
    (watch,) = [w for w in unacknowledged_warnings(flawed, []) if w.code == "watch-list"]
    add_rich_text(flawed, paragraphs("Fort Sherman again, further down."))
    WatchTerm.objects.create(term="Operation Green Shield")
    add_rich_text(flawed, paragraphs("Operation Green Shield starts."))
    left = unacknowledged_warnings(flawed, [watch.key])
    assert [w.subject for w in left if w.code == "watch-list"] == ["Operation Green Shield"]


def test_refreshing_stores_counts_findings_grade_and_time(flawed):
    report = refresh_release_checks(article=flawed)
    stored = ReleaseCheckReport.objects.get(article=flawed)
    assert (stored.error_count, stored.warning_count) == (2, 2)
    assert stored.findings[1] == {
        "code": "placeholder",
        "key": report.findings[1]["key"],
        "severity": "error",
        "title": "Placeholder not filled in",
        "location": "Block 1 (rich text), line 1",
        "field": "",
        "block": 1,
        "line": 1,
        "message": "“[insert date]” is a placeholder that was never filled in. Replace it with "
        "the real text, or delete it.",
    }
    assert stored.reading_grade is not None
    assert stored.checked_at is not None
    # Fixing the release and refreshing again updates the same report.
    flawed.dateline = "COLÓN, Panama"
    flawed.save()
    refresh_release_checks(article=flawed)
    assert ReleaseCheckReport.objects.get(article=flawed).error_count == 1


def test_running_every_check_costs_the_same_queries_for_many_blocks_as_for_few():
    few, many = draft(), draft()
    add_blocks(few, 4)
    add_blocks(many, 24)

    def queries(article):
        with CaptureQueriesContext(connection) as captured:
            run_release_checks(article)
        return len(captured)

    assert queries(few) == queries(many)
