"""Django's PostgreSQL backend, health-checking a persistent connection only after it idled.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request that
reuses a connection: on a busy server, one more round trip per page (2 to 8% of a cold release's
or a search's CPU in bench/README.md's seventh round). As PgBouncer's `server_check_delay` and
HikariCP's aliveness bypass do, a connection that served a request less than CHECK_AFTER_IDLE
ago is taken as alive, and one idle longer is checked as before: a connection the database
dropped while the site was quiet (a restart at night) is replaced before a reader's request.
One dropped within that second fails its next request with the outage page (503), and is
replaced when that request ends (Django closes a connection that raised and no longer answers).
"""

import time

from django.db.backends.postgresql import base

# Seconds since a connection last served a request after which it is checked before reuse.
CHECK_AFTER_IDLE = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    _request_boundary_at = float("-inf")

    def close_if_unusable_or_obsolete(self):
        # Called as each request (or Celery task) starts and ends: at a start, the time since
        # the last boundary is how long the connection has been idle.
        previous, self._request_boundary_at = self._request_boundary_at, time.monotonic()
        super().close_if_unusable_or_obsolete()
        if self.connection is not None and (
            self._request_boundary_at - previous < CHECK_AFTER_IDLE
        ):
            self.health_check_done = True
