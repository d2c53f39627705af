"""A photo that passed its checks, kept for the next try when the rest of its form did not:
a browser cannot refill a file input, so without this the officer must pick the file again.

The checked copy (metadata already stripped) waits in the cache under a random token for an
hour; nothing is written to media storage until the form is saved.
"""

import re
import secrets

from django.core.cache import cache

from .uploads import CleanedImage

KEEP_SECONDS = 60 * 60
PREFIX = "kept-photo:"
TOKEN_BYTES = 24
# What keep() hands out: token_urlsafe's base64url text. The token comes back from a form
# field, so anything else (a 2,000-character string, control characters) is refused before it
# can become a cache key.
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{{len(secrets.token_urlsafe(TOKEN_BYTES))}}}")


def keep(photo):
    """Keep `photo` (a CleanedImage); returns the token that brings it back."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
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
    stored = cache.get(PREFIX + token) if _well_formed(token) else None
    if stored is None:
        return None
    return CleanedImage(stored.pop("content"), **stored)


def forget(token):
    if _well_formed(token):
        cache.delete(PREFIX + token)


def _well_formed(token):
    return bool(token) and TOKEN_SHAPE.fullmatch(token) is not None
