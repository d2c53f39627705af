"""Photos on public pages: responsive renditions, made once, at a fixed query cost."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Image, ImageBlock, ImageRendition
from tests import image_files
from tests.caches import empty_every_cache
from tests.factories import ArticleFactory, ImageFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(width=2000, height=1000, **fields):
    """A camera photo uploaded the way the admin does it."""
    return ImageFactory(
        file=ContentFile(image_files.camera_jpeg(width, height), name="patrol.jpg"), **fields
    )


def add_image_blocks(article, images):
    for position, image in enumerate(images):
        ImageBlock.objects.create(
            parent=article, region="body", ordering=10 * (position + 1), image=image
        )


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, flags=re.S)


def test_article_photos_are_responsive_with_dimensions_and_lazy_below_the_fold(client):
    hero, body_photo = photo(), photo(caption="Students cross the river.")
    article = ArticleFactory(hero_image=hero)
    add_image_blocks(article, [body_photo])
    html = client.get(article.get_absolute_url()).content.decode()
    hero_html, body_html = pictures(html)

    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', hero_html)
    widths = [int(w) for w in re.findall(r" (\d+)w", webp.group(1))]
    assert widths == [480, 960, 1600]
    assert re.search(r'<img src="[^"]+-960w\.jpg" srcset="[^"]+ 480w, ', hero_html)
    for picture in (hero_html, body_html):
        assert 'width="2000" height="1000"' in picture
        assert 'alt="Soldiers crossing a river on a rope bridge"' in picture
    # The hero is the first thing a reader sees; photos further down wait until scrolled to.
    assert 'loading="lazy"' not in hero_html and 'fetchpriority="high"' in hero_html
    assert 'loading="lazy"' in body_html
    assert "Students cross the river." in html


def test_decorative_images_have_empty_alt_text(client):
    article = ArticleFactory(hero_image=photo(alt_text="", is_decorative=True))
    (hero_html,) = pictures(client.get(article.get_absolute_url()).content.decode())
    assert 'alt=""' in hero_html


def test_download_link_only_where_the_office_allows_it(client):
    allowed = photo(title="Convoy")
    withheld = photo(title="Partner unit", allow_download=False)
    article = ArticleFactory(hero_image=allowed)
    add_image_blocks(article, [withheld])
    html = client.get(article.get_absolute_url()).content.decode()
    links = re.findall(r'<a href="([^"]+)" download>(.*?)</a>', html, flags=re.S)
    assert len(links) == 1
    href, text = links[0]
    allowed.refresh_from_db()
    # The credited copy of the stripped original (tests/test_photo_downloads.py).
    assert href == allowed.download.url
    assert "Download high resolution" in text and "Convoy" in text
    assert withheld.file.url not in html  # the original itself is never linked
    assert not withheld.download
    assert "JPEG, 2000 × 1000 pixels" in html


def test_renditions_are_made_once_then_reused(client, media_root):
    # An image saved without the upload service (e.g. by an import) has no renditions yet.
    image = Image(title="Imported", alt_text="A landing craft on a beach")
    image.file = ContentFile(image_files.camera_jpeg(1000, 600), name="import.jpg")
    image.save()
    article = ArticleFactory(hero_image=image)
    assert not ImageRendition.objects.exists()

    client.get(article.get_absolute_url())
    made = set(ImageRendition.objects.values_list("width", "format"))
    assert made == {(480, "webp"), (480, "jpeg"), (960, "webp"), (960, "jpeg")} | {
        (1000, "webp"),
        (1000, "jpeg"),
    }
    files = sorted(Path(media_root).rglob("*.*"))

    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url()).content.decode()
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert ImageRendition.objects.count() == 6
    assert sorted(Path(media_root).rglob("*.*")) == files
    assert "-480w.webp 480w" in html


def test_the_same_photo_twice_on_a_page_is_rendered_once(client):
    image = Image(title="Imported", alt_text="A landing craft on a beach")
    image.file = ContentFile(image_files.camera_jpeg(600, 400), name="import.jpg")
    image.save()
    article = ArticleFactory(hero_image=image)
    add_image_blocks(article, [image, image])
    client.get(article.get_absolute_url())
    assert ImageRendition.objects.count() == 4  # 480 and 600 wide, WebP and JPEG


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_the_number_of_images(client, no_page_cache):
    one, ten = (
        ArticleFactory(hero_image=photo(600, 300)),
        ArticleFactory(hero_image=photo(600, 300)),
    )
    add_image_blocks(one, [photo(600, 300)])
    add_image_blocks(ten, [photo(600, 300) for _ in range(10)])
    assert _queries_for(client, one.get_absolute_url()) == _queries_for(
        client, ten.get_absolute_url()
    )


def test_home_query_count_does_not_grow_with_the_number_of_photos(client, no_page_cache):
    ArticleFactory(hero_image=photo(600, 300))
    first = _queries_for(client, reverse("public:home"))
    for _ in range(5):
        ArticleFactory(hero_image=photo(600, 300))
    html = client.get(reverse("public:home")).content.decode()
    assert len(pictures(html)) == 6
    # Every card built again (public.card_cache), as for the first count.
    empty_every_cache()
    assert _queries_for(client, reverse("public:home")) == first


def test_a_missing_original_does_not_break_the_page(client, media_root):
    image = Image(title="Lost", alt_text="A helicopter over the canal")
    image.file = ContentFile(image_files.camera_jpeg(800, 600), name="lost.jpg")
    image.save()
    Path(image.file.path).unlink()
    article = ArticleFactory(hero_image=image)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    (hero_html,) = pictures(response.content.decode())
    assert f'<img src="{image.file.url}"' in hero_html


def test_portraits_and_logos_are_shown_on_their_pages(client):
    person = PersonFactory(portrait=photo(800, 1000, alt_text="Portrait of Staff Sgt. Rivera"))
    organization = person.organization
    organization.logo = ImageFactory(
        file=ContentFile(image_files.png_with_alpha(), name="crest.png"), alt_text="Unit crest"
    )
    organization.save()
    ArticleFactory().people.add(person)  # pages exist for people a published release names
    (portrait,) = pictures(client.get(person.get_absolute_url()).content.decode())
    assert 'alt="Portrait of Staff Sgt. Rivera"' in portrait and "-480w.webp" in portrait
    (logo,) = pictures(client.get(organization.get_absolute_url()).content.decode())
    assert 'alt="Unit crest"' in logo and "-480w.png" in logo
