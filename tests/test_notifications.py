"""Workflow e-mails to staff, delivered to a real SMTP server on loopback: who hears about
each step, what they read, the opt-out, and that a refusing mail server never fails the step."""

import datetime
import logging
import zoneinfo

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import NotificationPreference, WorkflowAction
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from tests.factories import UserFactory, release_in_state
from tests.smtp_server import Inbox, running_smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(settings):
    inbox = Inbox()
    controller = running_smtp_server(settings, inbox)
    yield inbox
    controller.stop()


@pytest.fixture
def desk(writer, editor, authority, site_admin):
    """A writer, an editor, two release authorities and a site administrator."""
    second_authority = UserFactory(username="authority2", roles=["Release authority"])
    return {
        "writer": writer,
        "editor": editor,
        "authority": authority,
        "authority2": second_authority,
        "site_admin": site_admin,
    }


def test_submitting_tells_the_reviewers_not_the_writer(
    inbox, desk, django_capture_on_commit_callbacks
):
    article = release_in_state("draft", created_by=desk["writer"], headline="Clinic opens")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.submit_for_review(
            article=article, user=desk["writer"], comment="Photos follow."
        )
    assert inbox.addressees() == [
        "authority2@example.mil",
        "authority@example.mil",
        "editor@example.mil",
    ]
    message = inbox.to("editor@example.mil")[0]
    assert message["Subject"] == "[Newsroom] Submitted for review: Clinic opens"
    body = message.get_content()
    assert "Officer" in body and "submitted this release for review" in body
    assert "Photos follow." in body
    assert f"/admin/articles/article/{article.pk}/change/" in body


def test_returning_sends_the_comment_to_the_writer(inbox, desk, django_capture_on_commit_callbacks):
    article = release_in_state("draft", created_by=desk["writer"])
    transitions.submit_for_review(article=article, user=desk["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        transitions.return_to_draft(
            article=article, user=desk["editor"], comment="Spell out JTF-B on first use."
        )
    assert inbox.addressees() == ["writer@example.mil"]
    assert "Spell out JTF-B on first use." in inbox.messages[0].get_content()


def test_clearing_tells_the_writer_and_those_who_publish(
    inbox, desk, django_capture_on_commit_callbacks
):
    article = release_in_state("in-review", created_by=desk["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        transitions.clear(article=article, user=desk["authority"], checklist=clearance_checklist())
    # The clearing authority is not told about their own clearance; the other one may publish.
    assert inbox.addressees() == ["authority2@example.mil", "writer@example.mil"]
    assert "cleared this release" in inbox.messages[0].get_content()


def test_scheduling_tells_everyone_involved_with_the_time_in_the_office_zone(
    inbox, desk, settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "America/Panama"
    article = release_in_state("draft", created_by=desk["writer"])
    transitions.submit_for_review(article=article, user=desk["writer"])
    transitions.clear(article=article, user=desk["authority"], checklist=clearance_checklist())
    at = (timezone.now() + datetime.timedelta(days=3)).astimezone(
        zoneinfo.ZoneInfo("America/Panama")
    )
    at = at.replace(hour=16, minute=0, second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.publish(article=article, user=desk["authority2"], at=at)
    assert inbox.addressees() == ["authority@example.mil", "writer@example.mil"]
    body = inbox.messages[0].get_content()
    assert "scheduled this release" in body
    assert "4:00 p.m. EST" in body


def test_a_correction_tells_everyone_involved(inbox, desk, django_capture_on_commit_callbacks):
    article = release_in_state("draft", created_by=desk["writer"])
    transitions.submit_for_review(article=article, user=desk["writer"])
    transitions.clear(article=article, user=desk["authority"], checklist=clearance_checklist())
    transitions.publish(article=article, user=desk["authority"])
    with django_capture_on_commit_callbacks(execute=True):
        transitions.correct(article=article, user=desk["editor"], note="Corrects the date.")
    assert inbox.addressees() == ["authority@example.mil", "writer@example.mil"]
    assert "Corrects the date." in inbox.messages[0].get_content()


def test_an_officer_who_opted_out_gets_no_email(inbox, desk, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=desk["writer"], workflow_email=False)
    article = release_in_state("in-review", created_by=desk["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        transitions.return_to_draft(article=article, user=desk["editor"], comment="Shorter.")
    assert inbox.messages == []


def test_officers_switch_the_emails_off_and_on_themselves(inbox, desk, client_for):
    client = client_for(desk["writer"])
    url = reverse("admin:notification_preference")
    assert "writer@example.mil" in client.get(url).content.decode()
    client.post(url, {})
    assert NotificationPreference.objects.get(user=desk["writer"]).workflow_email is False
    client.post(url, {"workflow_email": "on"})
    assert NotificationPreference.objects.get(user=desk["writer"]).workflow_email is True


def test_nothing_is_sent_for_a_step_that_was_rolled_back(
    inbox, desk, django_capture_on_commit_callbacks
):
    article = release_in_state("draft", created_by=desk["writer"])
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        transitions.submit_for_review(article=article, user=desk["writer"])
        raise RuntimeError("something after the submission failed")
    assert callbacks == []
    assert inbox.messages == []


def test_a_refusing_mail_server_is_logged_and_the_step_still_succeeds(
    settings, desk, client_for, caplog, django_capture_on_commit_callbacks
):
    refusing = Inbox(refuse=True)
    controller = running_smtp_server(settings, refusing)
    try:
        article = release_in_state("in-review", created_by=desk["writer"])
        client = client_for(desk["editor"])
        url = reverse("admin:articles_article_transition", args=[article.pk, "return"])
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"comment": "Add the unit's full name."}, follow=True)
    finally:
        controller.stop()
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Returned to draft. The writer sees your comment on the release."]
    article.refresh_from_db()
    assert article.status == "draft"
    assert article.state_changes.first().action == WorkflowAction.RETURNED
    assert "Workflow e-mail not sent" in caplog.text
    assert "Relaying denied" in caplog.text
