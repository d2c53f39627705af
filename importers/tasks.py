"""Background work of the importers, run by the Celery worker (newsroom/celery.py)."""

from celery import shared_task
from django.db import DatabaseError

from newsroom.tasks import retry_countdown

from . import queued

MAX_ATTEMPTS = 5


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def import_upload(self, job_id):
    """A large upload becomes a draft (importers.queued). Idempotent: a job already done or
    failed is left alone. A database or storage error is retried with backoff; after the last
    attempt the job is failed and the error logged. A file that cannot be read fails at once,
    with the reason for the officer."""
    try:
        queued.run_import(job_id)
    except (DatabaseError, OSError) as error:
        if self.request.retries >= self.max_retries:
            queued.give_up(job_id, error)
            return
        raise self.retry(countdown=retry_countdown(self.request.retries)) from error
    except Exception as error:  # a fault of ours: no retry would help
        queued.give_up(job_id, error)
