"""The cache backends: a Redis cache that degrades to "always a miss" when Redis cannot be
reached, and each process's own memory in front of it (ProcessMemoryCache).

Django's RedisCache raises on connection errors, which would turn a cache outage into 500s.
The cache only ever holds copies, so the site keeps serving from the database, slower, and
logs the outage (at most once a minute per process, not once per request)."""

import datetime
import logging
import math
import pickle
import sys
import threading
import time
from types import MappingProxyType
from typing import NamedTuple

import cachetools
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_LOG_INTERVAL_SECONDS = 60


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def _unreachable(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= _LOG_INTERVAL_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("Cache unreachable during %s; serving without it: %s", operation, error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            self._unreachable("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable("incr", error)
            # What Django's caches raise for a missing key; callers already handle it.
            raise ValueError(f"Key '{key}' not found (cache unreachable).") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._unreachable("clear", error)
            return False


# The stores of ProcessMemoryCache, by location and budget: shared by the threads of a process
# (Django makes a cache object per thread) so a process holds one budget's worth, not one per
# thread.
_process_stores = {}
_process_stores_lock = threading.Lock()


class ProcessMemoryCache(BaseCache):
    """This process's own memory, bounded in bytes (OPTIONS["MAX_BYTES"]): when it is full, the
    entries used least recently make room. The tier in front of Redis for what nearly every
    reader's request reads (public/tiered_cache.py), so a hit costs no network round trip.

    A value of plain data (_frozen) is kept as it is, made read-only, and every reader gets that
    one object: unpickling a copy on every read cost half a millisecond of a search page, which
    reads 40 entries. Any other value is kept pickled, as LocMemCache keeps them, and a reader
    gets a copy. The budget counts the bytes each value takes: the live value's, or its
    pickle's. A value larger than the whole budget is not kept.
    """

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, location, params):
        super().__init__(params)
        budget = int(params.get("OPTIONS", {}).get("MAX_BYTES", 32 * 1024 * 1024))
        with _process_stores_lock:
            self._store = _process_stores.get((location, budget))
            if self._store is None:
                self._store = _process_stores[(location, budget)] = (
                    cachetools.TLRUCache(
                        maxsize=budget,
                        ttu=lambda key, entry, now: entry.expires,
                        timer=time.time,
                        getsizeof=lambda entry: entry.size,
                    ),
                    threading.Lock(),
                )

    def get(self, key, default=None, version=None):
        entries, lock = self._store
        with lock:
            found = entries.get(self.make_key(key, version))
        return default if found is None else found.read()

    def get_many(self, keys, version=None):
        """{key: value} for those of `keys` held: one look under the lock for all of them, not
        one get() each (a search page reads 40 entries)."""
        entries, lock = self._store
        keys = {self.make_key(key, version): key for key in keys}
        with lock:
            found = [(key, entries.get(made_key)) for made_key, key in keys.items()]
        return {key: entry.read() for key, entry in found if entry is not None}

    def _expires(self, timeout):
        """When an entry stored or touched with Django's `timeout` expires: the time Django
        works out, or never (None) as infinity, which the TLRU's ordering needs."""
        expires = self.get_backend_timeout(timeout)
        return math.inf if expires is None else expires

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        expires = self._expires(timeout)
        frozen, size = _frozen(value)
        if frozen is _NOT_PLAIN:
            pickled = pickle.dumps(value, self.pickle_protocol)
            entry = _Entry(expires, len(pickled), pickled, is_shared=False)
        else:
            entry = _Entry(expires, size, frozen, is_shared=True)
        entries, lock = self._store
        with lock:
            try:
                entries[self.make_key(key, version)] = entry
            except ValueError:  # larger than the whole budget
                entries.pop(self.make_key(key, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):
            return False
        self.set(key, value, timeout, version)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        expires = self._expires(timeout)
        entries, lock = self._store
        made_key = self.make_key(key, version)
        with lock:
            entry = entries.get(made_key)
            if entry is None:
                return False
            entries[made_key] = entry._replace(expires=expires)
        return True

    def has_key(self, key, version=None):
        entries, lock = self._store
        with lock:
            return self.make_key(key, version) in entries

    def delete(self, key, version=None):
        entries, lock = self._store
        with lock:
            return entries.pop(self.make_key(key, version), None) is not None

    def clear(self):
        entries, lock = self._store
        with lock:
            entries.clear()

    def size(self):
        """The bytes held now (expired entries count until they are dropped)."""
        entries, lock = self._store
        with lock:
            return entries.currsize


class _Entry(NamedTuple):
    expires: float
    size: int  # the bytes the budget counts: the value's in memory, or its pickle's
    value: object  # the read-only value, or its pickle
    is_shared: bool

    def read(self):
        return self.value if self.is_shared else pickle.loads(self.value)


# What _frozen() returns for a value that is not plain data.
_NOT_PLAIN = object()
# Values that cannot change. A str subclass (SafeString) is a str.
_IMMUTABLE = (str, bytes, int, float, type(None), datetime.date, datetime.time, datetime.timedelta)


def _frozen(value):
    """(`value` read-only, the bytes it takes in memory) if it is plain data (the types of
    _IMMUTABLE, in dicts, lists and tuples): a dict becomes a read-only view of a copy, a list a
    tuple. (_NOT_PLAIN, 0) otherwise (a model instance, a lazy translation), which may change
    and is copied for each reader. The bytes are sys.getsizeof() of every object in it, counted
    once for each place it is in, without the allocator's rounding: a live value takes several
    times its pickle (a pair of numbers 112 bytes against 8)."""
    if isinstance(value, _IMMUTABLE):
        return value, sys.getsizeof(value)
    if type(value) is dict:
        items, size = {}, 0
        for key, item in value.items():
            frozen, item_size = _frozen(item)
            if frozen is _NOT_PLAIN or not isinstance(key, _IMMUTABLE):
                return _NOT_PLAIN, 0
            items[key] = frozen
            size += sys.getsizeof(key) + item_size
        view = MappingProxyType(items)
        return view, size + sys.getsizeof(items) + sys.getsizeof(view)
    if type(value) in (list, tuple):
        items, size = [], 0
        for item in value:
            frozen, item_size = _frozen(item)
            if frozen is _NOT_PLAIN:
                return _NOT_PLAIN, 0
            items.append(frozen)
            size += item_size
        frozen = tuple(items)
        return frozen, size + sys.getsizeof(frozen)
    return _NOT_PLAIN, 0
