"""What a worker would otherwise do on its first request, done once before workers start.

gunicorn imports the application in its master and forks each worker from it
(gunicorn.conf.py: preload_app), and it replaces each worker every ~50,000 requests. Django
still leaves some of its set-up to the first request that needs it, and a new worker paid for it
while the other worker carried every reader alone: importing the Redis client with the cache
backends (about 80 ms), filling the URL resolver for each language (35 ms) and compiling the
templates. Done here, in the master, every worker starts with them.

Nothing here opens a connection: a socket opened in the master would be shared by every worker
forked from it.
"""

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string


def warm():
    for cache in settings.CACHES.values():
        import_string(cache["BACKEND"])
    for language, _name in settings.LANGUAGES:
        # Loads the language's catalogs and the resolver's reverse map for its URL prefix.
        with translation.override(language):
            reverse("public:home")
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                get_template(path.relative_to(directory).as_posix())
