"""Workflow e-mails to staff: a release submitted, returned (with the comment), cleared,
published or scheduled, corrected; and "now live" when a scheduled release went public by
itself (went_live_messages, sent by the distribution fan-out once per publication). The
services in articles.workflow call notify(); this module is the one place that decides who
hears about what and sends it; the task queue's worker sends
(articles.tasks.send_workflow_email), or this process after the commit when no broker is set.

E-mails leave after the transaction commits, never for a change that was rolled back. A mail
server that is down or refuses is logged; the officer's action has succeeded and they are not
shown an error for it.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles import roles
from articles.models import Article, NotificationPreference, WorkflowAction
from articles.tasks import send_workflow_email
from newsroom.tasks import run_after_commit

logger = logging.getLogger(__name__)

# Not a workflow step (nobody acts): a scheduled release whose time came.
WENT_LIVE = "went-live"

# Who acts next on a release in each state, by permission.
REVIEWERS = ["edit_submitted_article", "clear_article"]
PUBLISHERS = ["publish_article"]


def notify(*, event, article, actor, comment=""):
    """E-mail the people `event` (a WorkflowAction) on `article` concerns, once the current
    transaction commits. `actor` (who did it) is never told about their own action."""
    run_after_commit(
        send_workflow_email,
        event=WorkflowAction(event).value,
        article_id=article.pk,
        actor_id=actor.pk,
        comment=comment,
    )


def _holding(codenames):
    """Staff whose role (or own permissions) grants any of `codenames`. Site administrators
    hold every permission to run the site, not to review: their role does not count."""
    roles_granting = Group.objects.filter(
        permissions__content_type__app_label="articles", permissions__codename__in=codenames
    ).exclude(name=roles.SITE_ADMINISTRATOR)
    return get_user_model().objects.filter(
        Q(groups__in=roles_granting)
        | Q(
            user_permissions__content_type__app_label="articles",
            user_permissions__codename__in=codenames,
        )
    )


def _involved(article):
    """The writer and everyone who moved the release through the workflow."""
    users = get_user_model().objects
    return users.filter(
        Q(pk=article.created_by_id) | Q(pk__in=article.state_changes.values("user"))
    )


def _submitter(article):
    last = article.state_changes.filter(action=WorkflowAction.SUBMITTED).first()
    return get_user_model().objects.filter(
        pk__in=[pk for pk in (article.created_by_id, last and last.user_id) if pk]
    )


def recipients(event, article, actor=None):
    """The people to e-mail about `event` (a WorkflowAction or WENT_LIVE), as a list of users
    with an address."""
    if event == WorkflowAction.SUBMITTED:
        people = _holding(REVIEWERS)
    elif event == WorkflowAction.RETURNED:
        people = _submitter(article)
    elif event == WorkflowAction.CLEARED:
        people = _submitter(article) | _holding(PUBLISHERS)
    elif event in (
        WorkflowAction.PUBLISHED,
        WorkflowAction.SCHEDULED,
        WorkflowAction.CORRECTED,
        WENT_LIVE,
    ):
        people = _involved(article)
    else:
        return []
    opted_out = NotificationPreference.objects.opted_out().values("user")
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    return list(
        people.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .distinct()
        .order_by("pk")
    )


def _label(event):
    return _("Now live") if event == WENT_LIVE else WorkflowAction(event).label


def _name(user):
    return user.get_full_name() or user.get_username()


def _message(event, article, actor, comment, recipient):
    context = {
        "event": event,
        "label": _label(event),
        "article": article,
        "actor": _name(actor) if actor else "",
        "recipient": _name(recipient),
        "comment": comment,
        "site_name": settings.NEWSROOM_SITE_NAME,
        "url": settings.NEWSROOM_SITE_URL.rstrip("/")
        + reverse("admin:articles_article_change", args=[article.pk]),
    }
    subject = render_to_string("emails/workflow_subject.txt", context).strip()
    body = render_to_string("emails/workflow_notification.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[recipient.email])


def went_live_messages(article, *, only=None):
    """{user id: their "now live" e-mail} about `article`, a scheduled release that went
    public; `only`: just to those of these user ids (the ones a retry still owes)."""
    people = recipients(WENT_LIVE, article)
    if only is not None:
        people = [person for person in people if person.pk in only]
    with translation.override(settings.LANGUAGE_CODE):
        return {person.pk: _message(WENT_LIVE, article, None, "", person) for person in people}


def deliver(*, event, article_id, actor_id, comment):
    """Build and send the e-mails for one event; any failure is logged, never raised (nor
    retried: a second attempt could mail the people the first one reached)."""
    event = WorkflowAction(event)
    try:
        article = Article.objects.select_related("created_by").get(pk=article_id)
        actor = get_user_model().objects.get(pk=actor_id)
        with translation.override(settings.LANGUAGE_CODE):
            messages = [
                _message(event, article, actor, comment, person)
                for person in recipients(event, article, actor)
            ]
        if messages:
            get_connection(fail_silently=False).send_messages(messages)
    except Exception:
        logger.exception(
            "Workflow e-mail not sent (%s, release %s): the action itself succeeded.",
            event,
            article_id,
        )
