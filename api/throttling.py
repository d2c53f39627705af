"""The API's rate limit, counted per client as the rest of the site tells clients apart."""

from rest_framework.throttling import AnonRateThrottle

from newsroom.client_address import client_address


class ClientAddressThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, keyed by the address NEWSROOM_TRUSTED_PROXIES resolves (a
    hop count or a list of networks), not by DRF's own reading of X-Forwarded-For."""

    def get_ident(self, request):
        return client_address(request)
