"""Who may do what to a release, and in which state. The services enforce these rules and the
admin asks them which buttons to show, so both always agree."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleStatus, WorkflowAction
from articles.revisions import text_authors_since


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    RETURN = "return", _("Return to draft")
    CLEAR = "clear", _("Clear for release")
    PUBLISH = "publish", _("Publish or schedule")
    UNSCHEDULE = "unschedule", _("Cancel schedule")
    WITHDRAW = "withdraw", _("Withdraw")
    SHARE = "share", _("Embargoed previews")


def _is_cleared_or_scheduled(article):
    return article.status == ArticleStatus.CLEARED or article.is_scheduled


@dataclass(frozen=True)
class Rule:
    permission: str
    applies_to: Any  # a predicate on the release: is it in a state this action starts from?
    wrong_state: str


RULES = {
    Action.SUBMIT: Rule(
        "articles.submit_article",
        lambda article: article.status == ArticleStatus.DRAFT,
        _("Only a draft can be submitted for review."),
    ),
    Action.RETURN: Rule(
        "articles.return_article",
        lambda article: article.status in (ArticleStatus.IN_REVIEW, ArticleStatus.CLEARED),
        _("Only a release in review or cleared can be returned to draft."),
    ),
    Action.CLEAR: Rule(
        "articles.clear_article",
        lambda article: article.status == ArticleStatus.IN_REVIEW,
        _("Only a release in review can be cleared."),
    ),
    Action.PUBLISH: Rule(
        "articles.publish_article",
        lambda article: article.status == ArticleStatus.CLEARED,
        _("Only a cleared release can be published or scheduled."),
    ),
    Action.UNSCHEDULE: Rule(
        "articles.publish_article",
        lambda article: article.is_scheduled,
        _("Only a scheduled release can be taken off the schedule."),
    ),
    Action.WITHDRAW: Rule(
        "articles.withdraw_article",
        lambda article: article.is_live,
        _("Only a published release can be withdrawn."),
    ),
    Action.SHARE: Rule(
        "articles.share_embargoed_article",
        _is_cleared_or_scheduled,
        _("Only a cleared or scheduled release can be shared before its release time."),
    ),
}


def refusal(user, action, article):
    """Why `user` may not take `action` on `article` now, as an exception; None if they may."""
    rule = RULES[Action(action)]
    if not user.has_perm(rule.permission):
        return PermissionDenied(
            _("Your role does not allow this: %(action)s.") % {"action": Action(action).label}
        )
    if action == Action.CLEAR and not settings.NEWSROOM_ALLOW_SELF_CLEARANCE:
        own_work = own_work_refusal(user, article)
        if own_work is not None:
            return own_work
    if not rule.applies_to(article):
        state = _("This release is: %(state)s.") % {"state": article.state_label}
        return ValidationError(f"{rule.wrong_state} {state}", code="wrong_state")
    return None


def own_work_refusal(user, article):
    """Separation of duties: nobody clears words they wrote. That is the creator, and everyone
    whose save changed the headline, subheadline, summary or body since the release was last
    returned to draft (from its revisions); site administrators included."""
    if article.created_by_id is not None and article.created_by_id == user.pk:
        return PermissionDenied(
            _(
                "You created this release, so your clearance does not count: ask another release "
                "authority to clear it."
            )
        )
    last_return = (
        article.state_changes.filter(action=WorkflowAction.RETURNED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if user.pk in text_authors_since(article, last_return):
        return PermissionDenied(
            _(
                "You changed the text of this release since it was last returned to draft, so "
                "your clearance does not count: ask another release authority to clear it."
            )
        )
    return None


def ensure_allowed(user, action, article):
    error = refusal(user, action, article)
    if error is not None:
        raise error


def allowed_actions(user, article):
    return [action for action in Action if refusal(user, action, article) is None]


def edit_refusal(user, article):
    """Why `user` may not change the text and fields of `article`; None if they may."""
    if not user.has_perm("articles.change_article"):
        return _("Your role does not allow editing releases.")
    if article.status == ArticleStatus.WITHDRAWN:
        return _("A withdrawn release is kept as it was and cannot be edited.")
    if article.status == ArticleStatus.DRAFT:
        return None
    if not user.has_perm("articles.edit_submitted_article"):
        return _(
            "Once a release is submitted, only editors can change it. Ask an editor or a release "
            "authority to return it to draft."
        )
    if article.is_live and not user.has_perm("articles.correct_article"):
        return _("This release is public: only someone who may correct releases can change it.")
    return None


def can_edit(user, article):
    return edit_refusal(user, article) is None
