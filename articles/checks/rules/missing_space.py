"""No space after a sentence end or a comma: “sharing.This”, “dialogues,the”."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..registry import Flag, Severity, release_check
from ..text import ADDRESS

# A stop after a lowercase letter or digit, then a capitalized word ("sharing.This"), or a
# comma or semicolon after a lowercase letter, then a word ("dialogues,the"). "U.S.",
# "1.5", "1,000" and "node.js" do not match; web and e-mail addresses are masked first.
MISSING_SPACE = re.compile(
    r"""
    (?<=[a-z\d)\]])[.!?][”"’)]?(?=[“"‘]?[A-Z][a-z])
    | (?<=[a-z])[,;][”"’]?(?=[“"‘…]*[A-Za-z])
    """,
    re.VERBOSE,
)
_TOKEN = re.compile(r"\S+")


def _masked(text):
    return ADDRESS.sub(lambda match: " " * len(match.group()), text)


@release_check(
    "missing-space",
    severity=Severity.WARNING,
    title=gettext_lazy("Missing space after punctuation"),
)
def missing_spaces(document):
    for line in document.lines():
        masked = _masked(line.text)
        # Matches and tokens both come in order: one walk through each, not a scan of the
        # line's tokens per match (which made a long line quadratic).
        tokens = _TOKEN.finditer(line.text)
        token = next(tokens)
        for match in MISSING_SPACE.finditer(masked):
            while token.end() <= match.start():
                token = next(tokens)
            # Quote the whole run of text around the mark so the officer can search for it.
            token_text = token.group()
            yield Flag(
                line.location,
                _("“%(text)s” needs a space after the “%(mark)s”.")
                % {"text": token_text, "mark": match.group()[0]},
                subject=token_text,
            )
