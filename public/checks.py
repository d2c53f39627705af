"""System checks for the reader's side (`manage.py check`, and at every start)."""

from django.conf import settings
from django.core import checks

from . import search_engine, versions

# The longest a committed change may take to reach every reader, through every cache this
# project runs or ships in front of itself.
STALENESS_BOUND_SECONDS = 60
# A page rendered just before a change commits may leave the server just after it.
IN_FLIGHT_SECONDS = 5


def shared_cache_seconds(cache_control):
    """How long a shared cache (a CDN, a proxy) may serve a page without asking the site:
    its freshness (s-maxage, else max-age) plus stale-while-revalidate. stale-if-error is not
    counted: it applies only while the site answers with errors."""
    directives = {}
    for part in cache_control.split(","):
        name, _sep, value = part.strip().partition("=")
        directives[name.strip().lower()] = value.strip().strip('"')
    fresh = directives.get("s-maxage") or directives.get("max-age") or "0"
    return int(fresh) + int(directives.get("stale-while-revalidate") or 0)


def check_page_staleness(app_configs=None, **kwargs):
    try:
        shared = shared_cache_seconds(settings.PAGE_CACHE_CONTROL)
    except ValueError:
        return [
            checks.Error(
                f"PAGE_CACHE_CONTROL is not a valid Cache-Control value: "
                f"{settings.PAGE_CACHE_CONTROL!r}",
                id="public.E002",
            )
        ]
    worst = shared + versions.READ_INTERVAL_SECONDS + IN_FLIGHT_SECONDS
    if worst > STALENESS_BOUND_SECONDS:
        return [
            checks.Error(
                f"PAGE_CACHE_CONTROL lets shared caches serve a page for {shared} s without "
                f"asking the site: a change could take {worst:g} s to reach readers, more than "
                f"the {STALENESS_BOUND_SECONDS} s allowed.",
                hint="Lower max-age (or s-maxage) plus stale-while-revalidate to at most "
                f"{STALENESS_BOUND_SECONDS - worst + shared:g}.",
                id="public.E001",
            )
        ]
    return []


def check_search_analyzers(app_configs=None, **kwargs):
    """A language the search index has no rules for would fail every search (or, capitalized,
    stem nothing): say so at start instead."""
    return [
        checks.Error(
            f"NEWSROOM_SEARCH_ANALYZERS names {language_rules!r}, which the search index does "
            "not know.",
            hint="Use a lowercase Snowball language: english, spanish, french, portuguese, "
            "german, italian, dutch, …",
            id="public.E003",
        )
        for language_rules in search_engine.unknown_rules()
    ]


def register():
    checks.register(check_page_staleness)
    checks.register(check_search_analyzers)
