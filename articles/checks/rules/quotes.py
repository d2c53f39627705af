"""A quote needs words and a speaker with a name."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Quote

from ..registry import Flag, Severity, release_check


@release_check("incomplete-quote", severity=Severity.ERROR, title=gettext_lazy("Incomplete quote"))
def incomplete_quotes(document):
    for block in document.blocks_of(Quote):
        quote = block.instance
        if not quote.text.strip():
            yield Flag(
                block.location,
                _("This quote has no words. Type what was said, or delete the block."),
            )
        # The speaker is a required field, but people created by imports or scripts can
        # lack a name: the attribution would print nothing.
        if not quote.speaker.full_name:
            yield Flag(
                block.location,
                _(
                    "This quote has no named speaker. Choose who said it, or give the person "
                    "a name on their page."
                ),
            )
