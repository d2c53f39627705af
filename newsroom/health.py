"""Probes for load balancers and orchestrators: liveness, and readiness of what the site needs.

Served by a middleware placed first, so a probe addressed to 127.0.0.1 is answered before host
validation (ALLOWED_HOSTS) and the HTTPS redirect, and never touches sessions or the page cache.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _cache_ok():
    try:
        cache.set("readyz-probe", "1", 5)
        return cache.get("readyz-probe") == "1"
    except Exception:  # any cache client error means "not ready"
        return False


def liveness():
    return JsonResponse({"status": "ok"})


def readiness():
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


PROBES = {"/healthz": liveness, "/readyz": readiness}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = probe()
        add_never_cache_headers(response)
        return response
