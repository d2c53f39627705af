"""The messages subscribers receive: alerts (a release, a correction, a withdrawal notice) and
the confirmation of a new subscription.

Each is plain text plus HTML built from the same rendering the feeds use (quotes with their
attributions, initiative tables, photos), with absolute links. No tracking pixel, no
rewritten links. Alerts carry RFC 8058 one-click unsubscribe headers.
"""

import html2text
from content_editor.contents import contents_for_item
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.images.services import prefetch_photos
from articles.models import BODY_BLOCK_MODELS
from public.feeds import absolutize

from . import tokens
from .models import EventKind


def site_url(path):
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def _plain(html):
    converter = html2text.HTML2Text(bodywidth=78)
    converter.ignore_images = True
    converter.protect_links = True
    return converter.handle(html).strip()


def release_html(article):
    """The release's own text as it appears in feeds, with absolute links, in the release's
    language as its page prints it (dates, ranks, titles), whatever the message's language."""
    body = contents_for_item(article, BODY_BLOCK_MODELS)
    prefetch_photos([article], {article: body})
    with translation.override(article.language):
        html = render_to_string("feeds/release.html", {"article": article, "body": body})
    return absolutize(html, settings.NEWSROOM_SITE_URL)


def subscriber_links(subscriber):
    return {
        "manage_url": site_url(
            reverse(
                "distribution:manage",
                kwargs={"token": tokens.link_token(subscriber, tokens.MANAGE)},
            )
        ),
        "unsubscribe_url": site_url(
            reverse(
                "distribution:unsubscribe",
                kwargs={"token": tokens.link_token(subscriber, tokens.UNSUBSCRIBE)},
            )
        ),
    }


def subject_for(event):
    headline = event.article.headline
    if event.kind == EventKind.CORRECTED:
        return _("Correction: %(headline)s") % {"headline": headline}
    if event.kind == EventKind.WITHDRAWN:
        return _("Withdrawn: %(headline)s") % {"headline": headline}
    return headline


# Stand-ins for each subscriber's own links: the message is rendered once per language and
# the links put in per subscriber (rendering the templates for each of 10,000 subscribers
# cost most of the sending time).
MANAGE_LINK, UNSUBSCRIBE_LINK = "@@manage-link@@", "@@unsubscribe-link@@"


class AlertComposer:
    """Builds the alerts of one event; everything but the links is rendered once per
    language."""

    def __init__(self, event):
        self.event = event
        self._rendered = {}

    def _rendered_for(self, language):
        """(subject, text, html) in `language`, with stand-ins for the subscriber's links."""
        if language not in self._rendered:
            article = self.event.article
            with translation.override(language):
                body = "" if self.event.kind == EventKind.WITHDRAWN else release_html(article)
                context = {
                    "event": self.event,
                    "article": article,
                    "language": language,
                    "release_url": site_url(article.get_absolute_url()),
                    "site_name": settings.NEWSROOM_SITE_NAME,
                    "agency_name": settings.NEWSROOM_AGENCY_NAME,
                    "withdrawal_reason": self._withdrawal_reason(),
                    "release_html": body,
                    "release_text": _plain(body),
                    "manage_url": MANAGE_LINK,
                    "unsubscribe_url": UNSUBSCRIBE_LINK,
                }
                self._rendered[language] = (
                    subject_for(self.event),
                    render_to_string("distribution/email/alert.txt", context),
                    render_to_string("distribution/email/alert.html", context),
                )
        return self._rendered[language]

    def _withdrawal_reason(self):
        if self.event.kind != EventKind.WITHDRAWN:
            return ""
        change = self.event.article.state_changes.filter(action="withdrawn").first()
        return change.comment if change else ""

    def message(self, subscriber, *, connection=None):
        subject, text, html = self._rendered_for(subscriber.language)
        links = subscriber_links(subscriber)

        def personal(content):
            return content.replace(MANAGE_LINK, links["manage_url"]).replace(
                UNSUBSCRIBE_LINK, links["unsubscribe_url"]
            )

        message = EmailMultiAlternatives(
            subject=subject,
            body=personal(text),
            to=[subscriber.email],
            connection=connection,
            headers={
                # RFC 8058: mail clients offer "Unsubscribe" and POST this body to the address.
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"{settings.NEWSROOM_SITE_NAME} <alerts.{_list_host()}>",
                "Auto-Submitted": "auto-generated",
                "Precedence": "bulk",
            },
        )
        message.attach_alternative(personal(html), "text/html")
        return message


def _list_host():
    return settings.NEWSROOM_SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def confirmation_message(subscriber, *, already_subscribed):
    """The double opt-in mail (or, for an address with nothing new to confirm, a reminder of
    its manage link: the form answers the same either way, so it reveals nothing)."""
    with translation.override(subscriber.language):
        context = {
            "site_name": settings.NEWSROOM_SITE_NAME,
            "already_subscribed": already_subscribed,
            "confirm_url": site_url(
                reverse(
                    "distribution:confirm",
                    kwargs={"token": tokens.link_token(subscriber, tokens.CONFIRM)},
                )
            ),
            "days": settings.DISTRIBUTION_UNCONFIRMED_DAYS,
            "pending": list(subscriber.subscriptions.filter(confirmed_at__isnull=True)),
            **subscriber_links(subscriber),
        }
        subject = (
            _("Your %(site)s alerts") if already_subscribed else _("Confirm your %(site)s alerts")
        ) % {"site": settings.NEWSROOM_SITE_NAME}
        text = render_to_string("distribution/email/confirm.txt", context)
    return EmailMultiAlternatives(subject=subject, body=text, to=[subscriber.email])
