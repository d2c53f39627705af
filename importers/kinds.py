"""Which kind of release a text is, and which language it is written in."""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The release kinds' names for the import report (the values are ArticleKind's).
KIND_LABELS = {
    "press-release": _("Press release"),
    "news-story": _("News story"),
    "statement": _("Statement"),
    "readout": _("Readout"),
    "transcript": _("Transcript"),
    "media-advisory": _("Media advisory"),
    "fact-sheet": _("Fact sheet"),
}
LANGUAGE_NAMES = {"en": _("English"), "es": _("Spanish")}

_READOUT = re.compile(r"\bprovided the following readout\b|^readout of\b|^lectura de\b", re.I)
_STATEMENT = re.compile(
    r"^(?:statement|joint statement|remarks)\s+(?:by|from|of|on)\b|^declaraci[oó]n\b", re.I
)
_ADVISORY_LABELS = re.compile(
    r"^(?:who|what|when|where|qu[ée]|qui[ée]n(?:es)?|cu[áa]ndo|d[óo]nde)\s*:", re.I | re.M
)


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


# Enough running text to tell the site's languages apart reliably; more costs time only.
LANGUAGE_SAMPLE_CHARS = 4000


@cache
def _language_identifier():
    """py3langid (a character n-gram classifier that ships its model) limited to the site's
    languages, so a partner ministry's Spanish text is never taken for Portuguese."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([code for code, _name in settings.LANGUAGES])
    return identifier


def detect_language(text: str) -> str:
    """The site language `text` is written in; "" when there is no text to tell by."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not sample.strip():
        return ""
    language, _score = _language_identifier().classify(sample)
    return language


def detect_kind(
    *,
    banner_kind: str,
    headline: str,
    body_text: str,
    turns: int,
    is_story: bool,
) -> tuple[str, str]:
    """(kind, why): the kind an officer would choose, and the evidence, for the report."""
    if turns >= 2:
        return "transcript", "speaker turns"
    if banner_kind:
        return banner_kind, "banner"
    if _READOUT.search(headline) or _READOUT.search(body_text[:2000]):
        return "readout", "readout line"
    if _STATEMENT.search(headline):
        return "statement", "headline"
    if len({m.lower()[:3] for m in _ADVISORY_LABELS.findall(body_text)}) >= 3:
        return "media-advisory", "who/what/when/where"
    if is_story:
        return "news-story", "byline"
    return "press-release", "default"
