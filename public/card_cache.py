"""What lists and feeds show of each release, rendered once per version of the release.

A list page (home, kinds, archive, tags, people, organizations, initiatives, search) shows a
card or a thumbnail per release, and a feed an item per release. Each depends only on that
release and what it names, so it is kept per release, language and site address under the
release's version (public.versions), which public.invalidation renews with every change to one
of those, as for the release page's own content (public.release_cache). The version comes in
the list's own query (ArticleQuerySet.with_list_relations); a page's entries are read with one
cache round trip and only the missing or outdated ones are built, together, and stored with
one more (release_cache.per_release). RELEASE_CACHE_ENABLED=0 builds every one on every
request (the benchmark's "cold" mode).
"""

from django.db.models import prefetch_related_objects
from django.template import loader

from articles.models import Article

from .release_cache import per_release


def _build_cards(releases):
    """{release id: a card for the release, the featured variant for the home page's featured
    releases, and the parts of a shorter list item (search results, a person's latest
    releases): the address, the kind and date, a thumbnail, the headline and summary}. Two
    queries for all of them: the hero photos and their renditions; releases read in part take
    one more (_whole)."""
    releases = _whole(releases)
    prefetch_related_objects(releases, "hero_image__renditions")
    return {
        release.pk: {
            "card": _render_card(release, featured=False),
            "featured": _render_card(release, featured=True) if release.is_featured else None,
            "url": release.get_absolute_url(),
            "kind_and_date": _render("includes/kind_and_date.html", release),
            "thumbnail": _render("includes/release_thumbnail.html", release),
            "headline": release.headline,
            "summary": release.summary,
        }
        for release in releases
    }


def _whole(releases):
    """`releases` as whole releases. A search reads its results with only what its page shows
    next to their cards (public.search.ShownRelease), so the ones whose card is built are read
    whole, together."""
    if all(isinstance(release, Article) for release in releases):
        return releases
    return list(Article.objects.filter(pk__in=[release.pk for release in releases]))


def _render(template, release):
    return loader.render_to_string(template, {"release": release})


def _render_card(release, *, featured):
    return loader.render_to_string(
        "includes/article_card.html", {"article": release, "featured": featured}
    )


def cards(request, releases, *, featured_first=False):
    """[(release, card)] for a list's releases (with_list_relations()): card["card"] is its
    <article> (the featured one when `featured_first` and the release is featured);
    card["url"], card["kind_and_date"], card["thumbnail"], card["headline"] and
    card["summary"] make a shorter list item."""
    releases = list(releases)
    built = per_release(request, releases, name="card", build=_build_cards)
    shown = []
    for release in releases:
        card = built[release.pk]
        if featured_first and card["featured"]:
            card = card | {"card": card["featured"]}
        shown.append((release, card))
    return shown
