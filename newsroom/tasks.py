"""How the site hands work to the task queue.

Use run_after_commit(task, **kwargs) from any service: the task is queued when the current
transaction commits (never for a rolled-back change, and never before the worker can read the
rows it needs). With a broker (CELERY_BROKER_URL or REDIS_URL) a worker runs it; without one,
it runs in this process right after the commit, so a site with no Redis still works.

Tasks must be idempotent: a worker may run one twice (a redelivery after a crash, a retry after
a timeout). Each task here says what makes a second run harmless.
"""

from celery.utils.time import get_exponential_backoff_interval
from django.db import transaction

# How long a task waits before it tries again: 5 s, then twice as long each time, at most ten
# minutes, each wait drawn at random below that (full jitter), so tasks that failed together do
# not all come back together.
BACKOFF_SECONDS = 5
BACKOFF_MAX_SECONDS = 600
# Retry policy shared by every task that talks to the outside (SMTP, webhooks) and retries on
# any OSError; after the last retry the failure is logged and recorded.
RETRYING = {
    "autoretry_for": (OSError,),
    "retry_backoff": BACKOFF_SECONDS,
    "retry_backoff_max": BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": 8,
}


def retry_countdown(retries):
    """Seconds before the next try of a task that decides itself when to retry (self.retry()),
    `retries` tries after its first: the same waits as RETRYING's."""
    return get_exponential_backoff_interval(
        BACKOFF_SECONDS, retries, BACKOFF_MAX_SECONDS, full_jitter=True
    )


def run_after_commit(task, **kwargs):
    """Queue `task` with keyword arguments once the current transaction commits.

    Outside a transaction it is queued at once. A broker that cannot be reached is not the
    caller's failure: the error is logged (robust=True) and the periodic sweeps pick the work
    up from the database later.
    """
    transaction.on_commit(lambda: task.apply_async(kwargs=kwargs), robust=True)
