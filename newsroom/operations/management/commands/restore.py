from django.core.management.base import BaseCommand, CommandError

from newsroom.operations.backups import BackupError, restore_backup
from public import search_engine, versions


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded media from an archive made by `backup`. "
        "Everything currently stored is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by `manage.py backup`.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask for confirmation (for scripts).",
        )

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            answer = input(
                "This replaces the whole database and all media with the archive's. "
                "Type 'restore' to continue: "
            )
            if answer.strip() != "restore":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            manifest = restore_backup(archive)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        # The search index is not in the archive: it is built from the restored releases. Pages
        # cached before the restore (under a generation it may have brought back) are stale.
        entered = search_engine.rebuild()
        versions.advance_page_generation()
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup made at {manifest['created_at']}; "
                f"{entered} published releases entered in the search index."
            )
        )
