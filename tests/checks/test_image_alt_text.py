import pytest

from articles.models import ImageBlock
from tests.checks.helpers import draft, findings
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def photo_without_alt_text(**fields):
    """A photo stored before alt text was required, or changed outside the forms."""
    image = ImageFactory(**fields)
    type(image).objects.filter(pk=image.pk).update(alt_text="")
    image.refresh_from_db()
    return image


def add_image(article, image):
    return ImageBlock.objects.create(parent=article, region="body", ordering=10, image=image)


def test_a_body_photo_without_alt_text_is_an_error_naming_the_photo():
    article = draft()
    add_image(article, photo_without_alt_text(title="River crossing"))
    found = findings(article, "image-alt-text")
    assert [(f.location.label, f.is_error) for f in found] == [("Block 1 (image)", True)]
    assert "“River crossing” has no alternative text" in found[0].message
    assert "mark it decorative" in found[0].message


def test_a_hero_photo_without_alt_text_is_an_error_at_the_hero_field():
    article = draft(hero_image=photo_without_alt_text())
    found = findings(article, "image-alt-text")
    assert [(f.location.label, f.location.field) for f in found] == [("Hero photo", "hero_image")]


def test_described_and_decorative_photos_are_fine():
    article = draft(hero_image=ImageFactory(alt_text="", is_decorative=True))
    add_image(article, ImageFactory(alt_text="Two boats on a river"))
    assert findings(article, "image-alt-text") == []
