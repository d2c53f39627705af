"""The lifecycle of a release as service functions (the diagram is in docs/workflow.md):
draft → in review → cleared → published now or scheduled → corrected → withdrawn, and back to
draft with a comment from review or clearance.

Each one locks the release row, checks the user's permission and the release's state
(articles.workflow.rules), validates, saves a revision and writes the audit log.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.checks import not_acknowledged, release_check_warnings, warning_text
from articles.models import (
    Article,
    ArticleStatus,
    Clearance,
    Correction,
    StateChange,
    WorkflowAction,
)

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


def _ensure_no_blocking_problems(article):
    problems = blocking_problems(article)
    if problems:
        raise ValidationError([problem.message for problem in problems], code="blocked")


@transaction.atomic
def submit_for_review(*, article, user, comment=""):
    article = locked(article)
    ensure_allowed(user, Action.SUBMIT, article)
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
    return move(
        article,
        user=user,
        action=WorkflowAction.RETURNED,
        to_status=ArticleStatus.DRAFT,
        comment=comment,
    )


@transaction.atomic
def clear(*, article, user, checklist, acknowledged_warnings=(), comment=""):
    """Clear a release in review; `checklist` lists the items the user confirmed.

    `acknowledged_warnings` holds the keys of the release-check warnings the user has read and
    accepts (Finding.key); clearing is refused while any warning is left unacknowledged.
    """
    article = locked(article)
    ensure_allowed(user, Action.CLEAR, article)
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
    _ensure_no_blocking_problems(article)
    warnings = release_check_warnings(article)
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
    )
    return move(
        article,
        user=user,
        action=WorkflowAction.CLEARED,
        to_status=ArticleStatus.CLEARED,
        comment=comment.strip(),
    )


@transaction.atomic
def publish(*, article, user, at=None):
    """Publish a cleared release now, or schedule it for `at` (a time in the future).

    A scheduled release is stored as published with a future release time: published()
    compares with the clock, so it appears at that moment without any job running.
    """
    article = locked(article)
    ensure_allowed(user, Action.PUBLISH, article)
    if not article.clearances.exists():
        raise ValidationError(
            _("This release has no clearance record. Return it to review and clear it first.")
        )
    now = timezone.now()
    if at is not None and at <= now:
        raise ValidationError({"at": _("Choose a time in the future, or publish now.")})
    article.release_at = at or now
    _ensure_no_blocking_problems(article)
    return move(
        article,
        user=user,
        action=WorkflowAction.SCHEDULED if at else WorkflowAction.PUBLISHED,
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
    log(article, user=user, action=WorkflowAction.CORRECTED, comment=note)
    return correction
