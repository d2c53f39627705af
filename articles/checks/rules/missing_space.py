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
        for match in MISSING_SPACE.finditer(masked):
            # Quote the whole run of text around the mark so the officer can search for it.
            token = next(
                token.group()
                for token in _TOKEN.finditer(line.text)
                if token.start() <= match.start() < token.end()
            )
            yield Flag(
                line.location,
                _("“%(text)s” needs a space after the “%(mark)s”.")
                % {"text": token, "mark": match.group()[0]},
                subject=token,
            )
