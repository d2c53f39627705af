"""A photo that passed its checks, kept for the next try when the rest of its form did not:
a browser cannot refill a file input, so without this the officer must pick the file again.

The checked copy (metadata already stripped) waits in the cache under a random token for an
hour; nothing is written to media storage until the form is saved.
"""

import secrets

from django.core.cache import cache

from .uploads import CleanedImage

KEEP_SECONDS = 60 * 60
PREFIX = "kept-photo:"


def keep(photo):
    """Keep `photo` (a CleanedImage); returns the token that brings it back."""
    token = secrets.token_urlsafe(24)
    photo.seek(0)
    cache.set(
        PREFIX + token,
        {
            "content": photo.read(),
            "name": photo.name,
            "width": photo.width,
            "height": photo.height,
            "has_alpha": photo.has_alpha,
            "removed": photo.removed,
            "date_taken": photo.date_taken,
        },
        KEEP_SECONDS,
    )
    return token


def kept(token):
    """The photo kept under `token`, or None if there is none (or it has expired)."""
    stored = cache.get(PREFIX + token) if token else None
    if stored is None:
        return None
    return CleanedImage(stored.pop("content"), **stored)


def forget(token):
    if token:
        cache.delete(PREFIX + token)
