"""Emptying every cache tier (Redis or local memory, and each process's memory tier) at once:
a test that clears only one of them would still be served from the other."""

from django.core.cache import caches


def empty_every_cache():
    for cache in caches.all():
        cache.clear()
