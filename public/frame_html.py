"""The page around every public page's content: its <head>, the banner, header and footer.

What does not change from page to page (the banner, the menus, the footer, the site's feeds,
stylesheets and scripts) is `includes/frame.html`, rendered once per process for each interface
language and site address: everything in it comes from settings, translations and static file
names, which change only with a deployment (a new process), or in tests with a setting
(cleared then). Each page puts its own parts in the frame's slots, built here in Python: its
title, description and addresses in each language with its link-preview tags, its feed, its
JSON-LD, the links to it in the other languages, and its content. The template engine walked the
whole frame on every page built afresh, a millisecond of a search's four.

Template pages get it through base.html ({% frame_start %} and {% frame_end %}); pages whose
content is built in Python (the search page) call page() and skip the template engine.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.template import loader
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from public import social_meta as social_meta_html
from public.html_format import as_written, format_html, format_html_join

from . import context_processors, seo

# The frame's slots, in the order they appear in it.
_SLOTS = ("head", "feed", "json_ld", "language_links", "content")
# Stands for a slot while the frame is rendered; no template writes a NUL character.
_MARK = "\0"


def page(request, *, content, meta):
    """The whole page of `content` (HTML) described by `meta` (a PageMeta), at its own address
    in each language."""
    canonical_url, alternates, other_languages = seo.addresses(request)
    return SafeString(
        start(
            request,
            meta=meta,
            canonical_url=canonical_url,
            alternates=alternates,
            other_languages=other_languages,
        )
        + content
        + end(request)
    )


def start(request, *, meta, canonical_url, alternates, other_languages, feed=None, json_ld=""):
    """The page up to its content. `alternates` and `other_languages` are (code, name,
    address) of the page in every language and in the others, or callables that find them
    (seo.addresses(): called only here); `feed` its feed's links (public.feeds.links) or None;
    `json_ld` its structured data's <script>."""
    alternates, other_languages = _listed(alternates), _listed(other_languages)
    chunks = _chunks(get_language(), context_processors.site_domain(request))
    parts = (
        _head(request, meta, canonical_url, alternates, other_languages),
        _feed(feed),
        json_ld,
        format_html_join(
            "",
            '<li class="usa-nav__secondary-item"><a href="{}" lang="{}" hreflang="{}">{}</a></li>',
            ((url, code, code, capfirst(name)) for code, name, url in other_languages),
        ),
    )
    before_content = (chunk + part for chunk, part in zip(chunks, parts, strict=False))
    return mark_safe("".join(before_content) + chunks[len(parts)])


def end(request):
    """The page after its content."""
    return mark_safe(_chunks(get_language(), context_processors.site_domain(request))[-1])


def _listed(addresses):
    """A page's addresses in each language: as given, or found by the callable given."""
    if callable(addresses):
        return addresses()
    return addresses or []


def _head(request, meta, canonical_url, alternates, other_languages):
    """The title, description, robots and address tags and the link-preview tags."""
    site_name = settings.NEWSROOM_SITE_NAME
    if meta:
        title = format_html("{} | {}", meta.title, site_name)
        description = meta.description
    else:
        title = site_name
        description = as_written(
            _("News releases from the %(agency_name)s."),
            agency_name=settings.NEWSROOM_AGENCY_NAME,
        )
    addresses = ""
    if canonical_url and not (meta and meta.noindex):
        addresses = format_html(
            '\n  <link rel="canonical" href="{}">\n  {}{}\n  ',
            canonical_url,
            format_html_join(
                "",
                '<link rel="alternate" hreflang="{}" href="{}">\n  ',
                ((code, url) for code, _name, url in alternates),
            ),
            format_html('<link rel="alternate" hreflang="x-default" href="{}">', alternates[0][2])
            if alternates
            else "",
        )
    return format_html(
        '<title>{}</title>\n  <meta name="description" content="{}">\n  {}\n  {}\n  {}',
        title,
        description,
        mark_safe('<meta name="robots" content="noindex">') if meta and meta.noindex else "",
        addresses,
        social_meta_html.social_meta(
            request,
            meta=meta,
            site_name=site_name,
            language=get_language(),
            canonical_url=canonical_url,
            other_languages=other_languages,
        )
        if meta
        else "",
    )


def _feed(feed):
    if not feed:
        return ""
    return format_html(
        '\n  <link rel="alternate" type="application/rss+xml" title="{} (RSS)" href="{}">\n'
        '  <link rel="alternate" type="application/atom+xml" title="{} (Atom)" href="{}">\n  ',
        feed["title"],
        feed["rss"],
        feed["title"],
        feed["atom"],
    )


@functools.lru_cache(maxsize=64)
def _chunks(language, domain):
    """The frame in `language` at `domain`, cut at its slots: the HTML before the first slot,
    between each two and after the last."""
    context = context_processors.site_settings() | {
        "site_domain": domain,
        "slots": {name: mark_safe(f"{_MARK}{name}{_MARK}") for name in _SLOTS},
    }
    parts = loader.render_to_string("includes/frame.html", context).split(_MARK)
    if tuple(parts[1::2]) != _SLOTS:
        raise ValueError(f"includes/frame.html must show each of {_SLOTS} once, in that order")
    return tuple(mark_safe(chunk) for chunk in parts[0::2])


@functools.partial(setting_changed.connect, weak=False)
def _forget_frames(**kwargs):
    """A test that changes a setting may change the frame."""
    _chunks.cache_clear()
