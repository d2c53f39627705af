"""gunicorn settings for production; every value can be overridden from the environment."""

import gc
import logging
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# The application is imported once, in the master; workers are forked from it. A recycled
# worker is then ready in milliseconds instead of spending a second importing Django while the
# other workers carry its share (what made p99 jump every few thousand requests). Connections
# to PostgreSQL and Redis are opened by each worker on first use, never in the master.
preload_app = True
# Recycle workers now and then so a slow leak can never take a server down: rarely, and at
# well-spread moments (jitter of a tenth), so two workers never restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Embargo links are secrets: the access log shows "/embargoed/[redacted]/" (newsroom/access_log.py).
logger_class = "newsroom.access_log.RedactingLogger"


def post_fork(server, worker):
    """A request makes thousands of short-lived objects. With Python's default thresholds a
    worker runs the cycle collector every 700 allocations and a full collection of its whole
    heap every few hundred requests, about 7% of a cold release page's CPU. Collecting the
    youngest objects every 10,000 allocations instead lets reference counting free most of them
    first, and makes full collections rare (bench/README.md, fifth round)."""
    gc.set_threshold(10_000, 10, 10)


def worker_exit(server, worker):
    """A worker recycled after its share of requests leaves without tearing its interpreter
    down: freeing a worker's heap object by object took about 0.3 s, and gunicorn forks the
    replacement only once the old worker has gone, so the other worker carried every reader
    alone meanwhile (a p99 of 68-390 ms while workers were replaced; bench/README.md). Its
    database connections are closed and its log lines written first. Any other exit (a stop, a
    reload, a failed boot) takes the normal way, with its exit status, which tells gunicorn
    whether to start the worker again."""
    if worker.nr < worker.max_requests:
        return
    from django.db import connections

    connections.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
