"""Storing, rendering and deleting library photos: every write to image storage goes here."""

import logging
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects

from articles.models import Image, ImageBlock, ImageRendition
from newsroom.tasks import run_after_commit

from .renditions import EXTENSIONS, Source
from .uploads import clean_upload

logger = logging.getLogger(__name__)


def _delete_files_on_commit(storage, names):
    """Files go only once the rows pointing at them are gone for good."""

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def _drop_renditions(image):
    names = [r.file.name for r in image.renditions.all()]
    image.renditions.all().delete()
    _delete_files_on_commit(ImageRendition._meta.get_field("file").storage, names)


def _previous_file_name(image):
    if not image.pk:
        return None
    return Image.objects.filter(pk=image.pk).values_list("file", flat=True).first()


def _store(image, previous):
    with transaction.atomic():
        image.save()
        if previous and previous != image.file.name:
            _drop_renditions(image)
            _delete_files_on_commit(image.file.storage, [previous])
    if (image.width or 0) * (image.height or 0) > settings.IMAGE_BACKGROUND_RENDITION_PIXELS:
        # Seconds of resizing: the worker makes them, so the upload answers at once (a page
        # shown before it finishes makes what it needs itself, see renditions_for).
        from articles.tasks import make_renditions

        run_after_commit(make_renditions, image_id=image.pk)
    else:
        renditions_for(image)
    return image


def save_image(*, image):
    """Check and store `image` (its new file stripped of metadata), then make its renditions.

    Replacing the file of an existing image deletes the old original and its renditions.
    """
    previous = _previous_file_name(image)
    image.full_clean()
    return _store(image, previous)


def strip_stored_image(*, image):
    """Put an original stored before uploads were checked through the same check and stripping.

    Raises ValidationError when the stored file would be refused today (it is left as it is).
    """
    previous = image.file.name
    with image.file.open("rb") as stored:
        image.file = clean_upload(File(stored, name=PurePosixPath(previous).name))
    # No full_clean: an old image lacking alt text must still lose its GPS position.
    return _store(image, previous)


def delete_images(*, images):
    """Delete library photos with their stored original and renditions."""
    for image in images:
        names = [image.file.name, *(r.file.name for r in image.renditions.all())]
        with transaction.atomic():
            image.delete()
            _delete_files_on_commit(image.file.storage, [name for name in names if name])


def _store_rendition(image, source, *, width, format):
    stem = PurePosixPath(image.file.name).stem
    rendition = ImageRendition(
        image=image, width=width, height=source.height_at(width), format=format
    )
    content = ContentFile(source.render(width=width, format=format))
    rendition.file.save(f"{stem}-{width}w.{EXTENSIONS[format]}", content, save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another request made the same rendition at the same moment: keep theirs.
        rendition.file.delete(save=False)
        rendition = ImageRendition.objects.get(image=image, width=width, format=format)
    return rendition


def _missing(image, existing):
    have = {(rendition.width, rendition.format) for rendition in existing}
    return [plan for plan in image.planned_renditions() if plan not in have]


def prefetch_photos(articles, bodies):
    """Renditions of every photo of these releases (heroes and body images) in one query.

    `bodies` maps each article to its content-editor contents (contents_for_items).
    """
    images = [article.hero_image for article in articles if article.hero_image_id]
    images += [
        block.image
        for article in articles
        for block in bodies[article].body
        if isinstance(block, ImageBlock)
    ]
    prefetch_related_objects(images, "renditions")


def renditions_for(image):
    """The image's renditions, making any that are missing (stored, so only ever once).

    Reads `image.renditions.all()`, so prefetch them. Pages must not fail over one bad file:
    when a rendition cannot be made, the error is logged and the page uses what exists.
    """
    existing = list(image.renditions.all())
    if not _missing(image, existing):
        return existing
    # The prefetched list may predate another block's (or request's) work on the same image.
    existing = list(ImageRendition.objects.filter(image=image))
    missing = _missing(image, existing)
    if not missing:
        return existing
    try:
        with image.file.open("rb") as original:
            source = Source(original, has_alpha=image.has_alpha)
        for width, format in missing:
            existing.append(_store_rendition(image, source, width=width, format=format))
    except Exception:
        logger.exception("Could not make renditions of image %s (%s)", image.pk, image.file.name)
    return sorted(existing, key=lambda rendition: rendition.width)
