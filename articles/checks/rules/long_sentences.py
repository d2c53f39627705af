"""Sentences too long to read in one go (Plain Writing Act: short sentences, plain words)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..registry import Flag, Severity, release_check
from ..text import excerpt, sentences, words


@release_check("long-sentence", severity=Severity.WARNING, title=gettext_lazy("Long sentence"))
def long_sentences(document):
    limit = settings.NEWSROOM_CHECKS_LONG_SENTENCE_WORDS
    for line in document.prose_lines():
        for sentence in sentences(line.text):
            count = len(words(sentence))
            if count > limit:
                yield Flag(
                    line.location,
                    _(
                        "This sentence has %(count)d words; aim for %(limit)d or fewer. "
                        "Split it in two or cut what the reader does not need: “%(start)s”"
                    )
                    % {"count": count, "limit": limit, "start": excerpt(sentence)},
                    subject=sentence,
                )
