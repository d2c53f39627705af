from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.checks import refresh_release_checks
from articles.models import Article, ArticleStatus


def releases_to_check(ids, *, everything):
    """The releases named by `ids`; else every one (`everything`); else those not yet public."""
    if ids:
        releases = Article.objects.filter(pk__in=ids)
        missing = sorted(set(ids) - set(releases.values_list("pk", flat=True)))
        if missing:
            raise CommandError(
                ngettext(
                    "No release with ID %(ids)s.", "No releases with IDs %(ids)s.", len(missing)
                )
                % {"ids": ", ".join(map(str, missing))}
            )
        return releases.order_by("pk")
    if everything:
        return Article.objects.order_by("pk")
    # Drafts, releases in review, cleared ones and scheduled ones: what can still be fixed
    # before readers see it.
    return (
        Article.objects.exclude(status=ArticleStatus.WITHDRAWN)
        .exclude(pk__in=Article.objects.published())
        .order_by("pk")
    )


class Command(BaseCommand):
    help = _(
        "Run the release checks and print what they find. Without arguments: every release "
        "readers cannot see yet (drafts, in review, cleared, scheduled). Exits with status 1 "
        "when any release has an error. Stores the results shown in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, metavar="ID", help=_("Release IDs."))
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help=_("Check every release, published and withdrawn ones included."),
        )

    def handle(self, *args, ids, everything, **options):
        if ids and everything:
            raise CommandError(_("Give release IDs or --all, not both."))
        totals = {"releases": 0, "errors": 0, "warnings": 0, "failing": 0}
        for article in releases_to_check(ids, everything=everything).iterator(chunk_size=100):
            report = refresh_release_checks(article=article)
            self._print(article, report)
            totals["releases"] += 1
            totals["errors"] += report.error_count
            totals["warnings"] += report.warning_count
            totals["failing"] += bool(report.error_count)
        summary = _("%(releases)s checked: %(errors)s and %(warnings)s; %(failing)s.") % {
            "releases": ngettext("%d release", "%d releases", totals["releases"])
            % totals["releases"],
            "errors": ngettext("%d error", "%d errors", totals["errors"]) % totals["errors"],
            "warnings": ngettext("%d warning", "%d warnings", totals["warnings"])
            % totals["warnings"],
            "failing": ngettext(
                "%d release cannot be cleared or published",
                "%d releases cannot be cleared or published",
                totals["failing"],
            )
            % totals["failing"],
        }
        if totals["failing"]:
            self.stdout.write(summary)
            raise CommandError(_("Release checks found errors."), returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _print(self, article, report):
        status = ArticleStatus(article.status).label
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"#{article.pk} {article.headline or _('(no headline)')} [{status}]"
            )
        )
        for finding in report.findings:
            if finding["severity"] == "error":
                label = self.style.ERROR(_("ERROR").ljust(8))
            else:
                label = self.style.WARNING(_("WARNING").ljust(8))
            self.stdout.write(f"  {label} {finding['location']}: {finding['message']}")
        if not report.findings:
            self.stdout.write("  " + _("No findings."))
        if report.reading_grade is not None:
            self.stdout.write(
                "  "
                + _("Reading grade (Flesch–Kincaid): %(grade).1f") % {"grade": report.reading_grade}
            )
        self.stdout.write("")
