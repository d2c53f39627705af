"""The address a request really came from, behind the proxies the deployment trusts.

NEWSROOM_TRUSTED_PROXIES describes what stands between the internet and the app:
- a number of hops: the proxies that forward each request, the bundled nginx included (nginx
  alone: 1; a load balancer or CDN in front of it: 2). The client is the address the outermost
  trusted proxy saw: the N-th from the right of X-Forwarded-For, to which each proxy appends
  the address it received the request from. Whatever a client writes further left is ignored.
  The count is resolved by django-ipware.
- a list of networks (CIDRs): walking from the peer address leftwards through
  X-Forwarded-For, the first address outside them is the client (nginx's real_ip_recursive).
- 0 (the default): no proxy; the peer address is the client and forwarding headers are
  ignored, since anyone can send them.

django-axes (AXES_CLIENT_IP_CALLABLE), the sign-in log and nginx's real_ip configuration
(docker/nginx/) all read this one setting.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from ipware import get_client_ip


def parse_trusted_proxies(value):
    """NEWSROOM_TRUSTED_PROXIES from the environment: a hop count (int) or a list of networks."""
    value = (value or "0").strip()
    if value.isdigit():
        return int(value)
    try:
        return [
            ipaddress.ip_network(part.strip(), strict=False)
            for part in value.split(",")
            if part.strip()
        ]
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"NEWSROOM_TRUSTED_PROXIES must be a number of proxies or a comma-separated list of "
            f"networks such as 10.0.0.0/8: {exc}"
        ) from None


def _chain(request):
    """X-Forwarded-For's addresses, then the peer's, client first; unparsable entries as None."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    parts = [part.strip() for part in forwarded.split(",") if part.strip()]
    parts.append(request.META.get("REMOTE_ADDR", ""))
    chain = []
    for part in parts:
        try:
            chain.append(ipaddress.ip_address(part))
        except ValueError:
            chain.append(None)
    return chain


def _behind_networks(request, networks):
    for address in reversed(_chain(request)):
        if address is None:
            return None  # a forged entry where a trusted proxy's address should be
        if not any(address in network for network in networks):
            return str(address)
    return None


def client_address(request):
    """The client's address as a string, or None when it cannot be told."""
    trusted = settings.NEWSROOM_TRUSTED_PROXIES
    if isinstance(trusted, list):
        return _behind_networks(request, trusted)
    if not trusted:
        return request.META.get("REMOTE_ADDR") or None
    # The peer (REMOTE_ADDR) is the last proxy; X-Forwarded-For holds the client and the
    # proxies before it, so ipware counts one hop fewer. Not strict: a client's own
    # X-Forwarded-For entries make the chain longer, and only the right end is trusted.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=trusted - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    # A chain shorter than the proxies in front means the request did not come through them
    # (a health check from inside, say): then the peer itself is the client.
    return address or request.META.get("REMOTE_ADDR") or None
