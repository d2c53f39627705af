"""Media storage: local files by default, S3-compatible storage from the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage

from newsroom.storage import LocalMediaStorage, media_storage
from tests.test_settings import manage


def test_local_files_by_default():
    storage, origin = media_storage({})
    assert storage["BACKEND"] == "newsroom.storage.LocalMediaStorage"
    assert origin is None


@pytest.mark.parametrize(
    "name",
    [
        "renditions/4f/photo-960.webp",
        "originals/2026/Día de la bandera (1).jpg",
        "downloads/a b/100%.jpg",
        "/leading-slash.png",
    ],
)
def test_local_file_addresses_are_the_ones_django_gives(name):
    """A photo's address on a page, quoted as Django quotes it, under MEDIA_URL."""
    ours = LocalMediaStorage(base_url="/media/").url(name)
    assert ours == FileSystemStorage(base_url="/media/").url(name)
    assert ours.startswith("/media/") and " " not in ours


def test_aws_bucket_serves_public_urls_from_its_regional_host():
    storage, origin = media_storage(
        {"AWS_STORAGE_BUCKET_NAME": "press-media", "AWS_S3_REGION_NAME": "us-gov-west-1"}
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["custom_domain"] == "press-media.s3.us-gov-west-1.amazonaws.com"
    # Public, stable URLs; and two uploads called photo.jpg never overwrite each other.
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert origin == "https://press-media.s3.us-gov-west-1.amazonaws.com"


def test_s3_compatible_endpoint_and_cdn():
    storage, origin = media_storage(
        {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "http://minio:9000"}
    )
    assert storage["OPTIONS"]["custom_domain"] == "minio:9000/media"
    assert origin == "http://minio:9000"
    _, origin = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "media",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_CUSTOM_DOMAIN": "media.news.example.mil",
        }
    )
    assert origin == "https://media.news.example.mil"


def test_a_bucket_without_region_endpoint_or_domain_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_REGION_NAME"):
        media_storage({"AWS_STORAGE_BUCKET_NAME": "media"})


def test_production_with_a_bucket_stores_in_s3_and_lets_pages_show_its_images():
    script = (
        "from django.core.files.storage import storages;"
        "s = storages['default'];"
        "from django.conf import settings;"
        "print(type(s).__name__);"
        "print(s.url('images/2025/03/patrol-1a2b.jpg'));"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        SECRET_KEY="x" * 64,
        AWS_STORAGE_BUCKET_NAME="press-media",
        AWS_S3_REGION_NAME="us-gov-west-1",
    )
    assert result.returncode == 0, result.stderr
    backend, url, img_src = result.stdout.splitlines()
    assert backend == "S3Storage"
    assert (
        url == "https://press-media.s3.us-gov-west-1.amazonaws.com/images/2025/03/patrol-1a2b.jpg"
    )
    assert "https://press-media.s3.us-gov-west-1.amazonaws.com" in img_src
