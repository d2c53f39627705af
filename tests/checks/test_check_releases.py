import datetime
import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connections
from django.utils import timezone

from articles.models import ArticleStatus, ReleaseCheckReport
from tests.checks.helpers import add_rich_text, draft, paragraphs
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("check_releases", *args, stdout=out, no_color=True)
    return out.getvalue()


def run_failing(*args):
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_releases", *args, stdout=out, no_color=True)
    return out.getvalue(), raised.value


def test_a_release_with_an_error_is_reported_and_the_command_fails():
    article = draft(headline="Troops arrive in Colón")
    add_rich_text(article, paragraphs("Intro.", "They arrive on [insert date]. Data sharing.This"))
    output, error = run_failing(str(article.pk))
    assert error.returncode == 1
    assert f"#{article.pk} Troops arrive in Colón [Draft]" in output
    assert (
        "  ERROR    Block 1 (rich text), line 2: “[insert date]” is a placeholder that was never "
        "filled in." in output
    )
    assert "  WARNING  Block 1 (rich text), line 2: “sharing.This” needs a space" in output
    assert "Reading grade (Flesch–Kincaid):" in output
    summary = "1 release checked: 1 error and 1 warning; 1 release cannot be cleared or published."
    assert summary in output
    assert ReleaseCheckReport.objects.get(article=article).error_count == 1


def test_warnings_alone_do_not_fail_the_command():
    article = draft()
    add_rich_text(article, paragraphs("Data sharing.This helps."))
    output = run(str(article.pk))
    assert "WARNING" in output
    assert "0 releases cannot be cleared or published" in output


def test_the_exit_status_of_manage_py_is_1_on_errors_and_0_otherwise(capsys, monkeypatch):
    # manage.py closes every database connection on its way out; here that would close the
    # test's own transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    flawed, clean = draft(dateline=""), draft()
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "check_releases", str(flawed.pk)])
    assert exited.value.code == 1
    assert "Release checks found errors." in capsys.readouterr().err
    # A command that returns normally exits with status 0.
    execute_from_command_line(["manage.py", "check_releases", str(clean.pk)])
    assert "No findings." in capsys.readouterr().out


def test_without_arguments_it_checks_what_readers_cannot_see_yet():
    now = timezone.now()
    waiting = [
        draft(headline="A draft"),
        ArticleFactory(headline="In review", status=ArticleStatus.IN_REVIEW),
        ArticleFactory(headline="Cleared", status=ArticleStatus.CLEARED),
        ArticleFactory(headline="Scheduled", release_at=now + datetime.timedelta(days=1)),
    ]
    done = [
        ArticleFactory(headline="Public"),
        ArticleFactory(headline="Withdrawn", status=ArticleStatus.WITHDRAWN),
    ]
    output = run()
    for article in waiting:
        assert f"#{article.pk} {article.headline} [" in output
    for article in done:
        assert f"#{article.pk} " not in output
    assert "4 releases checked" in output
    everything = run("--all")
    assert "6 releases checked" in everything


def test_unknown_ids_and_ids_with_all_are_refused():
    article = draft()
    with pytest.raises(CommandError, match=r"No releases with IDs 998, 999\."):
        run(str(article.pk), "998", "999")
    with pytest.raises(CommandError, match="not both"):
        run("--all", str(article.pk))
