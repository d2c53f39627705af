"""The Celery application: background work (subscriber mail, webhooks, photo renditions, the
notice when a scheduled release goes live) runs in a worker, fed through the broker.

Settings come from Django's (the CELERY_ namespace). With no broker configured, tasks run
in the web process (CELERY_TASK_ALWAYS_EAGER), after the transaction that asked for them
commits: see newsroom.tasks.run_after_commit.
"""

import logging
import os

from celery import Celery
from celery.signals import task_failure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("newsroom.tasks")


@task_failure.connect
def log_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    """A task that failed for good (retries spent, or an error not worth retrying) is logged
    at ERROR with its name and arguments, so it shows in the logs and any alerting on them."""
    logger.error(
        "Task %s failed for good: %r (id %s, args %r, kwargs %r)",
        getattr(sender, "name", sender),
        exception,
        task_id,
        args,
        kwargs,
    )
