"""Words and phrases on the OPSEC watch list (kept in the admin) need a second look.

Matched on the text as it reads, not as it is typed: a soft hyphen or a zero-width space inside
a listed word, a Cyrillic "а" for a Latin "a" or full-width letters do not hide it (FoldedText).
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import WatchTerm

from ..registry import Flag, Severity, release_check
from ..text import FoldedText


def term_pattern(term):
    """Whole words, any capitalization, any spacing between the words of a phrase; the term is
    folded as the text is, so a term typed with a look-alike letter still matches."""
    body = r"\s+".join(re.escape(word) for word in FoldedText.of(term).text.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@release_check("watch-list", severity=Severity.WARNING, title=gettext_lazy("Watch-list term"))
def watch_list_terms(document):
    terms = [(term, term_pattern(term.term)) for term in WatchTerm.objects.active()]
    if not terms:
        return
    for line in document.lines():
        folded = FoldedText.of(line.text)
        for term, pattern in terms:
            match = pattern.search(folded.text)
            if not match:
                continue
            reason = term.reason or _("no reason given")
            yield Flag(
                line.location,
                _(
                    "“%(found)s” is on the watch list (%(reason)s). Make sure it may be "
                    "released, or take it out."
                )
                % {"found": folded.original(*match.span()), "reason": reason},
                subject=term.term,
            )
