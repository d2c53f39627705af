"""`{% responsive_image image sizes="…" lazy=True %}`: a <picture> from an Image's renditions."""

from django import template
from django.utils.html import format_html

from articles.images.renditions import WEBP
from articles.images.services import high_resolution as high_resolution_file
from articles.images.services import renditions_for

register = template.Library()

# Browsers that ignore srcset get the fallback closest to this width.
DEFAULT_SRC_WIDTH = 960


def _srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


@register.simple_tag
def responsive_image(image, sizes="100vw", lazy=True):
    """Below the fold pass lazy=True; the first image on a page should load at once.

    Written with format_html rather than an inclusion template: every photo of a release page
    renders it, and the template made it cost a third more (0.16 against 0.12 ms a photo)."""
    made = renditions_for(image)
    webp = [rendition for rendition in made if rendition.format == WEBP]
    fallback = [rendition for rendition in made if rendition.format != WEBP]
    src = next(
        (rendition for rendition in reversed(fallback) if rendition.width <= DEFAULT_SRC_WIDTH),
        fallback[0] if fallback else None,
    )
    return format_html(
        '<picture>{}<img src="{}"{} alt="{}"{}{} decoding="async"></picture>\n',
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
        if webp
        else "",
        src.file.url if src else image.file.url,
        format_html(' srcset="{}" sizes="{}"', _srcset(fallback), sizes) if fallback else "",
        image.alt,
        format_html(' width="{}" height="{}"', image.width, image.height) if image.width else "",
        format_html(' loading="lazy"') if lazy else format_html(' fetchpriority="high"'),
    )


@register.filter
def high_resolution(image):
    """The file a reader downloads (credits written in), or None when downloads are off."""
    return high_resolution_file(image)
