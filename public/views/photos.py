"""A release's photos on one page: each with its caption, credit, VIRIN and high-resolution
download, and the zip of all of them that was built when the release was published."""

from content_editor.contents import contents_for_item
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.http import http_date
from django.utils.translation import gettext as _

from articles.images.archives import current_archive, release_photos
from articles.models import Article, ImageBlock
from public.seo import PageMeta


def release_photos_page(request, slug):
    article = get_object_or_404(
        Article.objects.published().select_related("hero_image", "photo_archive"), slug=slug
    )
    photos = release_photos(article, contents_for_item(article, [ImageBlock]))
    prefetch_related_objects(photos, "renditions")
    meta = PageMeta(
        title=_("Photos: %(headline)s") % {"headline": article.headline},
        description=_("%(count)d photos from the release “%(headline)s”, to view and download.")
        % {"count": len(photos), "headline": article.headline},
        image=article.hero_image,
    )
    response = render(
        request,
        "public/release_photos.html",
        {
            "article": article,
            "photos": photos,
            "archive": current_archive(article, photos),
            "meta": meta,
        },
    )
    modified = max([article.updated_at, *(photo.updated_at for photo in photos)])
    response.headers["Last-Modified"] = http_date(modified.timestamp())
    return response
