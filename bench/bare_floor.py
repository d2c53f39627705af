"""The bench's bare floor: a minimal Django project, one view, only the Security and Common
middleware, served by its own gunicorn with the shipped gunicorn.conf.py.

`bench/run.py` reports every page against it ("% bare"), beside the in-app floor ("% app",
newsroom/bench_floor.py, which pays for this site's whole middleware stack). Start it with
`gunicorn bench.bare_floor:application -c gunicorn.conf.py` from the project root.
"""

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Floor</title></head>"
    b"<body><h1>Floor</h1><p>A bare Django view.</p></body></html>"
)


def floor(request):
    return HttpResponse(PAGE)


urlpatterns = [path("bench/floor/", floor)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)
application = get_wsgi_application()
