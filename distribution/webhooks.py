"""Webhook deliveries: the signed JSON a partner's endpoint receives, and the only way it is
sent, through an address checked against server-side request forgery.

An endpoint must be https:// and its host must resolve only to public addresses; the check
runs when an editor registers it and again at every delivery, and the connection goes to the
address that was checked (so a DNS answer that changes in between cannot redirect it). The
receiver verifies X-Newsroom-Signature: "sha256=" + HMAC-SHA256(secret, timestamp + "." + body).
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import gettext as _

from .messages import site_url
from .models import EventKind

TIMEOUT_SECONDS = 10
USER_AGENT = "Newsroom-Webhooks/1"


def _loopback_allowed():
    return settings.DISTRIBUTION_WEBHOOKS_ALLOW_LOOPBACK


def _refused(ip):
    if ip.is_loopback and _loopback_allowed():
        return False
    return not ip.is_global or ip.is_multicast


def checked_address(url):
    """(scheme, host, port, ip) of a webhook URL after the SSRF checks; ValidationError if it
    may not be called."""
    parts = urlsplit(url)
    allowed_schemes = {"https", "http"} if _loopback_allowed() else {"https"}
    if parts.scheme not in allowed_schemes or not parts.hostname:
        raise ValidationError(_("Use an https:// address."), code="scheme")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(
            _("The host name %(host)s does not resolve.") % {"host": parts.hostname},
            code="dns",
        ) from None
    addresses = {ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos}
    if any(_refused(ip) for ip in addresses):
        raise ValidationError(
            _(
                "%(host)s resolves to a private, loopback or link-local address: webhooks "
                "go only to addresses on the public internet."
            )
            % {"host": parts.hostname},
            code="private",
        )
    if parts.scheme == "http" and not all(ip.is_loopback for ip in addresses):
        raise ValidationError(_("Use an https:// address."), code="scheme")
    return parts.scheme, parts.hostname, port, str(sorted(addresses, key=str)[0])


def payload(event):
    article = event.article
    data = {
        "id": event.key,
        "event": f"release.{event.kind}",
        "occurred_at": event.occurred_at,
        "release": {
            "id": article.pk,
            "slug": article.slug,
            "kind": article.kind,
            "headline": article.headline,
            "summary": article.summary,
            "release_at": article.release_at,
            "url": site_url(article.get_absolute_url()),
            "api_url": site_url(reverse("api:release-detail", kwargs={"slug": article.slug})),
        },
    }
    if event.kind == EventKind.CORRECTED:
        data["correction"] = {"note": event.correction.note, "at": event.correction.created_at}
    if event.kind == EventKind.WITHDRAWN:
        change = article.state_changes.filter(action="withdrawn").first()
        data["withdrawal"] = {"reason": change.comment if change else "", "at": event.occurred_at}
    return json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def signature(secret, timestamp, body):
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address, with the certificate verified for the host name."""

    def __init__(self, host, *, address, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(endpoint, event):
    """POST the event to the endpoint; the HTTP status. Raises ValidationError (refused
    address) or OSError (network)."""
    scheme, host, port, address = checked_address(endpoint.url)
    parts = urlsplit(endpoint.url)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    body = payload(event)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Host": host if parts.port is None else f"{host}:{port}",
        "X-Newsroom-Event": f"release.{event.kind}",
        "X-Newsroom-Delivery": event.key,
        "X-Newsroom-Timestamp": timestamp,
        "X-Newsroom-Signature": signature(endpoint.secret, timestamp, body),
    }
    if scheme == "https":
        connection = _PinnedHTTPSConnection(
            host, port=port, address=address, timeout=TIMEOUT_SECONDS
        )
    else:  # only a loopback receiver, when the test setting allows it
        connection = http.client.HTTPConnection(address, port=port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()
