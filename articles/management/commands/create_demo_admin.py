import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

DEMO_USERNAME = "demo-admin"


class Command(BaseCommand):
    help = _("Create the demo superuser for local development and print its password.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("The demo admin exists only in development (DEBUG on)."))
        user_model = get_user_model()
        user, _created = user_model.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "demo@example.mil"},
        )
        # A fresh random password on every start: nothing guessable ever exists, even in dev.
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo admin: http://127.0.0.1:8000/admin/  user: %(user)s  password: %(pw)s")
                % {"user": DEMO_USERNAME, "pw": password}
            )
        )
