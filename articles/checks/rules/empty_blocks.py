"""Blocks with nothing in them: rich text without text, a table without rows."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import InitiativeTable, RichText

from ..registry import Flag, Severity, release_check


@release_check("empty-block", severity=Severity.ERROR, title=gettext_lazy("Empty block"))
def empty_blocks(document):
    for block in document.blocks_of(RichText):
        if not block.lines:
            yield Flag(
                block.location,
                _("This rich-text block has no text. Type the paragraph, or delete the block."),
            )
    for block in document.blocks_of(InitiativeTable):
        if not block.instance.rows.all():
            yield Flag(
                block.location,
                _(
                    "This table has no rows. Add one line per initiative under “rows”, or "
                    "delete the block."
                ),
            )
