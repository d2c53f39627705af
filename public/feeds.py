"""RSS 2.0 and Atom feeds: every release, or one kind, tag, organization or initiative.

Each entry carries the summary and the full release (body blocks with quotes and their
attributions, tables and photos) with absolute links, and the hero photo as an enclosure.
"""

import io
import mimetypes
import re
from dataclasses import dataclass
from functools import partial

from content_editor.contents import contents_for_items
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.images.services import prefetch_photos
from articles.models import BODY_BLOCK_MODELS, Article

from . import kinds
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


class WrittenAtOnce:
    """The XML writer's thousand small writes go to memory, the response gets one: each write
    to an HttpResponse is encoded and stored as a chunk of its own."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class ContentRss(WrittenAtOnce, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full release in <content:encoded>, as most feed readers expect."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class ContentAtom(WrittenAtOnce, feedgenerator.Atom1Feed):
    """Atom with the summary in <summary> and the full release in <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass
class Scope:
    """Which releases a feed carries, and what it is called."""

    title: str
    description: str
    page_url: str
    url_name: str  # the feed's URL names are feeds:<url_name>_rss and feeds:<url_name>_atom
    url_kwargs: dict
    condition: Q = None  # None: every release
    request: object = None


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
            condition=Q(kind=kind),
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
                condition=FACET[param].releases(obj),
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


class ReleaseFeed(Feed):
    """One instance serves every request: per-request state lives on the Scope and the items."""

    feed_type = ContentRss
    format = "rss"

    def get_object(self, request, scope="all", kind=None, slug=None):
        if scope in SCOPE_FACETS:
            found = scope_for(**{scope: FACET[scope].lookup(slug)})
        else:
            found = scope_for(kind=kind)
        found.request = request
        return found

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return scope.page_url

    def description(self, scope):
        return scope.description

    def subtitle(self, scope):
        return scope.description

    def feed_url(self, scope):
        return reverse(f"feeds:{scope.url_name}_{self.format}", kwargs=scope.url_kwargs)

    def items(self, scope):
        # Each language's feed (/feeds/…, /es/feeds/…, with its <language>) carries the
        # releases written in that language.
        releases = with_release_version(Article.objects.published().filter(language=get_language()))
        if scope.condition is not None:
            releases = releases.filter(scope.condition)
        releases = list(releases.order_by("-release_at", "-pk")[:ITEMS])
        request = scope.request
        items = per_release(
            request, releases, name="feed-item", build=partial(_build_items, request)
        )
        return [items[release] for release in releases]

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return item["link"]

    def item_pubdate(self, item):
        return item["published"]

    def item_updateddate(self, item):
        return item["updated"]

    def item_author_name(self, item):
        return item["author"]

    def item_categories(self, item):
        return item["categories"]

    def item_enclosures(self, item):
        return [feedgenerator.Enclosure(*item["enclosure"])] if item["enclosure"] else []

    def item_extra_kwargs(self, item):
        return {"content": item["content"]}


def _build_items(request, releases):
    """{release: its feed item} (public.release_cache keeps them per release version). The same
    queries for one release as for a page: one per relation and block type."""
    prefetch_related_objects(releases, "hero_image", "tags", "byline_people__roles", "corrections")
    # One query per block type for all the releases together, not per release.
    bodies = contents_for_items(releases, BODY_BLOCK_MODELS)
    prefetch_photos(releases, bodies)
    base = request.build_absolute_uri("/").rstrip("/")
    return {
        release: {
            "title": release.headline,
            "description": release.summary or release.subheadline or release.headline,
            "link": release.get_absolute_url(),
            "published": release.release_at,
            "updated": release.revised_at or release.release_at,
            "author": _authors(release),
            "categories": [tag.name for tag in release.tags.all()],
            "enclosure": _enclosure(request, release.hero_image),
            "content": absolutize(
                render_to_string(
                    "feeds/release.html",
                    {"article": release, "body": bodies[release]},
                    request=request,
                ),
                base,
            ),
        }
        for release in releases
    }


def _authors(release):
    # With the rank each author held on the release date, as the release page prints it.
    authors = ", ".join(
        person.name_with_rank(person.role_on(release.release_date))
        for person in release.byline_people.all()
    )
    return authors or release.byline_text or settings.NEWSROOM_AGENCY_NAME


def _enclosure(request, image):
    """(url, length, MIME type) of the hero photo, or None."""
    if image is None:
        return None
    try:
        length = str(image.file.size)
    except OSError:
        length = "0"  # RSS requires the attribute; readers take 0 as "unknown"
    mime_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
    return (request.build_absolute_uri(image.file.url), length, mime_type)


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = ContentAtom
    format = "atom"
