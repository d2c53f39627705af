"""A zip of a release's photos, built ahead of time so no reader's request ever builds one.

The archive is built on the task queue (articles.tasks.build_photo_archive) once the
transaction that publishes or corrects a release commits, and again when a photo it holds is
edited (`refresh_photo_archives`): never in the officer's request.

Readers get the archive only while its signature matches the photos the release shows now
(`current_archive`): an archive of an older set of photos is never offered.
"""

import hashlib
import io
import logging
import zipfile
from pathlib import PurePosixPath

from content_editor.contents import contents_for_item
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.models import Article, ImageBlock, PhotoArchive
from articles.tasks import build_photo_archive as archive_task
from newsroom.tasks import run_after_commit

from .services import download_signature, high_resolution

logger = logging.getLogger(__name__)


def release_photos(article, body=None):
    """The release's photos in reading order (hero first), each once."""
    if body is None:
        body = contents_for_item(article, [ImageBlock])
    photos = [article.hero_image] if article.hero_image_id else []
    photos += [block.image for block in body.body if isinstance(block, ImageBlock)]
    unique = {photo.pk: photo for photo in photos}
    return list(unique.values())


def downloadable(photos):
    return [photo for photo in photos if photo.allow_download]


def signature(photos):
    """What an archive of these photos holds: each one's file and the values written in it,
    as they are now (an edit since the archive was built makes the signatures differ)."""
    parts = [f"{photo.pk}:{download_signature(photo)}" for photo in photos]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def current_archive(article, photos):
    """The release's archive if it holds exactly `photos` as they are now, else None."""
    photos = downloadable(photos)
    if len(photos) < 2:
        return None  # one photo has its own download link
    try:
        archive = article.photo_archive
    except PhotoArchive.DoesNotExist:
        return None
    return archive if archive.signature == signature(photos) else None


def _readme(article, photos):
    lines = [article.headline, ""]
    for number, photo in enumerate(photos, start=1):
        lines.append(f"{number}. {PurePosixPath(photo.download.name).name}")
        for label, value in (
            (_("Title"), photo.title),
            (_("Caption"), photo.caption),
            (_("Credit"), photo.credit),
            ("VIRIN", photo.virin),
        ):
            if value:
                lines.append(f"   {label}: {value}")
        lines.append("")
    return "\n".join(lines)


def build_photo_archive(*, article):
    """Build the zip of the release's downloadable photos unless the one stored is current;
    None when the release has fewer than two (one photo has its own link). Photos are stored,
    not compressed again: JPEG, PNG and WebP gain nothing from it."""
    photos = downloadable(release_photos(article))
    if len(photos) < 2:
        PhotoArchive.objects.filter(article=article).delete()
        return None
    for photo in photos:
        high_resolution(photo)
    existing = PhotoArchive.objects.filter(article=article).first()
    if existing and existing.signature == signature(photos):
        return existing  # already holds these photos as they are
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        used = set()
        for photo in photos:
            name = PurePosixPath(photo.download.name).name
            if name in used:
                name = f"{photo.pk}-{name}"
            used.add(name)
            with photo.download.open("rb") as download:
                archive.writestr(name, download.read())
        archive.writestr("README.txt", _readme(article, photos), compress_type=zipfile.ZIP_DEFLATED)
    previous = existing.file.name if existing else None
    record = existing or PhotoArchive(article=article)
    record.signature = signature(photos)
    name = f"{article.slug}-photos-{record.signature[:8]}.zip"
    record.file.save(name, ContentFile(buffer.getvalue()), save=False)
    record.photo_count = len(photos)
    record.file_size = len(buffer.getvalue())
    record.save()
    if previous and previous != record.file.name:
        record.file.storage.delete(previous)
    return record


def build_logged(article_id):
    """The archive of release `article_id` (the queue's task); a failure is logged."""
    article = Article.objects.select_related("hero_image").filter(pk=article_id).first()
    if article is None:
        return
    try:
        build_photo_archive(article=article)
    except Exception:
        # Readers still get each photo's own link; the next publish or edit tries again.
        logger.exception("Could not build the photo archive of release %s", article_id)


def schedule_photo_archive(*, article):
    """Build the release's photo archive on the queue once the current transaction commits."""
    run_after_commit(archive_task, article_id=article.pk)


def refresh_photo_archives(*, image):
    """Rebuild the archives of public releases that show `image` (after an edit to it)."""
    shown_in = Q(hero_image=image) | Q(
        pk__in=ImageBlock.objects.filter(image=image).values("parent")
    )
    for article_id in Article.objects.published().filter(shown_in).values_list("pk", flat=True):
        run_after_commit(archive_task, article_id=article_id)
