"""The reader-side caches (whole pages, each release's content) in two tiers: this process's
own memory (the `memory` cache, a byte budget, MEMORY_CACHE_BYTES), then Redis, which all
processes share.

Nearly every reader's request reads one of these entries, and a Redis round trip costs about as
much as the rest of a page-cache hit; from memory it costs none. Nothing is lost in freshness:
what an entry is checked against is read from the database whatever tier it comes from (the page
generation is in the page's key, the release version is compared with the entry's), so an entry
in memory outlives no change. An entry found in Redis is copied into memory until the time it
expires in Redis, which it carries with it. Both tiers keep entries under their own
namespace (NAMESPACE), so an entry another release of the code left in Redis under the same
name, in another shape, is never read as one of these.
"""

import time

from django.core.cache import cache, caches

NAMESPACE = "tiered:"


def get(key):
    """The value stored under `key`, from this process's memory or else from Redis; None if
    neither has it."""
    return get_many([key]).get(key)


def get_many(keys):
    """{key: value} for those of `keys` either tier has: one lookup in memory, and one round
    trip to Redis for the rest."""
    memory = caches["memory"]
    found = {NAMESPACE + key: None for key in keys}
    in_memory = memory.get_many(found) if found else {}
    missing = [key for key in found if key not in in_memory]
    shared = cache.get_many(missing) if missing else {}
    now = time.time()
    for key, entry in shared.items():
        memory.set(key, entry, entry[0] - now)
    return {key.removeprefix(NAMESPACE): value for key, (_, value) in (in_memory | shared).items()}


def set(key, value, timeout):
    """Store `value` for `timeout` seconds in both tiers."""
    set_many({key: value}, timeout)


def set_many(values, timeout):
    """Store each of {key: value} for `timeout` seconds in both tiers."""
    expires = time.time() + timeout
    entries = {NAMESPACE + key: (expires, value) for key, value in values.items()}
    cache.set_many(entries, timeout)
    caches["memory"].set_many(entries, timeout)
