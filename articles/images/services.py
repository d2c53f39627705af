"""Storing, rendering and deleting library photos: every write to image storage goes here."""

import hashlib
import logging
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    Image,
    ImageBlock,
    ImagePurge,
    ImageRendition,
    WorkflowAction,
)
from newsroom.tasks import run_after_commit

from . import credits
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


def _store(image, previous, *, keep_previous):
    with transaction.atomic():
        replaced = previous and previous != image.file.name
        if replaced and keep_previous:
            image.earlier_files = [*image.earlier_files, previous]
        image.save()
        if replaced:
            _drop_renditions(image)
            if not keep_previous:
                _delete_files_on_commit(image.file.storage, [previous])
    if (image.width or 0) * (image.height or 0) > settings.IMAGE_BACKGROUND_RENDITION_PIXELS:
        # Seconds of resizing: the worker makes them, so the upload answers at once (a page
        # shown before it finishes makes what it needs itself, see renditions_for).
        from articles.tasks import make_renditions

        run_after_commit(make_renditions, image_id=image.pk)
    else:
        renditions_for(image)
    high_resolution(image)
    transaction.on_commit(lambda: _refresh_archives_showing(image))
    return image


def _refresh_archives_showing(image):
    # Imported here: archives reads releases, which import this module's models.
    from .archives import refresh_photo_archives

    refresh_photo_archives(image=image)


def save_image(*, image):
    """Check and store `image` (its new file stripped of metadata), then make its renditions.

    The file of a photo a cleared release showed is never replaced (ValidationError on
    `file`). Replacing the file of any other photo keeps the old original (in
    `earlier_files`: revisions of releases may show it) and drops its renditions.
    """
    from articles.shared_records import file_refusal

    previous = _previous_file_name(image)
    if previous and previous != image.file.name:
        refusal = file_refusal(Image.objects.get(pk=image.pk))
        if refusal:
            raise ValidationError({"file": refusal})
    image.full_clean()
    return _store(image, previous, keep_previous=True)


def strip_stored_image(*, image):
    """Put an original stored before uploads were checked through the same check and stripping.

    The unstripped original is deleted: removing what it reveals is the point.
    Raises ValidationError when the stored file would be refused today (it is left as it is).
    """
    previous = image.file.name
    with image.file.open("rb") as stored:
        image.file = clean_upload(File(stored, name=PurePosixPath(previous).name))
    # No full_clean: an old image lacking alt text must still lose its GPS position.
    return _store(image, previous, keep_previous=False)


def _all_file_names(image):
    return [
        image.file.name,
        *image.earlier_files,
        *([image.download.name] if image.download else []),
        *(r.file.name for r in image.renditions.all()),
    ]


def delete_images(*, images):
    """Delete library photos with their stored originals and renditions.

    A photo that a cleared or published release shows, or once showed, is refused
    (ValidationError): only purge_image removes it.
    """
    from articles.shared_records import delete_refusal

    for image in images:
        refusal = delete_refusal(image)
        if refusal:
            raise ValidationError(refusal)
        names = _all_file_names(image)
        with transaction.atomic():
            image.delete()
            _delete_files_on_commit(image.file.storage, [name for name in names if name])


@transaction.atomic
def purge_image(*, image, user, reason):
    """Remove a photo everywhere, e.g. one found to breach OPSEC or privacy: from every release
    that shows it (hero photo, body images, portraits and logos), with all its files, earlier
    originals included. Each release gets an audit-log line with the reason, and the purge
    itself is kept (ImagePurge). Site administrators only."""
    from articles.workflow.transitions import locked, log

    if not user.has_perm("articles.purge_image"):
        raise PermissionDenied(_("Only a site administrator can purge a photo."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the photo must go: the reason is kept.")})
    blocks = ImageBlock.objects.filter(image=image)
    release_ids = {*blocks.values_list("parent", flat=True)}
    release_ids |= {*Article.objects.filter(hero_image=image).values_list("pk", flat=True)}
    releases = []
    for release in Article.objects.filter(pk__in=release_ids).order_by("pk"):
        release = locked(release)
        with reversion.create_revision():
            if release.hero_image_id == image.pk:
                release.hero_image = None
            ImageBlock.objects.filter(parent=release, image=image).delete()
            release.save()
            reversion.set_user(user)
            reversion.set_comment(_("Photo purged: %(reason)s") % {"reason": reason})
        log(release, user=user, action=WorkflowAction.PHOTO_PURGED, comment=reason)
        releases.append({"id": release.pk, "headline": release.headline})
    names = [name for name in _all_file_names(image) if name]
    ImagePurge.objects.create(
        title=image.title,
        image_id=image.pk,
        file_names=names,
        releases=releases,
        reason=reason,
        purged_by=user,
    )
    image.delete()
    _delete_files_on_commit(image.file.storage, names)


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


def photos_shown(articles, bodies):
    """Every photo object of these releases (heroes, then body images), repeats included.

    `bodies` maps each article to its content-editor contents (contents_for_items).
    """
    images = [article.hero_image for article in articles if article.hero_image_id]
    images += [
        block.image
        for article in articles
        for block in bodies[article].body
        if isinstance(block, ImageBlock)
    ]
    return images


def prefetch_photos(articles, bodies):
    """Renditions of every photo of these releases (heroes and body images) in one query."""
    prefetch_related_objects(photos_shown(articles, bodies), "renditions")


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


def download_signature(image):
    """What the download of `image` should carry now: its file and the values written in."""
    values = [image.file.name, image.title, image.caption, image.credit, image.virin]
    values.append(image.date_taken.isoformat() if image.date_taken else "")
    return hashlib.blake2b("\x1f".join(values).encode(), digest_size=16).hexdigest()


def high_resolution(image):
    """The full-size file readers download: the stripped original with the library's title,
    caption, credit, VIRIN and date taken written in (made once per set of values, like
    renditions), or None when the photo may not be downloaded.

    If the copy cannot be made, the error is logged and the stripped original is offered.
    """
    if not image.allow_download:
        return None
    signature = download_signature(image)
    if image.download and image.download_signature == signature:
        return image.download
    previous = image.download.name
    try:
        with image.file.open("rb") as original:
            data = credits.with_credits(
                original.read(),
                title=image.title,
                caption=image.caption,
                credit=image.credit,
                virin=image.virin,
                date_taken=image.date_taken,
            )
        image.download.save(PurePosixPath(image.file.name).name, ContentFile(data), save=False)
    except Exception:
        logger.exception("Could not write credits into image %s (%s)", image.pk, image.file.name)
        return image.file
    image.download_signature = signature
    # An update, not save(): a file made while a page renders changes nothing readers see.
    Image.objects.filter(pk=image.pk).update(
        download=image.download.name, download_signature=signature
    )
    if previous:
        _delete_files_on_commit(image.download.storage, [previous])
    return image.download
