"""gunicorn settings for production; every value can be overridden from the environment."""

import os

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
