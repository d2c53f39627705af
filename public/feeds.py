"""RSS 2.0 and Atom feeds: every release, or one kind, tag, organization or initiative.

Each entry carries the summary and the full release (body blocks with quotes and their
attributions, tables and photos) with absolute links, and the hero photo as an enclosure.
"""

import mimetypes
import re
from dataclasses import dataclass
from functools import partial

from content_editor.contents import contents_for_items
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.images.services import prefetch_photos
from articles.models import BODY_BLOCK_MODELS, Article
from newsroom.compiled_reads import CompiledRead

from . import kinds
from .feed_xml import ContentAtom, ContentRss, writable
from .filters import FACET
from .release_cache import per_release
from .versions import with_release_version

ITEMS = 20

# Relative links and images in the full content would resolve against the feed reader, not us.
_RELATIVE = re.compile(r'(\s(?:href|src))="/(?!/)')
_SRCSET = re.compile(r'(\ssrcset)="([^"]*)"')


def absolutize(html, base):
    html = _RELATIVE.sub(rf'\1="{base}/', html)
    return _SRCSET.sub(
        lambda match: '{}="{}"'.format(
            match.group(1),
            ", ".join(
                f"{base}{candidate}"
                if candidate.startswith("/") and not candidate.startswith("//")
                else candidate
                for candidate in (part.strip() for part in match.group(2).split(","))
            ),
        ),
        html,
    )


@dataclass
class Scope:
    """Which releases a feed carries, and what it is called."""

    title: str
    description: str
    page_url: str
    url_name: str  # the feed's URL names are feeds:<url_name>_rss and feeds:<url_name>_atom
    url_kwargs: dict
    # The kind, or the tag's, organization's or initiative's primary key; None: every release.
    narrowed_by: object = None


def scope_for(*, kind=None, tag=None, organization=None, initiative=None):
    agency = settings.NEWSROOM_AGENCY_NAME
    site = settings.NEWSROOM_SITE_NAME
    if kind is not None:
        plural = str(kinds.PLURALS[kind])
        return Scope(
            title=f"{site}: {plural}",
            description=_("%(kinds)s from the %(agency)s.") % {"kinds": plural, "agency": agency},
            page_url=reverse("public:kind", kwargs={"kind": kind}),
            url_name="kind",
            url_kwargs={"kind": kind},
            narrowed_by=kind,
        )
    for param, obj in (("tag", tag), ("organization", organization), ("initiative", initiative)):
        if obj is not None:
            return Scope(
                title=f"{site}: {obj}",
                description=_("Releases from the %(agency)s about %(topic)s.")
                % {"agency": agency, "topic": obj},
                page_url=reverse(f"public:{param}", kwargs={"slug": obj.slug}),
                url_name=param,
                url_kwargs={"slug": obj.slug},
                narrowed_by=obj.pk,
            )
    return Scope(
        title=site,
        description=_("Every release from the %(agency)s.") % {"agency": agency},
        page_url=reverse("public:home"),
        url_name="all",
        url_kwargs={},
    )


def links(scope):
    """{"title", "rss", "atom", "alerts"} for a page's feed links and <link rel="alternate">;
    "alerts" names the same releases on the e-mail alerts form ("all", "tag:aviation")."""
    value = next(iter(scope.url_kwargs.values()), "")
    return {
        "title": scope.title,
        "rss": reverse(f"feeds:{scope.url_name}_rss", kwargs=scope.url_kwargs),
        "atom": reverse(f"feeds:{scope.url_name}_atom", kwargs=scope.url_kwargs),
        "alerts": f"{scope.url_name}:{value}" if value else scope.url_name,
    }


# The feeds narrowed to one tag, organization or initiative; found as the list filters are.
SCOPE_FACETS = ("tag", "organization", "initiative")


class ReleaseFeed:
    """The view of every feed in one format. Django's feed generator writes the channel; each
    item comes written from the per-release cache (public.feed_xml). One instance serves every
    request."""

    feed_type = ContentRss
    format = "rss"

    def __call__(self, request, scope="all", kind=None, slug=None):
        if scope in SCOPE_FACETS:
            found = scope_for(**{scope: FACET[scope].lookup(slug)})
        else:
            found = scope_for(kind=kind)
        feed = self.feed_type(
            title=writable(found.title),
            link=request.build_absolute_uri(found.page_url),
            description=writable(found.description),
            subtitle=writable(found.description),
            language=get_language(),
            feed_url=request.build_absolute_uri(
                reverse(f"feeds:{found.url_name}_{self.format}", kwargs=found.url_kwargs)
            ),
        )
        for item in self.items(request, found):
            feed.add_written_item(item)
        response = HttpResponse(content_type=feed.content_type)
        # The newest item's date, for conditional requests (public.middleware).
        response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        feed.write(response, "utf-8")
        return response

    def items(self, request, scope):
        newest = _NEWEST[scope.url_name]
        narrowed = () if scope.narrowed_by is None else (scope.narrowed_by,)
        releases = newest(get_language(), timezone.now(), *narrowed)
        written = per_release(
            request,
            releases,
            name=f"feed-item:{self.format}",
            build=partial(_written_items, request, self.feed_type),
        )
        # A release deleted since the first query has no item.
        return [written[release.pk] for release in releases if release.pk in written]


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = ContentAtom
    format = "atom"


def _newest(url_name, language, now, narrowed_by=None):
    """A feed's releases: in its language (/feeds/…, /es/feeds/…, each with its <language>),
    published at `now`, newest first. Only their ids and versions: the items come written from
    the cache, and the few written anew read their releases whole (_written_items)."""
    releases = with_release_version(Article.objects.published(now=now).filter(language=language))
    if url_name == "kind":
        releases = releases.filter(kind=narrowed_by)
    elif url_name in SCOPE_FACETS:
        facet = FACET[url_name]
        releases = releases.filter(facet.releases(facet.model(pk=narrowed_by)))
    return releases.only("pk").order_by("-release_at", "-pk")[:ITEMS]


# Each kind of feed's query, compiled once per process (newsroom.compiled_reads).
_NEWEST = {
    url_name: CompiledRead(Article, partial(_newest, url_name))
    for url_name in ("all", "kind", *SCOPE_FACETS)
}


def _written_items(request, feed_type, releases):
    """{release id: its item as feed_type writes it} (public.release_cache keeps them per release
    version). The same queries for one release as for a page: the releases themselves, then one
    per relation and block type."""
    releases = list(Article.objects.filter(pk__in=[release.pk for release in releases]))
    prefetch_related_objects(releases, "hero_image", "tags", "byline_people__roles", "corrections")
    # One query per block type for all the releases together, not per release.
    bodies = contents_for_items(releases, BODY_BLOCK_MODELS)
    prefetch_photos(releases, bodies)
    base = request.build_absolute_uri("/").rstrip("/")
    return {
        release.pk: feed_type.written_item(**_item(request, release, bodies[release], base))
        for release in releases
    }


def _item(request, release, body, base):
    """The feed generator's add_item() arguments for `release`."""
    link = request.build_absolute_uri(release.get_absolute_url())
    content = render_to_string(
        "feeds/release.html", {"article": release, "body": body}, request=request
    )
    return {
        "title": writable(release.headline),
        "link": link,
        "unique_id": link,
        "description": writable(release.summary or release.subheadline or release.headline),
        "pubdate": release.release_at,
        "updateddate": release.revised_at or release.release_at,
        "author_name": writable(_authors(release)),
        "categories": [writable(tag.name) for tag in release.tags.all()],
        "enclosures": _enclosures(request, release.hero_image),
        "content": writable(absolutize(content, base)),
    }


def _authors(release):
    # With the rank each author held on the release date, as the release page prints it.
    authors = ", ".join(
        person.name_with_rank(person.role_on(release.release_date))
        for person in release.byline_people.all()
    )
    return authors or release.byline_text or settings.NEWSROOM_AGENCY_NAME


def _enclosures(request, image):
    """The hero photo as the item's one enclosure (url, length, MIME type), if it has one."""
    if image is None:
        return []
    try:
        length = str(image.file.size)
    except OSError:
        length = "0"  # RSS requires the attribute; readers take 0 as "unknown"
    mime_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
    return [feedgenerator.Enclosure(request.build_absolute_uri(image.file.url), length, mime_type)]
