"""The lifecycle of a release as service functions (the diagram is in docs/workflow.md):
draft → in review → cleared → published now or scheduled → corrected → withdrawn, and back to
draft with a comment from review or clearance.

Each one locks the release row, checks the user's permission and the release's state
(articles.workflow.rules), validates, saves a revision and writes the audit log.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.checks import (
    not_acknowledged,
    release_check_warnings,
    run_release_checks,
    warning_text,
)
from articles.images.archives import schedule_photo_archive
from articles.models import (
    Article,
    ArticleStatus,
    Clearance,
    Correction,
    Image,
    ImageBlock,
    StateChange,
    WorkflowAction,
)
from articles.notifications import notify
from articles.revisions import revision_prefetches, snapshot_of_article

from .gates import blocking_problems, clearance_checklist
from .rules import Action, ensure_allowed


def locked(article):
    """The release as stored now, its row locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article.pk)


def move(article, *, user, action, to_status, comment="", release_at=None):
    """Change the status (and release time), keep a revision, and log who did it."""
    from_status = article.status
    article.status = to_status
    if release_at is not None:
        article.release_at = release_at
    article.full_clean()
    prefetch_related_objects([article], *revision_prefetches())
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment(str(WorkflowAction(action).label))
    log(article, user=user, action=action, from_status=from_status, comment=comment)
    return article


def log(article, *, user, action, from_status=None, comment=""):
    """Write one audit-log line for `article`, which is in its new state already."""
    return StateChange.objects.create(
        article=article,
        action=action,
        from_status=from_status or article.status,
        to_status=article.status,
        user=user,
        comment=comment,
        release_at=article.release_at
        if action in (WorkflowAction.PUBLISHED, WorkflowAction.SCHEDULED)
        else None,
    )


def _required_text(value, field, message):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def ensure_shown_version(article, shown_version):
    """Refuse to sign for a release that changed after the page the user read was made.

    `shown_version` is the edit version the clear or publish page showed; None when the caller
    shows no page (a script), which then signs for the release as stored.
    """
    if shown_version is not None and int(shown_version) != article.edit_version:
        raise ValidationError(
            {
                "shown_version": _(
                    "The release changed after this page was opened, so what you read is not "
                    "what would go out. Read the changes below, then confirm again."
                )
            },
            code="stale",
        )


def _ensure_no_blocking_problems(article, *, findings=None):
    problems = blocking_problems(article, findings=findings)
    if problems:
        raise ValidationError([problem.message for problem in problems], code="blocked")


@transaction.atomic
def submit_for_review(*, article, user, comment=""):
    article = locked(article)
    ensure_allowed(user, Action.SUBMIT, article)
    notify(event=WorkflowAction.SUBMITTED, article=article, actor=user, comment=comment.strip())
    return move(
        article,
        user=user,
        action=WorkflowAction.SUBMITTED,
        to_status=ArticleStatus.IN_REVIEW,
        comment=comment.strip(),
    )


@transaction.atomic
def return_to_draft(*, article, user, comment):
    article = locked(article)
    ensure_allowed(user, Action.RETURN, article)
    comment = _required_text(
        comment, "comment", _("Tell the writer what to change: the comment is required.")
    )
    # Links shared under this clearance end for good: a new clearance needs new links.
    article.embargo_links.open_at_return().update(revoked_at=timezone.now(), revoked_by=user)
    notify(event=WorkflowAction.RETURNED, article=article, actor=user, comment=comment)
    return move(
        article,
        user=user,
        action=WorkflowAction.RETURNED,
        to_status=ArticleStatus.DRAFT,
        comment=comment,
    )


@transaction.atomic
def clear(
    *,
    article,
    user,
    checklist,
    acknowledged_warnings=(),
    comment="",
    findings=None,
    shown_version=None,
):
    """Clear a release in review; `checklist` lists the items the user confirmed.

    `acknowledged_warnings` holds the keys of the release-check warnings the user has read and
    accepts (Finding.key); clearing is refused while any warning is left unacknowledged.
    `findings`: the release checks run on the release as locked in this transaction, when the
    caller ran them already (the clearance page shows the same warnings it acknowledges).
    `shown_version` is the edit version the user was shown (see ensure_shown_version).
    """
    article = locked(article)
    ensure_allowed(user, Action.CLEAR, article)
    ensure_shown_version(article, shown_version)
    expected = clearance_checklist()
    if sorted(checklist) != sorted(expected):
        raise ValidationError(
            {
                "checklist": _(
                    "Confirm every item of the checklist. If one does not hold, return the "
                    "release to draft with a comment instead."
                )
            }
        )
    findings = run_release_checks(article) if findings is None else findings
    _ensure_no_blocking_problems(article, findings=findings)
    warnings = release_check_warnings(article, findings=findings)
    if not_acknowledged(warnings, acknowledged_warnings):
        raise ValidationError(
            {
                "acknowledged_warnings": _(
                    "Acknowledge every release-check warning, or return the release to draft "
                    "so the writer can fix it."
                )
            }
        )
    Clearance.objects.create(
        article=article,
        cleared_by=user,
        language=article.language,
        checklist=expected,
        acknowledged_warnings=[warning_text(finding) for finding in warnings],
        comment=comment.strip(),
        edit_version=article.edit_version,
        snapshot_digest=snapshot_of_article(article).digest,
    )
    _freeze_photos(article)
    notify(event=WorkflowAction.CLEARED, article=article, actor=user, comment=comment.strip())
    return move(
        article,
        user=user,
        action=WorkflowAction.CLEARED,
        to_status=ArticleStatus.CLEARED,
        comment=comment.strip(),
    )


def _freeze_photos(article):
    """The photos a clearance covers keep their file from now on (docs/workflow.md)."""
    shown = {*ImageBlock.objects.filter(parent=article).values_list("image", flat=True)}
    if article.hero_image_id:
        shown.add(article.hero_image_id)
    Image.objects.filter(pk__in=shown, cleared_at__isnull=True).update(cleared_at=timezone.now())


def _ensure_as_cleared(article):
    """The release about to go out is the one its latest clearance signed for."""
    clearance = article.clearances.first()
    if clearance is None:
        raise ValidationError(
            _("This release has no clearance record. Return it to review and clear it first.")
        )
    if (
        clearance.snapshot_digest
        and clearance.snapshot_digest != snapshot_of_article(article).digest
    ):
        raise ValidationError(
            _(
                "This release no longer reads as it did when it was cleared (a person, photo, "
                "organization or initiative it shows may have changed). Return it to review "
                "so it can be cleared again."
            ),
            code="changed_since_clearance",
        )


@transaction.atomic
def publish(*, article, user, at=None, shown_version=None):
    """Publish a cleared release now, or schedule it for `at` (a time in the future).

    A scheduled release is stored as published with a future release time: published()
    compares with the clock, so it appears at that moment without any job running.
    `shown_version` is the edit version the user was shown (see ensure_shown_version).
    """
    article = locked(article)
    ensure_allowed(user, Action.PUBLISH, article)
    ensure_shown_version(article, shown_version)
    _ensure_as_cleared(article)
    now = timezone.now()
    if at is not None and at <= now:
        raise ValidationError({"at": _("Choose a time in the future, or publish now.")})
    article.release_at = at or now
    _ensure_no_blocking_problems(article)
    action = WorkflowAction.SCHEDULED if at else WorkflowAction.PUBLISHED
    notify(event=action, article=article, actor=user)
    schedule_photo_archive(article=article)
    return move(
        article,
        user=user,
        action=action,
        to_status=ArticleStatus.PUBLISHED,
        release_at=article.release_at,
    )


@transaction.atomic
def unschedule(*, article, user, comment=""):
    """Take a scheduled release off the schedule; it stays cleared, with its planned time."""
    article = locked(article)
    ensure_allowed(user, Action.UNSCHEDULE, article)
    return move(
        article,
        user=user,
        action=WorkflowAction.UNSCHEDULED,
        to_status=ArticleStatus.CLEARED,
        comment=comment.strip(),
    )


@transaction.atomic
def withdraw(*, article, user, reason):
    """Withdraw a public release. Its address stays, showing the reason instead of the text."""
    article = locked(article)
    ensure_allowed(user, Action.WITHDRAW, article)
    reason = _required_text(
        reason, "reason", _("Explain why the release is withdrawn: readers will see it.")
    )
    return move(
        article,
        user=user,
        action=WorkflowAction.WITHDRAWN,
        to_status=ArticleStatus.WITHDRAWN,
        comment=reason,
    )


@transaction.atomic
def correct(*, article, user, note):
    """Record a correction to a public release; the note is published with it."""
    article = locked(article)
    if not user.has_perm("articles.correct_article"):
        raise PermissionDenied(_("Your role does not allow correcting published releases."))
    if not article.is_live:
        raise ValidationError(_("Only a published release takes correction notes."))
    note = _required_text(
        note, "correction_note", _("Describe the correction: readers will see this note.")
    )
    correction = Correction.objects.create(article=article, note=note, created_by=user)
    # A correction may have replaced photos or their captions.
    schedule_photo_archive(article=article)
    log(article, user=user, action=WorkflowAction.CORRECTED, comment=note)
    notify(event=WorkflowAction.CORRECTED, article=article, actor=user, comment=note)
    return correction
