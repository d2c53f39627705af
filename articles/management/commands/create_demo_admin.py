import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles import roles

DEMO_USERNAME = "demo-admin"
# One login per role, to try the workflow: a release authority may not clear their own release.
DEMO_ROLE_USERS = {
    "demo-writer": roles.WRITER,
    "demo-editor": roles.EDITOR,
    "demo-authority": roles.RELEASE_AUTHORITY,
}
# Invented officers, so pages and e-mails name people as they will in real use.
DEMO_NAMES = {
    "demo-writer": ("Dana", "Whitcombe"),
    "demo-editor": ("Jordan", "Ibarra"),
    "demo-authority": ("Casey", "Montenegro"),
}


class Command(BaseCommand):
    help = _("Create the demo superuser and one user per role for local development.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("The demo admin exists only in development (DEBUG on)."))
        user_model = get_user_model()
        # A fresh random password on every start: nothing guessable ever exists, even in dev.
        password = secrets.token_urlsafe(12)
        user, _created = user_model.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "demo@example.mil"},
        )
        user.set_password(password)
        user.save()
        for username, role in DEMO_ROLE_USERS.items():
            user, _created = user_model.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "email": f"{username}@example.mil"},
            )
            user.first_name, user.last_name = DEMO_NAMES[username]
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo admin: http://127.0.0.1:8000/admin/  user: %(user)s  password: %(pw)s")
                % {"user": DEMO_USERNAME, "pw": password}
            )
        )
        self.stdout.write(
            _("Same password for the roles: %(users)s") % {"users": ", ".join(DEMO_ROLE_USERS)}
        )
