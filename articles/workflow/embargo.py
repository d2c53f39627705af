"""Embargoed previews: secret, expiring, revocable links to a cleared release for journalists."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import ArticleStatus, EmbargoLink
from articles.models.workflow import hash_token

from .rules import Action, ensure_allowed


@transaction.atomic
def create_embargo_link(*, article, user, label, expires_at):
    """A new link for `label`; returns (link, token). Only the token's digest is stored, so
    the full address can be shown this once."""
    ensure_allowed(user, Action.SHARE, article)
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose an expiry time in the future.")})
    token = secrets.token_urlsafe(32)
    link = EmbargoLink(
        article=article,
        clearance=article.clearances.first(),
        label=label.strip(),
        token_hash=hash_token(token),
        created_by=user,
        expires_at=expires_at,
    )
    link.full_clean()
    link.save()
    return link, token


@transaction.atomic
def revoke_embargo_link(*, link, user):
    # Revoking stays possible whatever the release's state: it can only make things safer.
    if not user.has_perm("articles.share_embargoed_article"):
        raise PermissionDenied(_("Your role does not allow managing embargoed previews."))
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = user
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def embargoed_release(token):
    """The release a preview token opens, or None, and the opening counted on the link.

    Unknown, expired and revoked tokens open nothing, and neither does a release that is no
    longer cleared or scheduled, nor one cleared again since the link was made. Only when and
    how often a link was opened is kept: no cookie, no address.
    """
    link = EmbargoLink.objects.active().for_token(token).select_related("article").first()
    if link is None:
        return None
    article = link.article
    if article.status not in (ArticleStatus.CLEARED, ArticleStatus.PUBLISHED):
        return None
    latest = article.clearances.values_list("pk", flat=True).first()
    if link.clearance_id is None or link.clearance_id != latest:
        return None
    now = timezone.now()
    EmbargoLink.objects.filter(pk=link.pk).update(
        open_count=F("open_count") + 1,
        first_opened_at=Coalesce("first_opened_at", Value(now, output_field=DateTimeField())),
        last_opened_at=now,
    )
    return article
