from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsroom.operations.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write the archive (default: newsroom-backup-<UTC time>.tar.gz).",
        )

    def handle(self, *args, archive=None, **options):
        archive = archive or f"newsroom-backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"
        try:
            manifest = create_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['database']} database and media "
                f"({manifest['media']}) to {archive}"
            )
        )
