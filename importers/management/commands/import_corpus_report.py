import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.corpus import FIELDS, score_corpus

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "corpus"


def _show(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class Command(BaseCommand):
    help = _(
        "Import every release of a test corpus and print the importer's accuracy per field, "
        "with every field it got wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument(
            "--minimum",
            type=float,
            default=0.0,
            help=_("Fail when the overall accuracy is below this percentage."),
        )

    def handle(self, *args, directory, minimum, **options):
        if not directory.is_dir():
            raise CommandError(_("%(path)s is not a folder.") % {"path": directory})
        score = score_corpus(directory)
        if not score.releases:
            raise CommandError(
                _("No releases with an expected-fields file (.json) in %(path)s.")
                % {"path": directory}
            )
        self.stdout.write(
            _("%(count)d releases in %(path)s") % {"count": score.releases, "path": directory}
        )
        self.stdout.write("")
        field, right, accuracy = _("field"), _("right"), _("accuracy")
        self.stdout.write(f"| {field} | {right} | {accuracy} |")
        self.stdout.write("|---|---:|---:|")
        for name in FIELDS:
            self.stdout.write(
                f"| {name} | {score.right[name]}/{score.total[name]} | "
                f"{score.accuracy(name):.1f}% |"
            )
        right, total = sum(score.right.values()), sum(score.total.values())
        everything = _("all fields")
        self.stdout.write(
            f"| **{everything}** | **{right}/{total}** | **{score.accuracy():.1f}%** |"
        )
        self.stdout.write("")
        self.stdout.write(
            _("%(count)d failures:") % {"count": len(score.failures)}
            if score.failures
            else _("No failures.")
        )
        for failure in score.failures:
            self.stdout.write(
                f"- {failure.release} · {failure.field}: "
                + _("expected %(expected)s, found %(found)s")
                % {"expected": _show(failure.expected), "found": _show(failure.found)}
            )
        if score.accuracy() < minimum:
            raise CommandError(
                _("Accuracy %(accuracy).1f%% is below the minimum of %(minimum).1f%%.")
                % {"accuracy": score.accuracy(), "minimum": minimum}
            )
