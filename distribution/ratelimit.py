"""Counters in the shared cache that bound how often one client or one address may use the
subscription form. With the cache unreachable the form stays usable (the daily cap on
confirmation mails, kept in the database, still holds)."""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def within_limit(scope, value, limit):
    """Count one use of `value` in `scope`; whether it is within `limit` per hour."""
    digest = hashlib.blake2b(value.encode(), digest_size=12).hexdigest()
    key = f"distribution:rate:{scope}:{digest}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit
