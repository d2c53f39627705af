"""Which of the site's languages an imported release is written in.

py3langid (a trained character n-gram classifier shipped with its model, no download) limited
to the site's languages: a Spanish text from a partner ministry becomes a Spanish release.
"""

from functools import cache

from django.conf import settings
from django.utils.html import strip_tags
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .structure import ParsedRelease, QuoteBlock, RichTextBlock

# Enough running text to tell two languages apart reliably; classifying more costs time only.
SAMPLE_CHARS = 4000


@cache
def _identifier():
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([code for code, _name in settings.LANGUAGES])
    return identifier


def detect_language(parsed: ParsedRelease) -> str:
    """The site language `parsed` is written in; the default language when there is no text."""
    parts = [parsed.headline, parsed.subheadline]
    for block in parsed.blocks:
        if isinstance(block, QuoteBlock):
            parts.append(block.text)
        elif isinstance(block, RichTextBlock):
            parts.append(strip_tags(block.html))
    sample = " ".join(part for part in parts if part)[:SAMPLE_CHARS]
    if not sample.strip():
        return settings.LANGUAGE_CODE
    language, _score = _identifier().classify(sample)
    return language
