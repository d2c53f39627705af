import os

from django.core.wsgi import get_wsgi_application

from newsroom.preload import warm

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

application = get_wsgi_application()
warm()
