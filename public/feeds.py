"""RSS 2.0 and Atom feeds: every release, or one kind, tag, organization or initiative.

Each entry carries the summary and the full release (body blocks with quotes and their
attributions, tables and photos) with absolute links, and the hero photo as an enclosure.
"""

import mimetypes
import re
from dataclasses import dataclass

from content_editor.contents import contents_for_items
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.images.services import prefetch_photos
from articles.models import BODY_BLOCK_MODELS, Article

from . import kinds
from .filters import FACET

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


class ContentRss(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full release in <content:encoded>, as most feed readers expect."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class ContentAtom(feedgenerator.Atom1Feed):
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
        releases = (
            Article.objects.published()
            .filter(language=get_language())
            .select_related("hero_image")
            .prefetch_related("tags", "byline_people__roles", "corrections")
        )
        if scope.condition is not None:
            releases = releases.filter(scope.condition)
        items = list(releases.order_by("-release_at", "-pk")[:ITEMS])
        # One query per block type for all the releases together, not per release.
        bodies = contents_for_items(items, BODY_BLOCK_MODELS)
        prefetch_photos(items, bodies)
        base = scope.request.build_absolute_uri("/").rstrip("/")
        for item in items:
            html = render_to_string(
                "feeds/release.html",
                {"article": item, "body": bodies[item]},
                request=scope.request,
            )
            item.feed_content = absolutize(html, base)
            if item.hero_image:
                item.feed_image_url = scope.request.build_absolute_uri(item.hero_image.file.url)
        return items

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.summary or item.subheadline or item.headline

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.release_at

    def item_updateddate(self, item):
        return item.revised_at or item.release_at

    def item_author_name(self, item):
        # With the rank each author held on the release date, as the release page prints it.
        authors = ", ".join(
            person.name_with_rank(person.role_on(item.release_date))
            for person in item.byline_people.all()
        )
        return authors or item.byline_text or settings.NEWSROOM_AGENCY_NAME

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        image = item.hero_image
        if image is None:
            return []
        try:
            length = str(image.file.size)
        except OSError:
            length = "0"  # RSS requires the attribute; readers take 0 as "unknown"
        mime_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
        return [feedgenerator.Enclosure(item.feed_image_url, length, mime_type)]

    def item_extra_kwargs(self, item):
        return {"content": item.feed_content}


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = ContentAtom
    format = "atom"
