"""High-resolution downloads carry the library's title, caption, credit, VIRIN and date taken
(IPTC and XMP), never what the upload check removed; a release's photos have a gallery page and
a zip built when the release is published, never while a reader waits."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.images import credits
from articles.images.archives import build_photo_archive
from articles.images.services import save_image
from articles.models import Image, ImageBlock, PhotoArchive
from articles.workflow import transitions
from tests.factories import ArticleFactory, release_in_state
from tests.image_files import SERIAL, camera_jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def camera_photo(**fields):
    image = Image(
        title=fields.pop("title", "River crossing"),
        alt_text="Soldiers crossing a river on a rope bridge",
        caption=fields.pop("caption", "Students cross the Chucunaque River on the last day."),
        credit=fields.pop("credit", "U.S. Army photo by Spc. Dana Reyes"),
        virin=fields.pop("virin", "250314-A-AB123-1001"),
        **fields,
    )
    image.file = ContentFile(camera_jpeg(), name="IMG_0001.JPG")
    return save_image(image=image)


def stored(file):
    with file.open("rb") as handle:
        return handle.read()


def test_the_download_carries_caption_credit_and_virin_and_nothing_stripped(media_root):
    photo = camera_photo()
    data = stored(photo.download)
    iptc, xmp, exif = credits.read(data)
    assert iptc["Iptc.Application2.Caption"] == photo.caption
    assert iptc["Iptc.Application2.Credit"] == "U.S. Army photo by Spc. Dana Reyes"
    assert iptc["Iptc.Application2.TransmissionReference"] == "250314-A-AB123-1001"
    assert iptc["Iptc.Application2.ObjectName"] == "River crossing"
    assert xmp["Xmp.dc.description"] == {'lang="x-default"': photo.caption}
    assert xmp["Xmp.photoshop.Credit"] == "U.S. Army photo by Spc. Dana Reyes"
    assert xmp["Xmp.dc.identifier"] == "250314-A-AB123-1001"
    assert xmp["Xmp.photoshop.DateCreated"] == "2025-03-14"
    # The camera's GPS position, serial number, make and comment stay stripped.
    assert exif == {}
    assert not any("GPS" in key for key in xmp)
    assert SERIAL.encode() not in data and b"FOB Lion" not in data and b"Canon" not in data
    # The pixels are the stored original's: metadata written in place, nothing re-encoded.
    original = stored(photo.file)
    assert len(data) - len(original) < 4096
    assert photo.download.name.startswith("images/downloads/")


def test_an_edited_caption_makes_a_new_download_and_removes_the_old(
    media_root, django_capture_on_commit_callbacks
):
    photo = camera_photo()
    old = photo.download.name
    photo.caption = "Students cross the river at dawn."
    with django_capture_on_commit_callbacks(execute=True):
        save_image(image=photo)
    photo.refresh_from_db()
    assert photo.download.name != old
    assert credits.read(stored(photo.download))[0]["Iptc.Application2.Caption"] == (
        "Students cross the river at dawn."
    )
    assert not (media_root / old).exists()


def test_no_download_is_made_for_photos_that_may_not_be_downloaded(media_root):
    photo = camera_photo(allow_download=False)
    assert not photo.download


def test_publishing_builds_the_zip_of_the_release_photos(
    media_root, django_capture_on_commit_callbacks, authority
):
    hero, second = camera_photo(), camera_photo(title="Field camp", virin="")
    release = release_in_state("cleared", hero_image=hero)
    ImageBlock.objects.create(parent=release, region="body", ordering=10, image=second)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.publish(article=release, user=authority)
    archive = PhotoArchive.objects.get(article=release)
    assert archive.photo_count == 2
    with zipfile.ZipFile(io.BytesIO(stored(archive.file))) as bundle:
        names = bundle.namelist()
        assert len(names) == 3 and "README.txt" in names
        readme = bundle.read("README.txt").decode()
        photo_data = bundle.read(names[0])
    assert "U.S. Army photo by Spc. Dana Reyes" in readme and "250314-A-AB123-1001" in readme
    assert credits.read(photo_data)[0]["Iptc.Application2.Credit"] == (
        "U.S. Army photo by Spc. Dana Reyes"
    )


def test_the_gallery_lists_every_photo_and_offers_only_a_current_zip(client, media_root, settings):
    settings.PAGE_CACHE_ENABLED = False
    hero, second = camera_photo(), camera_photo(title="Field camp", virin="")
    release = ArticleFactory(hero_image=hero)
    ImageBlock.objects.create(parent=release, region="body", ordering=10, image=second)
    url = f"{release.get_absolute_url()}photos/"

    # Not built yet (say, published before this feature): each photo's own link, no zip.
    html = client.get(url).content.decode()
    assert html.count("Download high resolution") == 2
    assert ".zip" not in html

    archive = build_photo_archive(article=release)
    html = client.get(url).content.decode()
    assert archive.file.url in html and "Download all 2 photos (zip)" in html

    # A caption changed afterwards: the zip no longer holds the photos as they are, so it is
    # not offered until it has been rebuilt.
    Image.objects.filter(pk=second.pk).update(caption="A new caption.")
    html = client.get(url).content.decode()
    assert "A new caption." in html
    assert archive.file.url not in html


def test_the_gallery_costs_the_same_queries_for_two_photos_or_six(client, media_root, settings):
    settings.PAGE_CACHE_ENABLED = False
    counts = []
    for photos in (2, 6):
        release = ArticleFactory(hero_image=camera_photo(title=f"Hero {photos}"))
        for index in range(photos - 1):
            ImageBlock.objects.create(
                parent=release,
                region="body",
                ordering=10 + index,
                image=camera_photo(title=f"Body {photos}-{index}", virin=""),
            )
        client.get(f"{release.get_absolute_url()}photos/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{release.get_absolute_url()}photos/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_drafts_and_withdrawn_releases_have_no_gallery(client, media_root):
    for state in ("draft", "withdrawn"):
        release = release_in_state(state, hero_image=camera_photo(title=state))
        assert client.get(f"{release.get_absolute_url()}photos/").status_code == 404


def test_the_release_page_links_to_its_gallery(client, media_root):
    release = ArticleFactory(hero_image=camera_photo())
    html = client.get(release.get_absolute_url()).content.decode()
    assert f'href="{release.get_absolute_url()}photos/"' in html
    assert "View and download the photo" in html
