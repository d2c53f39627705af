"""Links in rich text to a release of this site must point at one readers can open."""

from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleStatus

from ..registry import Flag, Severity, release_check

_ARTICLE_VIEW = "public:article"


def _is_this_site(host):
    domain, _port = split_domain_port(host)
    # "*" would make every address on the web look like ours.
    allowed = [pattern for pattern in settings.ALLOWED_HOSTS if pattern != "*"]
    return bool(domain) and validate_host(domain, allowed)


def release_slug(href, *, base):
    """The slug of the release `href` points at on this site, or None for any other link."""
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https", "") or (
        parts.netloc and not _is_this_site(parts.netloc)
    ):
        return None
    try:
        match = resolve(unquote(parts.path))
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.view_name == _ARTICLE_VIEW else None


@release_check(
    "release-link", severity=Severity.ERROR, title=gettext_lazy("Link to an unpublished release")
)
def links_to_unpublished_releases(document):
    base = reverse(_ARTICLE_VIEW, kwargs={"slug": document.slug or "release"})
    links = [
        (link, slug)
        for block in document.blocks
        for link in block.links
        # A link within this release ("#contacts") is not a link to another one.
        if (slug := release_slug(link.href, base=base)) and slug != document.slug
    ]
    if not links:
        return
    slugs = {slug for _link, slug in links}
    targets = {
        row["slug"]: row
        for row in Article.objects.filter(slug__in=slugs).values(
            "slug", "headline", "status", "release_at"
        )
    }
    public = set(Article.objects.published().filter(slug__in=slugs).values_list("slug", flat=True))
    for link, slug in links:
        target = targets.get(slug)
        if target is None:
            yield Flag(
                link.location,
                _(
                    "The link “%(text)s” points to a release that does not exist "
                    "(%(href)s). Correct the address, or remove the link."
                )
                % {"text": link.text, "href": link.href},
                subject=link.href,
            )
        elif slug in public or (
            target["status"] == ArticleStatus.PUBLISHED
            and document.release_at is not None
            and target["release_at"] is not None
            and target["release_at"] <= document.release_at
        ):
            # Public already, or scheduled to be public before this release goes out.
            continue
        else:
            yield Flag(
                link.location,
                _(
                    "The link “%(text)s” points to the release “%(headline)s”, which readers "
                    "cannot open yet (%(state)s). Publish that release first, or remove the link."
                )
                % {
                    "text": link.text,
                    "headline": target["headline"],
                    "state": _state(target),
                },
                subject=link.href,
            )


def _state(target):
    if target["status"] == ArticleStatus.PUBLISHED and target["release_at"] is not None:
        return _("scheduled for %(date)s") % {
            "date": formats.date_format(timezone.localtime(target["release_at"]), "DATETIME_FORMAT")
        }
    return ArticleStatus(target["status"]).label.lower()
