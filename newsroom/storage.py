"""Where uploaded media lives: local files by default, S3-compatible storage when configured.

Read by the settings; kept apart so it can be tested with any environment.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri

LOCAL = {"BACKEND": "newsroom.storage.LocalMediaStorage"}
# Stored names carry a random part and are never reused, so caches may keep them for good.
S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}


class LocalMediaStorage(FileSystemStorage):
    """Files under MEDIA_ROOT, served at MEDIA_URL.

    A photo on a page has eight addresses (its renditions, its download). Django's url() joins
    MEDIA_URL and the name with urljoin(), which parses both every time (two thirds of url()'s
    cost); a stored name is a relative path without "." or ".." segments (Django refuses
    those when it saves a file) and MEDIA_URL ends with "/", so the join is the two put
    together."""

    def url(self, name):
        if self.base_url is None:
            return super().url(name)
        return self.base_url + filepath_to_uri(name).lstrip("/")


def media_storage(environ):
    """(STORAGES["default"], origin of media URLs or None when served by this site)."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return LOCAL, None
    region = environ.get("AWS_S3_REGION_NAME", "").strip()
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    protocol = "https:"
    if not domain:
        # Build public URLs ourselves: no signing round-trip per image, and a known origin
        # for the Content-Security-Policy.
        if endpoint:
            parts = urlsplit(endpoint)
            protocol, domain = f"{parts.scheme}:", f"{parts.netloc}/{bucket}"
        elif region:
            domain = f"{bucket}.s3.{region}.amazonaws.com"
        else:
            raise ImproperlyConfigured(
                "AWS_STORAGE_BUCKET_NAME needs AWS_S3_REGION_NAME, AWS_S3_ENDPOINT_URL "
                "(S3-compatible services) or AWS_S3_CUSTOM_DOMAIN (a CDN in front of the bucket)."
            )
    options = {
        "bucket_name": bucket,
        "custom_domain": domain,
        "url_protocol": protocol,
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": S3_OBJECT_PARAMETERS,
    }
    if region:
        options["region_name"] = region
    if endpoint:
        options["endpoint_url"] = endpoint
    origin = f"{protocol}//{domain.split('/')[0]}"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, origin
