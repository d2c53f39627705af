"""Uploading photos through the admin: what is refused, what is stripped, what is kept."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PILImage

from articles.models import Image, ImageRendition
from tests import image_files
from tests.test_admin import errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def upload(admin_client, data, name, **fields):
    return admin_client.post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile(name, data, "image/jpeg"),
            "title": "Patrol at dawn",
            "alt_text": "Soldiers walking along a jungle trail at sunrise",
            "virin": "",
            "date_taken": "",
            "allow_download": "on",
            **fields,
        },
    )


def read_back(field_file):
    with field_file.open("rb") as stored:
        image = PILImage.open(io.BytesIO(stored.read()))
        image.load()
    return image


def assert_no_hidden_metadata(image):
    exif = image.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert not exif.get_ifd(ExifTags.IFD.Exif)
    assert ExifTags.Base.Make not in exif
    assert not {"comment", "xmp", "photoshop", "exif"} & set(image.info)
    segments = [payload for marker, payload in getattr(image, "applist", [])]
    raw = b"".join(segments)
    assert image_files.SERIAL.encode() not in raw
    assert b"GPS" not in raw
    assert all(payload.startswith((b"JFIF", b"ICC_PROFILE")) for payload in segments)


def test_gps_serial_and_comment_never_reach_storage(admin_client, media_root):
    data = image_files.camera_jpeg()
    assert image_files.SERIAL.encode() in data  # the test file really carries them
    response = upload(admin_client, data, "IMG_0042.JPG")
    assert response.status_code == 302, errors_of(response)

    image = Image.objects.get()
    renditions = list(image.renditions.all())
    assert {(r.width, r.format) for r in renditions} == {
        (480, "webp"),
        (480, "jpeg"),
        (960, "webp"),
        (960, "jpeg"),
        (1200, "webp"),
        (1200, "jpeg"),
    }
    for field_file in [image.file, *(r.file for r in renditions)]:
        assert_no_hidden_metadata(read_back(field_file))
    # Nothing else was written: no copy of the upload as it arrived. (The credited download
    # carries only what the officer typed: tests/test_photo_downloads.py.)
    for path in stored_files(media_root):
        assert image_files.SERIAL.encode() not in path.read_bytes()
        assert image_files.COMMENT not in path.read_bytes()
    assert len(stored_files(media_root)) == 1 + len(renditions) + 1


def test_the_officer_is_told_what_was_removed(admin_client, media_root):
    response = upload(admin_client, image_files.camera_jpeg(), "IMG_0042.JPG")
    image = Image.objects.get()
    change_page = admin_client.get(reverse("admin:articles_image_change", args=[image.pk]))
    html = change_page.content.decode()
    for words in ["GPS position", "camera serial number", "camera make and model", "comment"]:
        assert words in html
    assert "XMP" in html and "IPTC" in html
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Removed from “Patrol at dawn”: GPS position" in m for m in messages)


def test_date_taken_comes_from_the_camera_when_left_empty(admin_client, media_root):
    upload(admin_client, image_files.camera_jpeg(), "IMG_0042.JPG")
    assert Image.objects.get().date_taken.isoformat() == "2025-03-14"


def test_a_clean_photo_reports_nothing_removed(admin_client, media_root):
    upload(admin_client, image_files.png_with_alpha(), "logo.png")
    image = Image.objects.get()
    assert image.removed_metadata == []
    html = admin_client.get(reverse("admin:articles_image_change", args=[image.pk])).content
    assert "None found in this photo" in html.decode()


def test_exif_orientation_is_applied_to_the_pixels(admin_client, media_root):
    response = upload(admin_client, image_files.sideways_jpeg(), "sideways.jpg")
    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (400, 600)
    stored = read_back(image.file)
    assert stored.size == (400, 600)
    assert ExifTags.Base.Orientation not in stored.getexif()
    # Turned 90° clockwise: the left (red) half is now on top.
    top, bottom = stored.getpixel((200, 100)), stored.getpixel((200, 500))
    assert top[0] > 180 and top[2] < 60
    assert bottom[2] > 180 and bottom[0] < 60
    for rendition in image.renditions.all():
        assert rendition.height > rendition.width


def test_transparent_png_keeps_its_transparency_in_every_rendition(admin_client, media_root):
    upload(admin_client, image_files.png_with_alpha(), "logo.png")
    image = Image.objects.get()
    assert image.has_alpha
    formats = {r.format for r in image.renditions.all()}
    assert formats == {"webp", "png"}
    for rendition in image.renditions.all():
        assert read_back(rendition.file).getpixel((rendition.width - 2, 2))[3] == 0


def test_animations_keep_their_frames_and_timing(admin_client, media_root):
    response = upload(admin_client, image_files.animated_gif(), "loop.gif")
    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert image.removed_metadata == ["comment"]

    def timing(field_file):
        animation = read_back(field_file)
        durations = []
        for index in range(animation.n_frames):
            animation.seek(index)
            animation.load()
            durations.append(animation.info["duration"])
        return durations

    assert timing(image.file) == [100, 200, 300, 400]
    with image.file.open("rb") as stored:
        assert image_files.COMMENT not in stored.read()
    webp = image.renditions.get(format="webp", width=480)
    assert timing(webp.file) == [100, 200, 300, 400]


MAX_BYTES_MESSAGE = "the largest photo the library accepts is"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(
            image_files.bomb_png(9_000, 9_000),
            "poster.png",
            "larger than 40 megapixels",
            id="over the pixel limit",
        ),
        pytest.param(
            image_files.bomb_png(30_000, 30_000),
            "bomb.png",
            "larger than 40 megapixels",
            id="decompression bomb",
        ),
        pytest.param(
            image_files.HTML_PAGE,
            "photo.jpg",
            "This file is a web page or other text, not a photo",
            id="html renamed .jpg",
        ),
        pytest.param(
            image_files.SVG_WITH_SCRIPT,
            "drawing.svg",
            "SVG drawings cannot be uploaded because they can carry scripts",
            id="svg with script",
        ),
        pytest.param(
            image_files.truncated_jpeg(),
            "cut-off.jpg",
            "damaged or incomplete",
            id="truncated jpeg",
        ),
        pytest.param(
            b"BM" + b"\x00" * 60,
            "scan.bmp",
            "not a photo we can read",
            id="garbage",
        ),
    ],
)
def test_unsafe_or_broken_files_are_refused_at_the_field(
    admin_client, media_root, data, name, message
):
    response = upload(admin_client, data, name)
    assert response.status_code == 200
    assert message in " ".join(errors_of(response)["file"])
    # The rest of what the officer typed is still in the form.
    assert "Soldiers walking along a jungle trail" in response.content.decode()
    assert not Image.objects.exists()
    assert not ImageRendition.objects.exists()
    assert stored_files(media_root) == []


def test_other_image_formats_are_refused_by_name(admin_client, media_root):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20)).save(buffer, "TIFF")
    response = upload(admin_client, buffer.getvalue(), "scan.jpg")
    assert "TIFF files are not accepted" in " ".join(errors_of(response)["file"])
    assert stored_files(media_root) == []


def test_files_over_the_size_limit_are_refused(admin_client, media_root, settings):
    data = image_files.camera_jpeg(400, 300)
    settings.IMAGE_MAX_BYTES = len(data) - 1
    response = upload(admin_client, data, "big.jpg")
    assert MAX_BYTES_MESSAGE in " ".join(errors_of(response)["file"])
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_pixel_limit_is_configurable(admin_client, media_root, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    response = upload(admin_client, image_files.camera_jpeg(1200, 900), "wide.jpg")
    assert "larger than 1 megapixels" in " ".join(errors_of(response)["file"])


def test_replacing_the_file_keeps_the_old_original_and_drops_its_renditions(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    upload(admin_client, image_files.camera_jpeg(), "first.jpg")
    image = Image.objects.get()
    old_files = stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            {
                "file": SimpleUploadedFile("second.png", image_files.png_with_alpha()),
                "title": image.title,
                "alt_text": image.alt_text,
                "virin": "",
                "date_taken": "",
                "allow_download": "on",
            },
        )
    assert response.status_code == 302, errors_of(response)
    image.refresh_from_db()
    assert image.file.name.endswith(".png")
    remaining = stored_files(media_root)
    # Revisions of releases may show the old photo: its original stays, its renditions go.
    (old_original,) = [media_root / name for name in image.earlier_files]
    assert old_original.name.startswith("first-") and old_original in old_files
    assert set(old_files) & set(remaining) == {old_original}
    # The new original and the old one, the new renditions and the new credited download.
    assert len(remaining) == 2 + image.renditions.count() + 1


def test_deleting_an_image_deletes_its_files(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    upload(admin_client, image_files.camera_jpeg(), "first.jpg")
    image = Image.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_alt_text_is_required_unless_the_image_is_decorative(admin_client, media_root):
    response = upload(admin_client, image_files.png_with_alpha(), "logo.png", alt_text="")
    assert "Describe the photo for readers who cannot see it" in " ".join(
        errors_of(response)["alt_text"]
    )
    assert not Image.objects.exists()
    response = upload(
        admin_client, image_files.png_with_alpha(), "logo.png", alt_text="", is_decorative="on"
    )
    assert response.status_code == 302, errors_of(response)


@pytest.mark.parametrize(
    ("virin", "date_taken", "error"),
    [
        ("250314-A-AB123-1001", "", None),
        ("250314-a-ab123-1001", "2025-03-14", None),
        ("060515-M-1234S-001", "", None),
        ("250314-O-ZZ999-1001-PAN", "", None),
        ("25-03-14-A-AB123-1001", "", "Enter the VIRIN as YYMMDD-X-XXXXX-XXXX"),
        ("250314-ARMY-AB123-1001", "", "Enter the VIRIN as YYMMDD-X-XXXXX-XXXX"),
        ("250314-A-AB12-1001", "", "Enter the VIRIN as YYMMDD-X-XXXXX-XXXX"),
        ("251340-A-AB123-1001", "", "must be the date taken as YYMMDD"),
        ("250315-A-AB123-1001", "2025-03-14", "says the photo was taken on 2025-03-15"),
    ],
)
def test_virin_is_validated(admin_client, media_root, virin, date_taken, error):
    response = upload(
        admin_client,
        image_files.png_with_alpha(),
        "logo.png",
        virin=virin,
        date_taken=date_taken,
    )
    if error is None:
        assert response.status_code == 302, errors_of(response)
        assert Image.objects.get().virin == virin.upper()
    else:
        assert error in " ".join(errors_of(response)["virin"])
        assert stored_files(media_root) == []


def test_images_saved_outside_the_admin_are_stripped_too(media_root):
    image = Image(title="Imported", alt_text="A convoy on a dirt road")
    image.file = ContentFile(image_files.camera_jpeg(), name="import.jpg")
    image.save()
    assert_no_hidden_metadata(read_back(image.file))
    assert "gps" in image.removed_metadata


def test_changelist_shows_thumbnails_and_searches_virin(admin_client, media_root):
    upload(admin_client, image_files.camera_jpeg(), "a.jpg", virin="250314-A-AB123-1001")
    upload(admin_client, image_files.png_with_alpha(), "b.png", title="Unit crest")
    changelist = reverse("admin:articles_image_changelist")
    admin_client.get(changelist)  # shows and clears the "was added" messages
    html = admin_client.get(changelist, {"q": "AB123"}).content.decode()
    assert ">Patrol at dawn</a>" in html and ">Unit crest</a>" not in html
    assert "/renditions/" in html  # thumbnails are small renditions, not the originals
    filtered = admin_client.get(changelist, {"stripped": "no"}).content.decode()
    assert ">Unit crest</a>" in filtered and ">Patrol at dawn</a>" not in filtered


def test_photos_stored_before_stripping_can_be_cleaned_afterwards(
    media_root, django_capture_on_commit_callbacks
):
    raw_name = default_storage.save(
        "images/2025/01/old.jpg", ContentFile(image_files.camera_jpeg())
    )
    Image.objects.bulk_create([Image(title="Old photo", file=raw_name, width=1200, height=800)])
    out, err = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=out, stderr=err)
    assert "Old photo" in out.getvalue() and "GPS position" in out.getvalue()
    image = Image.objects.get()
    assert image.file.name != raw_name
    assert not default_storage.exists(raw_name)
    assert_no_hidden_metadata(read_back(image.file))
    assert "serial" in image.removed_metadata
    assert image.renditions.count() == 6
    # Already processed photos are left alone unless --all is given.
    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert out.getvalue() == ""


def test_stored_files_that_would_be_refused_today_are_reported(media_root):
    raw_name = default_storage.save(
        "images/2025/01/logo.svg", ContentFile(image_files.SVG_WITH_SCRIPT)
    )
    Image.objects.bulk_create([Image(title="Old logo", file=raw_name)])
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 photo could not be processed"):
        call_command("strip_image_metadata", stdout=io.StringIO(), stderr=err)
    assert "Old logo" in err.getvalue() and "SVG drawings cannot be uploaded" in err.getvalue()
    assert default_storage.exists(raw_name)


def test_a_checked_photo_is_kept_when_another_field_has_an_error(admin_client, media_root):
    response = upload(admin_client, image_files.camera_jpeg(), "patrol.jpg", alt_text="")
    assert "Describe the photo" in " ".join(errors_of(response)["alt_text"])
    form = response.context["adminform"].form
    token = form["kept_photo"].value()
    assert token
    page = response.content.decode()
    assert f'name="kept_photo" value="{token}"' in page
    assert "is kept: fix the other fields and save" in page
    assert stored_files(media_root) == []  # nothing stored before the form is saved

    # The second try sends no file, only the token: the photo comes back, still stripped.
    response = admin_client.post(
        reverse("admin:articles_image_add"),
        {
            "kept_photo": token,
            "title": "Patrol at dawn",
            "alt_text": "Soldiers walking along a jungle trail at sunrise",
            "virin": "",
            "date_taken": "",
        },
    )
    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert_no_hidden_metadata(read_back(image.file))
    assert image.removed_metadata  # what the first upload found is still on record


def test_a_made_up_kept_photo_token_brings_nothing(admin_client, media_root):
    response = admin_client.post(
        reverse("admin:articles_image_add"),
        {"kept_photo": "not-a-token", "title": "Patrol", "alt_text": "A patrol"},
    )
    assert "file" in errors_of(response)
    assert not Image.objects.exists()


def test_large_photos_get_their_renditions_from_the_task_queue(
    media_root, settings, django_capture_on_commit_callbacks
):
    from articles.images.services import save_image

    settings.IMAGE_BACKGROUND_RENDITION_PIXELS = 100
    image = Image(title="Convoy", alt_text="A convoy on a dirt road")
    image.file = ContentFile(image_files.camera_jpeg(), name="convoy.jpg")
    with django_capture_on_commit_callbacks() as queued:
        save_image(image=image)
    assert not ImageRendition.objects.filter(image=image).exists()  # not in the request
    # At commit the task is handed over (here it runs in this process) and the photo's
    # release archives are refreshed.
    for callback in queued:
        callback()
    assert ImageRendition.objects.filter(image=image).count() == len(image.planned_renditions())


@pytest.mark.parametrize("token", ["k" * 2000, "kept photo\x00token", "é" * 32])
def test_a_kept_photo_token_of_the_wrong_shape_never_reaches_the_cache(
    admin_client, media_root, token, monkeypatch
):
    from articles.images import kept_uploads

    keys_read = []
    real_get = kept_uploads.cache.get
    monkeypatch.setattr(
        kept_uploads.cache, "get", lambda key, *args: keys_read.append(key) or real_get(key, *args)
    )
    response = admin_client.post(
        reverse("admin:articles_image_add"),
        {"kept_photo": token, "title": "Patrol", "alt_text": "A patrol"},
    )
    assert "file" in errors_of(response)  # the officer is asked for the photo again
    assert not [key for key in keys_read if key.startswith(kept_uploads.PREFIX)]
