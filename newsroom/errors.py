"""Error pages that work when the database does not.

Django calls handler500 inside the `except` block of the failed request, so the exception is
at hand: a database that cannot be reached gets a designed 503 (the outage is ours and passing;
clients and proxies may retry), rendered standalone and without a request, so no context
processor, session or query runs. Anything else gets the 500 page in the site's design; if even
that cannot be rendered, the standalone 500-plain.html."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 30


def _database_unreachable(exception):
    # psycopg reports a refused or lost connection as OperationalError or InterfaceError, which
    # Django re-raises as its own classes of the same names.
    return isinstance(exception, OperationalError | InterfaceError)


def server_error(request, template_name="500.html"):
    exception = sys.exc_info()[1]
    if _database_unreachable(exception):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    try:
        html = loader.render_to_string(template_name, request=request)
    except Exception:  # the page's own chrome failed too: fall back to the standalone page
        logging.getLogger(__name__).exception("The designed 500 page could not be rendered")
        html = loader.render_to_string("500-plain.html")
    return HttpResponseServerError(html)
