"""The reader-side caches (whole pages, each release's content) in two tiers: this process's
own memory (the `memory` cache, a byte budget, MEMORY_CACHE_BYTES), then Redis, which all
processes share.

Nearly every reader's request reads one of these entries, and a Redis round trip costs about as
much as the rest of a page-cache hit; from memory it costs none. Nothing is lost in freshness:
what an entry is checked against is read from the database whatever tier it comes from (the page
generation is in the page's key, the release version is compared with the entry's), so an entry
in memory outlives no change. An entry found in Redis is copied into memory until the time it
expires in Redis, which it carries with it.
"""

import time

from django.core.cache import cache, caches


def get(key):
    """The value stored under `key`, from this process's memory or else from Redis; None if
    neither has it."""
    memory = caches["memory"]
    found = memory.get(key)
    if found is None:
        found = cache.get(key)
        if found is None:
            return None
        expires, _ = found
        memory.set(key, found, expires - time.time())
    return found[1]


def set(key, value, timeout):
    """Store `value` for `timeout` seconds in both tiers."""
    entry = (time.time() + timeout, value)
    cache.set(key, entry, timeout)
    caches["memory"].set(key, entry, timeout)
