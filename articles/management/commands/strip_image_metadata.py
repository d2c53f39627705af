from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.images.services import strip_stored_image
from articles.models import Image


class Command(BaseCommand):
    help = _(
        "Strip hidden metadata (GPS, serial numbers…) from photos stored before uploads were "
        "checked, and make their renditions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help=_("Process every photo again, not only those never processed."),
        )

    def handle(self, *args, **options):
        images = Image.objects.all() if options["all"] else Image.objects.filter(file_size=None)
        failed = 0
        for image in images.prefetch_related("renditions").iterator(chunk_size=100):
            try:
                strip_stored_image(image=image)
            except (OSError, ValidationError) as error:
                failed += 1
                reason = "; ".join(getattr(error, "messages", [str(error)]))
                self.stderr.write(
                    _("%(title)s (#%(pk)s): left as it is: %(reason)s")
                    % {"title": image.title, "pk": image.pk, "reason": reason}
                )
                continue
            removed = ", ".join(str(label) for label in image.removed_metadata_labels)
            self.stdout.write(
                _("%(title)s (#%(pk)s): removed %(removed)s")
                % {"title": image.title, "pk": image.pk, "removed": removed or _("nothing")}
            )
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d photo could not be processed.",
                    "%(count)d photos could not be processed.",
                    failed,
                )
                % {"count": failed}
            )
