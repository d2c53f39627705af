"""Embargoed previews: secret, expiring, revocable links to a cleared release for journalists."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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
    """The release a preview token opens, or None: unknown, expired and revoked tokens open
    nothing, and neither does a release that is no longer cleared or scheduled."""
    link = EmbargoLink.objects.active().for_token(token).select_related("article").first()
    if link is None:
        return None
    article = link.article
    if article.status == ArticleStatus.CLEARED or article.status == ArticleStatus.PUBLISHED:
        return article
    return None
