"""`{% responsive_image image sizes="…" lazy=True %}`: a <picture> from an Image's renditions;
`{% figure image caption=… lazy=… sizes=… %}`: that picture with its caption, credit and download
link (both written in public.picture_html)."""

from django import template

from articles.images.services import high_resolution as high_resolution_file
from public import picture_html

register = template.Library()
register.simple_tag(picture_html.responsive_image, name="responsive_image")
register.simple_tag(picture_html.figure, name="figure")


@register.filter
def high_resolution(image):
    """The file a reader downloads (credits written in), or None when downloads are off."""
    return high_resolution_file(image)
