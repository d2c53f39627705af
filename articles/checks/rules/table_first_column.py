"""Every row of an initiative table names its initiative in the first column."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import InitiativeTable

from ..registry import Flag, Severity, release_check


@release_check(
    "table-first-column",
    severity=Severity.ERROR,
    title=gettext_lazy("Table row without an initiative"),
)
def empty_first_column(document):
    for block in document.blocks_of(InitiativeTable):
        for number, row in enumerate(block.instance.rows.all(), start=1):
            if not row.initiative.name.strip():
                yield Flag(
                    block.at(_("row"), number=number),
                    _(
                        "The first cell of this row is empty: it must name the initiative. "
                        "Type the initiative's name at the start of the row, or delete the row."
                    ),
                )
