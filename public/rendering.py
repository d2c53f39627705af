"""The release renderer: the public release page, and the same page for staff previews and
embargoed readers (the admin's preview imports this module, never the views)."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import http_date
from django.utils.safestring import mark_safe

from articles.images.archives import downloadable, release_photos
from newsroom.slug_urls import slug_url
from public import language_versions, related_cache, release_cache, structured_data
from public.related_html import related_releases_html
from public.release_html import article_html
from public.release_reads import content_of
from public.seo import PageMeta


@dataclass(frozen=True)
class Preview:
    """A release shown before it is public: to staff (any state) or through an embargo link."""

    embargoed: bool
    release_at: object = None
    state: str = ""

    @classmethod
    def for_staff(cls, article):
        return cls(embargoed=False, release_at=article.release_at, state=article.state_label)

    @classmethod
    def embargo(cls, article):
        return cls(embargoed=True, release_at=article.release_at)


def private(response):
    """Pages that are not public yet: never indexed, cached or leaked through a referrer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _release_content(request, article, *, preview, versions):
    """What the release page shows of the release itself (the rendered <article> and, for the
    public page, its JSON-LD), and the related releases, read in the same query as the topics.

    Rendered in the release's own language (its labels, names and ranks too), whatever the
    reader's interface language: the <article> carries its lang attribute.
    At most thirteen statements whatever the number of blocks, people or topics (a translation
    reads its source's pending corrections too; public.release_reads), in one round trip on
    PostgreSQL.
    """
    with translation.override(article.language):
        return _release_content_in_language(request, article, preview=preview, versions=versions)


def _release_content_in_language(request, article, *, preview, versions):
    read = content_of(article)
    body, topics, credited = read.body, read.topics, read.credited
    authors = [person for person in credited if person.is_author]
    photos = downloadable(release_photos(article, body))
    html = article_html(
        article=article,
        body=body,
        corrections=list(article.corrections.all()),
        pending_corrections=read.pending_corrections,
        topics=topics,
        authors=authors,
        contacts=[person for person in credited if person.is_contact],
        photo_count=len(photos),
        # Previews have no public gallery yet.
        gallery_url=slug_url("public:photos", article.slug) if photos and not preview else None,
    )
    content = {
        "html": html,
        "tags": [topic.name for topic in topics["tag"]],
        "modified": article.revised_at or article.release_at or article.updated_at,
        # Written out once with the content, not on every render.
        "json_ld": None
        if preview
        else structured_data.json_ld(
            structured_data.news_article(
                request, article, body=body, authors=authors, topics=topics, versions=versions
            )
        ),
    }
    return content, topics["release"]


# Where the public page's shell (public.release_cache) takes the related releases. A comment
# cannot come out of a release's text: rich text is sanitized without comments, and every other
# field is escaped.
RELATED_SLOT = "<!-- newsroom:related-releases -->"


def render_release(request, article, *, preview=None, versions=None):
    """The release page, for the public or, with `preview`, for staff and embargoed readers.

    The public page comes from the release cache while the release's version and its published
    language `versions` (public.language_versions) are unchanged: everything on it but the
    related releases, which other releases change and which are filled in on every request from
    their own cache (public.related_cache). Then only the release itself is read.
    """
    versions = versions or {article.language: article}
    if preview:
        content, related = _release_content(request, article, preview=preview, versions=versions)
        response = render(
            request,
            "public/article_detail.html",
            _page_context(request, article, content, preview=preview, versions=versions)
            | {"related_html": related_releases_html(related)},
        )
        return private(response)
    built = {}

    def build():
        content, built["related"] = _release_content(
            request, article, preview=None, versions=versions
        )
        html = loader.render_to_string(
            "public/article_detail.html",
            _page_context(request, article, content, preview=None, versions=versions)
            | {"related_slot": mark_safe(RELATED_SLOT)},
            request,
        )
        before, after = html.split(RELATED_SLOT)
        return {"before": before, "after": after, "modified": content["modified"]}

    shell = release_cache.page(
        request, article, build, variant=language_versions.signature(versions)
    )
    related = related_cache.related(article, built=built.get("related"))
    response = HttpResponse(shell["before"] + related_releases_html(related) + shell["after"])
    # The release's own last change or correction; the ETag (middleware) also covers what it
    # links to.
    modified = max(article.updated_at, shell["modified"])
    response.headers["Last-Modified"] = http_date(modified.timestamp())
    return response


def _page_context(request, article, content, *, preview, versions):
    # Read in another language than its own: no version exists in the reader's language.
    fallback = preview is None and article.language != translation.get_language()
    meta = PageMeta(
        title=article.headline,
        description=article.summary or article.subheadline or article.headline,
        og_type="article",
        image=article.hero_image,
        noindex=preview is not None or fallback,
        article={
            "published_time": article.release_at.isoformat() if article.release_at else "",
            "modified_time": content["modified"].isoformat(),
            "section": article.get_kind_display(),
        },
        tags=content["tags"],
    )
    return {
        "article": article,
        "release_html": content["html"],
        "preview": preview,
        "meta": meta,
        "json_ld": content["json_ld"],
        "fallback_notice": language_versions.FALLBACK_NOTICES[article.language] if fallback else "",
        # The release's own address, whatever parameters the request carried: the page is
        # the same for all of them (and is stored once for all of them).
        "canonical_url": request.build_absolute_uri(request.path),
        # The interface's own (translated URLs) would pair this page with a wrong one.
        "alternates": language_versions.alternates(request, versions),
        "other_languages": language_versions.switcher(request, article, versions),
    }
