"""`{% responsive_image image sizes="…" lazy=True %}`: a <picture> from an Image's renditions."""

from django import template

from articles.images.renditions import WEBP
from articles.images.services import high_resolution as high_resolution_file
from articles.images.services import renditions_for

register = template.Library()

# Browsers that ignore srcset get the fallback closest to this width.
DEFAULT_SRC_WIDTH = 960


def _srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(image, sizes="100vw", lazy=True):
    """Below the fold pass lazy=True; the first image on a page should load at once."""
    made = renditions_for(image)
    webp = [rendition for rendition in made if rendition.format == WEBP]
    fallback = [rendition for rendition in made if rendition.format != WEBP]
    src = next(
        (rendition for rendition in reversed(fallback) if rendition.width <= DEFAULT_SRC_WIDTH),
        fallback[0] if fallback else None,
    )
    return {
        "image": image,
        "sizes": sizes,
        "lazy": lazy,
        "webp_srcset": _srcset(webp),
        "fallback_srcset": _srcset(fallback),
        "src": src.file.url if src else image.file.url,
    }


@register.filter
def high_resolution(image):
    """The file a reader downloads (credits written in), or None when downloads are off."""
    return high_resolution_file(image)
