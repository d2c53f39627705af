"""Which kind of release a text is, and which language it is written in."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

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

# Words frequent in one language and rare in the other; a release is Spanish when its Spanish
# words outnumber its English ones (agency names in Spanish do not tip an English release).
_SPANISH = frozenset(
    {"de", "la", "el", "los", "las", "y", "en", "que", "del", "para", "con", "por", "una",
     "un", "se", "su", "sus", "al", "es", "fue", "dijo", "como", "más", "este", "esta",
     "entre", "sobre", "también", "durante"}
)  # fmt: skip
_ENGLISH = frozenset(
    {"the", "and", "of", "to", "in", "for", "with", "that", "on", "is", "was", "by", "at",
     "from", "as", "are", "this", "their", "said", "were", "will", "has", "have"}
)  # fmt: skip
_READOUT = re.compile(r"\bprovided the following readout\b|^readout of\b|^lectura de\b", re.I)
_STATEMENT = re.compile(
    r"^(?:statement|joint statement|remarks)\s+(?:by|from|of|on)\b|^declaraci[oó]n\b", re.I
)
_ADVISORY_LABELS = re.compile(
    r"^(?:who|what|when|where|qu[ée]|qui[ée]n(?:es)?|cu[áa]ndo|d[óo]nde)\s*:", re.I | re.M
)


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def detect_language(text: str) -> str:
    words = re.findall(r"[a-záéíóúñ]+", text.lower()[:20000])
    spanish = sum(1 for w in words if w in _SPANISH)
    english = sum(1 for w in words if w in _ENGLISH)
    if not spanish and not english:
        return ""
    return "es" if spanish > english else "en"


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
