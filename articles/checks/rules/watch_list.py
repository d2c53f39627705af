"""Words and phrases on the OPSEC watch list (kept in the admin) need a second look."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import WatchTerm

from ..registry import Flag, Severity, release_check


def term_pattern(term):
    """Whole words, any capitalization, any spacing between the words of a phrase."""
    body = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@release_check("watch-list", severity=Severity.WARNING, title=gettext_lazy("Watch-list term"))
def watch_list_terms(document):
    terms = [(term, term_pattern(term.term)) for term in WatchTerm.objects.active()]
    if not terms:
        return
    for line in document.lines():
        for term, pattern in terms:
            match = pattern.search(line.text)
            if not match:
                continue
            reason = term.reason or _("no reason given")
            yield Flag(
                line.location,
                _(
                    "“%(found)s” is on the watch list (%(reason)s). Make sure it may be "
                    "released, or take it out."
                )
                % {"found": match.group(), "reason": reason},
                subject=term.term,
            )
