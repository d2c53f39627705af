from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.drafts import create_draft
from importers.errors import UnreadableRelease
from importers.parse import parse_file


class Command(BaseCommand):
    help = _(
        "Import release files (.docx, .pdf, .txt, .md, .html) as drafts and print what was found."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        failures = 0
        for path in files:
            self.stdout.write(self.style.MIGRATE_HEADING(str(path)))
            try:
                parsed = parse_file(path.name, path.read_bytes())
            except (OSError, UnreadableRelease) as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"  {error}"))
                continue
            result = create_draft(parsed)
            for line in [*result.report_lines(), *result.recognized]:
                self.stdout.write(f"  {line}")
            for line in [*result.check_first(), *result.unrecognized]:
                self.stdout.write(self.style.WARNING(f"  {line}"))
            for text, url in result.suggestions:
                self.stdout.write(self.style.WARNING(f"  {text} {url}"))
        if failures:
            raise CommandError(
                _("%(count)d of %(total)d files could not be imported.")
                % {"count": failures, "total": len(files)}
            )
