"""How the site hands work to the task queue.

Use run_after_commit(task, **kwargs) from any service: the task is queued when the current
transaction commits (never for a rolled-back change, and never before the worker can read the
rows it needs). With a broker (CELERY_BROKER_URL or REDIS_URL) a worker runs it; without one,
it runs in this process right after the commit, so a site with no Redis still works.

Tasks must be idempotent: a worker may run one twice (a redelivery after a crash, a retry after
a timeout). Each task here says what makes a second run harmless.
"""

from django.db import transaction

# Retry policy shared by every task that talks to the outside (SMTP, webhooks): exponential
# backoff with jitter, capped at ten minutes, then the failure is logged and recorded.
RETRYING = {
    "autoretry_for": (OSError,),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


def run_after_commit(task, **kwargs):
    """Queue `task` with keyword arguments once the current transaction commits.

    Outside a transaction it is queued at once. A broker that cannot be reached is not the
    caller's failure: the error is logged (robust=True) and the periodic sweeps pick the work
    up from the database later.
    """
    transaction.on_commit(lambda: task.apply_async(kwargs=kwargs), robust=True)
