"""Placeholders nobody filled in: “[insert date]”, “[TBD]”, “TK”, “XX”, “lorem ipsum”, “{{ x }}”."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..registry import Flag, Severity, release_check

PLACEHOLDER = re.compile(
    r"""
    (?i:\[\s*(?:insert|add|enter|fill\ in|tbd|tba|tbc|tk|todo|to\ come|placeholder|
        name|date|time|title|number|quote|x{2,})\b[^\]]*\])    # [insert date], [TBD], [name]
    | (?<![\w-])TK(?:TK)*(?![\w-])                             # TK: "to come", in capitals
    | (?<![\w-])(?i:x{2,})(?![\w-])                            # XX, XXX, xx
    | (?i:\blorem\s+ipsum\b)
    | \{\{.{0,200}?\}\} | \{%.{0,200}?%\}                      # template tags
    | <<[^<>]*>>                                               # mail-merge fields
    | \{\s*[A-Za-z_]\w*\s*\}                                   # {event_date}
    """,
    re.VERBOSE,
)


@release_check(
    "placeholder", severity=Severity.ERROR, title=gettext_lazy("Placeholder not filled in")
)
def unfilled_placeholders(document):
    for line in document.lines():
        for match in PLACEHOLDER.finditer(line.text):
            yield Flag(
                line.location,
                _(
                    "“%(placeholder)s” is a placeholder that was never filled in. Replace it "
                    "with the real text, or delete it."
                )
                % {"placeholder": match.group()},
                subject=match.group(),
            )
