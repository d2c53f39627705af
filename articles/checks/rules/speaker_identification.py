"""A quoted person needs a rank or title so readers know who is speaking."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Quote

from ..registry import Flag, Severity, release_check


@release_check(
    "speaker-identification",
    severity=Severity.WARNING,
    title=gettext_lazy("Speaker without rank or title"),
)
def speakers_without_rank_or_title(document):
    release_date = timezone.localdate(document.release_at) if document.release_at else None
    for block in document.blocks_of(Quote):
        speaker = block.instance.speaker
        if not speaker.full_name:
            continue  # incomplete-quote reports a speaker without a name
        # The attribution prints the rank and title held on the release date.
        role = speaker.role_on(release_date) or speaker
        if not role.rank.strip() and not role.title.strip():
            yield Flag(
                block.location,
                _(
                    "%(name)s is quoted without a rank or title, so readers cannot tell who "
                    "is speaking. Add them on %(name)s's page under “rank or honorific” and "
                    "“title”."
                )
                % {"name": speaker.full_name},
                subject=f"person:{speaker.pk}",
            )
