"""Alerts: one message per publication event and subscriber, never twice, never before the
release is public, spread at the configured rate; corrections and withdrawals as notices;
counts on the release's admin page."""

import datetime
import logging

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from articles.models import (
    InitiativeTable,
    InitiativeTableRow,
    NotificationPreference,
    PersonRole,
    Quote,
    RichText,
)
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from distribution import events, services, tasks
from distribution.models import (
    Delivery,
    DeliveryStatus,
    EventKind,
    PublicationEvent,
    ReleaseScan,
    Subscriber,
    Subscription,
)
from distribution.tasks import announce_due_releases, fan_out, send_alerts, tell_staff_went_live
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    release_in_state,
)
from tests.smtp_server import Inbox, running_smtp_server

pytestmark = pytest.mark.django_db


def subscriber(email, **facet):
    row = Subscriber.objects.create(email=email, language="en", confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=row, confirmed_at=timezone.now(), **facet)
    return row


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def recipients(mailoutbox, subject):
    return sorted(message.to[0] for message in mailoutbox if message.subject == subject)


def test_publishing_now_alerts_each_matching_subscriber_once(authority, mailoutbox, on_commit):
    unit = OrganizationFactory(name="Joint Task Force Bravo")
    subscriber("all@example.org")
    subscriber("unit@example.org", organization=unit)
    subscriber("statements@example.org", kind="statement")
    Subscriber.objects.create(email="unconfirmed@example.org", language="en")
    release = release_in_state("cleared", kind="press-release")
    release.organizations.add(unit)

    with on_commit():
        transitions.publish(article=release, user=authority)

    assert recipients(mailoutbox, release.headline) == ["all@example.org", "unit@example.org"]
    event = PublicationEvent.objects.get()
    assert event.kind == EventKind.PUBLISHED and event.fanned_out_at is not None
    # A second run of the same event (a redelivered task) sends nothing more.
    fan_out(event_id=event.pk)
    assert len(mailoutbox) == 2
    with pytest.raises(IntegrityError):
        Delivery.objects.create(
            event=event, subscriber=Subscriber.objects.get(email="all@example.org")
        )


def test_a_scheduled_release_is_announced_once_after_its_time_with_no_save(mailoutbox, on_commit):
    subscriber("desk@example.org")
    ReleaseScan.objects.update(checked_until=timezone.now())
    release = release_in_state("scheduled")  # tomorrow
    with on_commit():
        announce_due_releases()
    assert not mailoutbox  # embargoed: not before its time
    with time_machine.travel(release.release_at + datetime.timedelta(seconds=5)):
        with on_commit():
            announce_due_releases()
        with on_commit():
            announce_due_releases()
    assert recipients(mailoutbox, release.headline) == ["desk@example.org"]
    assert PublicationEvent.objects.filter(kind=EventKind.PUBLISHED).count() == 1


def test_the_staff_of_a_scheduled_release_are_told_once_when_it_goes_live(
    writer, editor, authority, mailoutbox, on_commit
):
    NotificationPreference.objects.create(user=editor, workflow_email=False)
    release = release_in_state("draft", created_by=writer, headline="Ferry returns to Isla Verde")
    transitions.submit_for_review(article=release, user=writer)
    transitions.return_to_draft(article=release, user=editor, comment="Name the captain.")
    transitions.submit_for_review(article=release, user=writer)
    transitions.clear(article=release, user=authority, checklist=clearance_checklist())
    release_at = timezone.now() + datetime.timedelta(hours=2)
    transitions.publish(article=release, user=authority, at=release_at)
    ReleaseScan.objects.update(checked_until=timezone.now())
    mailoutbox.clear()

    subject = "[Newsroom] Now live: Ferry returns to Isla Verde"
    with time_machine.travel(release_at + datetime.timedelta(seconds=5)):
        with on_commit():
            announce_due_releases()
        with on_commit():
            announce_due_releases()
    assert recipients(mailoutbox, subject) == ["authority@example.mil", "writer@example.mil"]
    assert "This scheduled release went public on" in mailoutbox[0].body
    event = PublicationEvent.objects.get()
    assert event.staff_notice == DeliveryStatus.SENT
    # A redelivered task, or the fan-out run again, sends nothing more.
    tell_staff_went_live(event_id=event.pk)
    fan_out(event_id=event.pk)
    assert len(recipients(mailoutbox, subject)) == 2


class TryAgainLater(Inbox):
    """A mail server that answers "try again later" to the messages numbered in `refusing`
    (from 1, in the order they arrive) and takes the others."""

    def __init__(self, refusing):
        super().__init__()
        self.refusing, self.received = refusing, 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.received in self.refusing:
            return "451 4.3.0 Try again later"
        return await super().handle_DATA(server, session, envelope)


def went_live(release):
    """The publication event of `release`, its staff's "now live" e-mail still to send."""
    event, _created = PublicationEvent.objects.get_or_create(
        article=release, kind=EventKind.PUBLISHED, defaults={"key": f"published:{release.pk}"}
    )
    PublicationEvent.objects.filter(pk=event.pk).update(staff_notice=DeliveryStatus.PENDING)
    return event


def test_a_now_live_e_mail_the_mail_server_refuses_is_retried_then_failed_and_logged(
    writer, settings, caplog, retries_run
):
    release = release_in_state("published", created_by=writer)
    event = went_live(release)
    inbox = TryAgainLater(refusing=range(1, 100))
    server = running_smtp_server(settings, inbox)
    try:
        with caplog.at_level(logging.ERROR):
            tell_staff_went_live.apply(kwargs={"event_id": event.pk})
    finally:
        server.stop()
    event.refresh_from_db()
    assert event.staff_notice == DeliveryStatus.FAILED
    assert inbox.received == tasks.MAX_ATTEMPTS + 1
    assert any("now-live e-mail" in record.getMessage() for record in caplog.records)


def test_a_now_live_e_mail_cut_short_mails_only_the_staff_not_yet_mailed_on_retry(
    writer, editor, authority, settings, retries_run
):
    release = release_in_state("draft", created_by=writer)
    transitions.submit_for_review(article=release, user=writer)
    transitions.return_to_draft(article=release, user=editor, comment="Name the captain.")
    transitions.submit_for_review(article=release, user=writer)
    transitions.clear(article=release, user=authority, checklist=clearance_checklist())
    transitions.publish(article=release, user=authority)
    event = went_live(release)
    inbox = TryAgainLater(refusing={2})
    server = running_smtp_server(settings, inbox)
    try:
        tell_staff_went_live.apply(kwargs={"event_id": event.pk})
    finally:
        server.stop()
    event.refresh_from_db()
    assert event.staff_notice == DeliveryStatus.SENT
    assert inbox.addressees() == [
        "authority@example.mil",
        "editor@example.mil",
        "writer@example.mil",
    ]


def test_publishing_now_sends_no_now_live_e_mail(writer, authority, mailoutbox, on_commit):
    release = release_in_state("cleared", created_by=writer)
    with on_commit():
        transitions.publish(article=release, user=authority)
    assert [message.subject for message in mailoutbox] == [
        f"[Newsroom] Published: {release.headline}"
    ]
    assert PublicationEvent.objects.get().staff_notice == ""


def test_releases_public_before_alerts_existed_are_never_announced(mailoutbox, on_commit):
    subscriber("desk@example.org")
    ReleaseScan.objects.all().delete()
    ArticleFactory()  # published yesterday
    with on_commit():
        announce_due_releases()  # the first scan only marks where it starts
        announce_due_releases()
    assert not mailoutbox and not PublicationEvent.objects.exists()


def test_alerts_are_not_sent_once_the_release_is_no_longer_public(mailoutbox):
    subscriber("desk@example.org")
    release = ArticleFactory()
    event = PublicationEvent.objects.create(
        key="published:x", article=release, kind=EventKind.PUBLISHED
    )
    services.create_deliveries(event)
    release.release_at = timezone.now() + datetime.timedelta(days=1)  # back under embargo
    release.save()
    send_alerts(event_id=event.pk, delivery_ids=list(event.deliveries.values_list("pk", flat=True)))
    assert not mailoutbox
    assert event.deliveries.get().status == DeliveryStatus.SKIPPED


def test_the_alert_carries_the_release_text_with_quotes_and_tables(
    authority, mailoutbox, on_commit
):
    subscriber("desk@example.org")
    release = release_in_state("cleared", headline="Medics train with partners in Colón")
    RichText.objects.create(
        parent=release, region="body", ordering=10, text="<p>Forty medics <b>trained</b>.</p>"
    )
    Quote.objects.create(
        parent=release,
        region="body",
        ordering=20,
        speaker=PersonFactory(given_name="Ines", family_name="Marrow"),
        text="Every medic here can now run a triage line",
    )
    table = InitiativeTable.objects.create(
        parent=release, region="body", ordering=30, caption="Courses", headings=["Course", "Days"]
    )
    InitiativeTableRow.objects.create(
        table=table, initiative=InitiativeFactory(name="Field Care Course"), cells=["Five"]
    )
    with on_commit():
        transitions.publish(article=release, user=authority)
    message = mailoutbox[0]
    html = message.alternatives[0][0]
    assert "<blockquote><p>“Every medic here can now run a triage line”</p></blockquote>" in html
    assert "<table" in html and "Field Care Course" in html
    assert '<html lang="en">' in html
    assert "Every medic here can now run a triage line" in message.body
    assert "Field Care Course" in message.body and "Marrow" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "<img" not in html.split("</main>")[1]  # no tracking pixel


def test_an_alert_prints_a_spanish_release_as_it_was_written(authority, mailoutbox, on_commit):
    subscriber("desk@example.org")  # messages in English
    release = release_in_state(
        "cleared",
        headline="Médicos atienden a pacientes en Metetí",
        language="es",
    )
    speaker = PersonFactory(service="U.S. Air Force", rank="Maj.", given_name="Elliot")
    PersonRole.objects.create(
        person=speaker,
        service="U.S. Air Force",
        rank="Capt.",
        title_en="a family physician",
        title_es="médico de familia",
        # Promoted tomorrow: a release published today prints the earlier rank and title.
        held_until=timezone.localdate() + datetime.timedelta(days=1),
    )
    Quote.objects.create(
        parent=release, region="body", ordering=10, speaker=speaker, text="Volveremos en marzo"
    )
    with on_commit():
        transitions.publish(article=release, user=authority)
    html = mailoutbox[0].alternatives[0][0]
    assert '<html lang="en">' in html
    assert '<h1 lang="es">Médicos atienden a pacientes en Metetí</h1>' in html
    assert '<div lang="es">' in html
    assert (
        f"Capitán de la Fuerza Aérea de EE. UU. Elliot {speaker.family_name}, médico de familia"
        in html
    )


def test_a_correction_and_a_withdrawal_are_sent_as_notices(
    authority, editor, mailoutbox, on_commit
):
    reader = subscriber("desk@example.org")
    release = release_in_state("cleared", headline="Bridge opens at Camp Alder")
    with on_commit():
        transitions.publish(article=release, user=authority)
    subscriber("late@example.org")  # subscribed after the release went out
    with on_commit():
        transitions.correct(article=release, user=editor, note="The bridge is 40 m long, not 14 m.")
    correction = [m for m in mailoutbox if m.subject == "Correction: Bridge opens at Camp Alder"]
    assert sorted(m.to[0] for m in correction) == ["desk@example.org", "late@example.org"]
    assert "The bridge is 40 m long, not 14 m." in correction[0].body

    Subscriber.objects.filter(email="late@example.org").delete()
    subscriber("later@example.org")
    with on_commit():
        transitions.withdraw(article=release, user=authority, reason="Issued in error.")
    notices = [m for m in mailoutbox if m.subject == "Withdrawn: Bridge opens at Camp Alder"]
    # Only those who were sent the release hear of its withdrawal.
    assert [m.to[0] for m in notices] == [reader.email]
    assert "Issued in error." in notices[0].body
    assert PublicationEvent.objects.filter(article=release).count() == 3


def test_sends_are_spread_to_the_configured_rate(settings):
    settings.DISTRIBUTION_BATCH_SIZE = 50
    settings.DISTRIBUTION_SEND_RATE_PER_MINUTE = 600
    schedule = services.batch_schedule(160)
    assert schedule == [(0, 0), (50, 5), (100, 10), (150, 15)]


def test_events_are_recorded_once_whatever_the_path():
    release = ArticleFactory()
    first = events.record_event(article=release, kind=EventKind.PUBLISHED)
    again = events.record_event(article=release, kind=EventKind.PUBLISHED)
    assert first is not None and again is None
    assert PublicationEvent.objects.count() == 1


def test_editors_see_the_delivery_counts_on_the_release(
    client, authority, editor, mailoutbox, on_commit
):
    from tests.signing_in import sign_in

    subscriber("one@example.org")
    subscriber("two@example.org")
    release = release_in_state("cleared")
    with on_commit():
        transitions.publish(article=release, user=authority)
    Delivery.objects.filter(subscriber__email="two@example.org").update(
        status=DeliveryStatus.FAILED
    )
    page = sign_in(client, editor).get(f"/admin/articles/article/{release.pk}/change/")
    content = page.content.decode()
    assert "E-mail alerts and webhooks" in content
    row = content.split('id="release-deliveries"')[1].split("</tr>")[1]
    assert "<td>Published</td>" in row
    assert "<td>1</td><td>0</td><td>1</td>" in row


def test_the_deploy_check_warns_about_a_local_address_no_broker_and_no_smtp(settings):
    from distribution.checks import distribution_settings

    settings.NEWSROOM_SITE_URL = "http://127.0.0.1:8000"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert {problem.id for problem in distribution_settings(None)} == {
        "distribution.W001",
        "distribution.W002",
        "distribution.W003",
    }
    settings.NEWSROOM_SITE_URL = "https://news.example.mil"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.EMAIL_HOST = "smtp.example.mil"
    assert distribution_settings(None) == []
