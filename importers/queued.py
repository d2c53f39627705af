"""Imports too large for a web request (importers.limits.QUEUE_ABOVE_BYTES): the upload is
kept in an ImportJob row, the task queue turns it into a draft (importers.tasks), and the
officer follows it on the import's status page.

Exactly one draft per upload: the draft is created in the same transaction that marks the job
done, under a lock on the job's row, so a retried or redelivered task finds it done and a
crash in the middle leaves no draft behind. The file's bytes are dropped when the job ends.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from newsroom.tasks import run_after_commit

from .drafts import create_draft
from .errors import UnreadableRelease
from .limits import MAX_UPLOAD_BYTES
from .models import ImportJob, ImportStatus
from .parse import parse_file

logger = logging.getLogger(__name__)


def queue_import(*, upload, user):
    """Keep `upload` (a Django UploadedFile) for the task queue; the job."""
    from .tasks import import_upload  # the task module imports this one

    job = ImportJob.objects.create(created_by=user, file_name=upload.name, data=upload.read())
    run_after_commit(import_upload, job_id=job.pk)
    return job


def run_import(job_id):
    """Parse the job's file and create its draft, once; the job, or None if it is gone."""
    started = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.WORKING
    )
    # A retry finds its job working already; a job done, failed or deleted is left alone.
    if (
        not started
        and not ImportJob.objects.filter(pk=job_id, status=ImportStatus.WORKING).exists()
    ):
        return None
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_pending:
            return job
        try:
            parsed = parse_file(job.file_name, bytes(job.data), max_bytes=MAX_UPLOAD_BYTES)
        except UnreadableRelease as error:
            _finish(job, ImportStatus.FAILED, error=str(error))
            logger.warning("Import %s (%s) refused: %s", job.pk, job.file_name, error)
            return job
        result = create_draft(parsed, created_by=job.created_by)
        job.article = result.article
        job.report = [
            {"level": level, "html": str(conditional_escape(text))}
            for level, text in result.messages()
        ]
        _finish(job, ImportStatus.DONE)
    return job


def give_up(job_id, error):
    """The import could not run after its retries: failed, with the reason logged."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_pending:
            return
        logger.error(
            "Import %s (%s) failed for good: %r", job.pk, job.file_name, error, exc_info=error
        )
        _finish(
            job,
            ImportStatus.FAILED,
            error=gettext(
                "The import could not be run (the server had a problem, not the file). Upload "
                "the file again; if it happens again, tell the site administrator."
            ),
        )


def _finish(job, status, *, error=""):
    job.status = status
    job.error = error
    job.data = b""  # the upload is kept only until the import ends
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "data", "finished_at", "article", "report"])
