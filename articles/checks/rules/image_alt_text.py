"""Every photo a reader may not see needs alternative text, unless it is decorative."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import ImageBlock

from ..document import ReleaseDocument
from ..registry import Flag, Severity, release_check


def _missing_alt(image):
    return not image.is_decorative and not image.alt_text.strip()


def _message(image):
    return _(
        "The photo “%(title)s” has no alternative text. Open it in the media library and "
        "describe what it shows for readers who cannot see it, or mark it decorative if it "
        "adds nothing they need."
    ) % {"title": image.title}


@release_check(
    "image-alt-text", severity=Severity.ERROR, title=gettext_lazy("Photo without alternative text")
)
def images_without_alt_text(document):
    if document.hero_image is not None and _missing_alt(document.hero_image):
        yield Flag(ReleaseDocument.field_location("hero_image"), _message(document.hero_image))
    for block in document.blocks_of(ImageBlock):
        if _missing_alt(block.instance.image):
            yield Flag(block.location, _message(block.instance.image))
