"""Signed tokens: the links in messages (no account, no password) and the subscription form's
token, which stands in for Django's cookie-based CSRF token so readers get no cookie.

Link tokens carry the subscriber's id and key: changing the key or deleting the subscriber
voids every link sent before. Only the confirmation link expires (with the unconfirmed
address itself); unsubscribe and manage links must keep working from any old message.
"""

import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM, MANAGE, UNSUBSCRIBE = "confirm", "manage", "unsubscribe"
FORM_SALT = "distribution.form"
FORM_TOKEN_MAX_AGE = timedelta(hours=12)
# A form sent back sooner than this after the page was served was not typed by a person.
FORM_TOKEN_MIN_AGE = timedelta(seconds=2)


def link_token(subscriber, purpose):
    return signing.dumps(
        {"s": subscriber.pk, "k": subscriber.key}, salt=f"distribution.{purpose}", compress=True
    )


def subscriber_for(token, purpose):
    """The subscriber a link token names, or None (forged, voided or expired)."""
    max_age = timedelta(days=settings.DISTRIBUTION_UNCONFIRMED_DAYS) if purpose == CONFIRM else None
    try:
        data = signing.loads(token, salt=f"distribution.{purpose}", max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=data.get("s"), key=data.get("k")).first()


def form_token():
    return signing.TimestampSigner(salt=FORM_SALT).sign(secrets.token_urlsafe(8))


def form_token_is_valid(token, *, now=None):
    signer = signing.TimestampSigner(salt=FORM_SALT)
    try:
        signer.unsign(token or "", max_age=FORM_TOKEN_MAX_AGE)
        signed_at = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
    except (signing.BadSignature, IndexError, ValueError):
        return False
    return (now or time.time()) - signed_at >= FORM_TOKEN_MIN_AGE.total_seconds()
