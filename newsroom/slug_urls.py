"""The address of a page named by a slug, without a reverse() per link.

A release page links to its tags, organizations, initiatives, people and related releases: some
26 reverse() calls when it is rendered, a tenth of the render. reverse() of one URL name with
another slug only puts the slug in another place, so the address is reversed once with a
stand-in per URL name, language, URL configuration and script prefix (all can change it), and
the slug is put in its place. A slug with a character reverse() would escape is reversed as
usual. A change of settings (a test overriding the URL configuration) starts afresh.
"""

import functools
import re

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What a SlugField holds, none of it escaped in a path: ASCII letters, digits, "-" and "_".
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_STAND_IN = "slug-stand-in-5f3a"


def slug_url(name, slug):
    """reverse(name, kwargs={"slug": slug}) in the active language."""
    if not _PLAIN_SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _parts(name, get_language(), get_urlconf(), get_script_prefix())
    return f"{before}{slug}{after}"


@functools.cache
def _parts(name, language, urlconf, prefix):
    before, after = reverse(name, kwargs={"slug": _STAND_IN}).split(_STAND_IN)
    return before, after


def _forget(**kwargs):
    _parts.cache_clear()


setting_changed.connect(_forget, dispatch_uid="newsroom.slug_urls")
