"""What editing does to the workflow: stale forms are refused (optimistic locking), an edit to
cleared text sends the release back to review, an edit to public text needs a correction note,
and an earlier revision can be restored."""

from dataclasses import dataclass

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import Article, ArticleStatus, WorkflowAction
from articles.revisions import snapshot_of_article

from .rules import edit_refusal
from .transitions import correct, locked, log, move

# Restoring brings back the text, fields and blocks of a revision; where the release stands in
# the workflow, its address and its history stay as they are now.
KEPT_ON_RESTORE = ["status", "release_at", "slug", "created_by_id", "created_at", "edit_version"]


@dataclass(frozen=True)
class LastSave:
    version: int
    user: object  # the User, or None when unknown
    at: object  # a datetime, or None when unknown


def saved_since(article, loaded_version):
    """If `article` was saved after a form opened it at `loaded_version`: who saved it last.

    Locks the row until the transaction ends, so two saves can't both pass this check.
    """
    current = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("edit_version", flat=True)
        .get()
    )
    if current == loaded_version:
        return None
    latest = Version.objects.get_for_object(article).select_related("revision__user").first()
    revision = latest.revision if latest else None
    return LastSave(
        version=current,
        user=revision.user if revision else None,
        at=revision.date_created if revision else None,
    )


def record_edit(*, article, user, text_changed, correction_note="", signed_changed=None):
    """Bring the workflow in line after the content of `article` was saved by `user`.

    `text_changed`: its headline, subheadline, summary or body changed (a public release then
    needs a correction note). `signed_changed`: anything its clearance signed changed (the
    text, kind, dateline, byline or hero photo: see Snapshot.digest), which sends a cleared or
    scheduled release back to review; the same as `text_changed` when not given.
    """
    if article.is_live:
        if correction_note.strip():
            correct(article=article, user=user, note=correction_note)
        elif text_changed:
            raise ValidationError(
                {"correction_note": _("This release is public: describe what you changed.")}
            )
        return article
    reopens = article.status == ArticleStatus.CLEARED or article.is_scheduled
    signed_changed = text_changed if signed_changed is None else signed_changed
    if signed_changed and reopens and settings.NEWSROOM_EDITS_REOPEN_REVIEW:
        return move(
            locked(article),
            user=user,
            action=WorkflowAction.REOPENED,
            to_status=ArticleStatus.IN_REVIEW,
        )
    return article


@transaction.atomic
def restore_revision(*, article, revision, user, correction_note=""):
    """Make `revision`'s content the current one; this save is itself a new revision."""
    article = locked(article)
    refusal = edit_refusal(user, article)
    if refusal:
        raise PermissionDenied(refusal)
    if not Version.objects.get_for_object(article).filter(revision=revision).exists():
        raise ValidationError(_("That revision belongs to another release."))
    before = snapshot_of_article(article)
    kept = {field: getattr(article, field) for field in KEPT_ON_RESTORE}
    with reversion.create_revision():
        try:
            with transaction.atomic():
                revision.revert(delete=True)
                # Foreign keys are checked at commit; check now to explain instead of failing.
                connection.check_constraints()
        except IntegrityError as error:
            raise ValidationError(
                _(
                    "This revision uses a person, photo or initiative that has since been "
                    "deleted, so it cannot be restored."
                )
            ) from error
        restored = Article.objects.get(pk=article.pk)
        for field, value in kept.items():
            setattr(restored, field, value)
        restored.save()
        reversion.set_user(user)
        reversion.set_comment(_("Restored %(revision)s.") % {"revision": describe(revision)})
    after = snapshot_of_article(restored)
    log(restored, user=user, action=WorkflowAction.RESTORED, comment=describe(revision))
    return record_edit(
        article=restored,
        user=user,
        text_changed=before.text != after.text,
        signed_changed=before.digest != after.digest,
        correction_note=correction_note,
    )


def describe(revision):
    when = formats.date_format(timezone.localtime(revision.date_created), "DATETIME_FORMAT")
    return _("the revision of %(when)s by %(user)s") % {
        "when": when,
        "user": revision.user or _("an unknown user"),
    }
