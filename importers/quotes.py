"""Quotes inside a paragraph, and who said them.

Handles the AP shapes: “…,” said Rank Name, title. / “…,” Name said. / Name said, “…” /
“…,” he said. Straight or curly quotes. A second quoted fragment right after the attribution
(“…,” said X. “…”) belongs to the same quote. Text around the quote is left to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attribution import PRONOUNS, parse_reference
from .sentences import first_sentence_end, sentence_ends
from .structure import ParsedPerson

# How each language says who said it, after or before the name: “…,” said Jane Doe. / “…”,
# dijo la Cnel. Ana Ruiz. / “…” — afirmó el Tte. … / Ana Ruiz explicó: “…” / “…”, según …
ATTRIBUTION_VERBS = {
    "en": (
        "said", "says", "added", "adds", "explained", "explains", "stated", "noted", "notes",
        "continued", "remarked", "emphasized", "emphasised", "stressed", "commented",
        "recalled", "replied", "concluded", "highlighted", "underscored", "acknowledged",
        "observed", "told [a-z]+(?: [a-z]+)?",
    ),
    "es": (
        "dijo", "dice", "afirmó", "afirma", "señaló", "señala", "agregó", "agrega", "añadió",
        "explicó", "explica", "declaró", "indicó", "expresó", "destacó", "aseguró",
        "manifestó", "comentó", "subrayó", "precisó", "sostuvo", "enfatizó", "recalcó",
        "resaltó", "reiteró", "puntualizó", "concluyó",
    ),
}  # fmt: skip
# The phrase that puts the speaker after the quote with no verb: “…”, según el Tte. …
ACCORDING_TO = {"en": "according to", "es": "según"}

VERBS = "|".join(verb for verbs in ATTRIBUTION_VERBS.values() for verb in verbs)
# Spanish puts the comma after the closing mark (“…”, dijo …), or a dash (“…” — afirmó …).
_VERB_FIRST = re.compile(rf"^\s*[,—–]?\s*(?:{VERBS})\s+(?P<who>\S.*)$", re.DOTALL)
_WHO_FIRST = re.compile(
    rf"^\s*[,—–]?\s*(?P<who>[^\s“”\"—–][^“”\"]*?)\s+(?P<verb>{VERBS})\b(?P<rest>[^“”\"]*)$",
    re.DOTALL,
)
_ACCORDING = re.compile(
    rf"^\s*[,—–]?\s*(?:{'|'.join(ACCORDING_TO.values())})\s+(?P<who>\S.*)$",
    re.DOTALL | re.IGNORECASE,
)
_LEADING = re.compile(rf"(?P<who>[^\s“”\"][^“”\"]*?)\s+(?:{VERBS})\s*[,:]\s*$", re.DOTALL)
MIN_QUOTE_WORDS = 4
_MAX_QUOTE = 3000
_MAX_ATTRIBUTION = 400


@dataclass
class QuoteSpan:
    start: int  # index of the opening mark
    end: int  # index just past the closing mark
    inner: str


@dataclass
class FoundQuote:
    start: int  # covers the quote marks and the attribution
    end: int
    fragments: list[str]
    speaker: ParsedPerson | None = None
    pronoun: str = ""  # "he" when the speaker must come from an earlier quote
    context: str = ""
    attribution: str = ""

    @property
    def text(self) -> str:
        return join_fragments(self.fragments)


@dataclass
class QuoteScan:
    quotes: list[FoundQuote] = field(default_factory=list)
    unattributed: list[tuple[str, str]] = field(default_factory=list)  # (quote, attribution)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Balanced “…” and "…" pairs; unbalanced marks are left as text."""
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "“":
            close = _find_close(text, i + 1, "”", "“")
        elif ch == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"):
            close = _find_close(text, i + 1, '"', None)
        else:
            i += 1
            continue
        if close == -1:
            i += 1
            continue
        spans.append(QuoteSpan(i, close + 1, text[i + 1 : close]))
        i = close + 1
    return spans


def _find_close(text: str, start: int, closer: str, opener: str | None) -> int:
    limit = min(len(text), start + _MAX_QUOTE)
    for j in range(start, limit):
        ch = text[j]
        if ch == closer:
            return j
        if opener and ch == opener:
            return -1
    return -1


def join_fragments(fragments: list[str]) -> str:
    """Fragments as sentences: the comma that led into the attribution becomes a period."""
    out = []
    for frag in fragments:
        frag = " ".join(frag.split())
        if frag.endswith(","):
            frag = frag[:-1].rstrip() + "."
        out.append(frag)
    return " ".join(out)


def _trailing_attribution(gap: str) -> tuple[int, str, ParsedPerson | None, str, str] | None:
    """Attribution opening ``gap``, the text after a quote: (length, raw, who, pronoun, ctx)."""
    end = first_sentence_end(gap)
    clause = gap[:end]
    if len(clause) > _MAX_ATTRIBUTION:
        return None
    for pattern in (_VERB_FIRST, _ACCORDING):
        m = pattern.match(clause)
        if m:
            who = m.group("who").strip().rstrip(".")
            if who in PRONOUNS:
                return end, clause.strip(), None, who.lower(), ""
            parsed = parse_reference(who)
            return (
                end,
                clause.strip(),
                parsed[0] if parsed else None,
                "",
                (parsed[1] if parsed else ""),
            )
    m = _WHO_FIRST.match(clause)
    if m:
        who = m.group("who").strip().strip(",")
        rest = m.group("rest").strip().strip(".,").strip()
        if who in PRONOUNS:
            return end, clause.strip(), None, who.lower(), rest
        parsed = parse_reference(who)
        if parsed:
            context = " ".join(filter(None, [parsed[1], rest]))
            return end, clause.strip(), parsed[0], "", context
        if len(who.split()) <= 6:
            return end, clause.strip(), None, "", rest
    return None


def _leading_attribution(before: str) -> tuple[int, str, ParsedPerson | None, str, str] | None:
    """Attribution ending ``before`` (text before a quote): (start, raw, who, pronoun, ctx)."""
    window_start = max(0, len(before) - _MAX_ATTRIBUTION)
    start = window_start
    for end in sentence_ends(before, window_start):
        if before[end:].strip():
            start = end
    sentence = before[start:]
    m = _LEADING.match(sentence.lstrip())
    if not m:
        return None
    start += len(sentence) - len(sentence.lstrip())
    who = m.group("who").strip()
    if who in PRONOUNS:
        return start, sentence.strip(), None, who.lower(), ""
    segments = [s.strip() for s in who.split(",")]
    for cut in reversed(range(len(segments))):  # "In April, Hegseth said," → "In April"
        parsed = parse_reference(", ".join(segments[cut:]))
        if parsed:
            context = ", ".join(segments[:cut])
            return start, sentence.strip(), parsed[0], "", context
    return None


def scan_quotes(text: str) -> QuoteScan:
    """Quotes of four words or more and their attributions; shorter ones are scare quotes."""
    scan = QuoteScan()
    spans = [s for s in find_quote_spans(text) if len(s.inner.split()) >= MIN_QUOTE_WORDS]
    current: FoundQuote | None = None
    consumed_to = 0  # text before this index belongs to an earlier quote
    for index, span in enumerate(spans):
        next_start = spans[index + 1].start if index + 1 < len(spans) else len(text)
        gap_before = text[consumed_to : span.start]
        if current is not None and not gap_before.strip():
            current.fragments.append(span.inner)
            current.end = span.end
        else:
            if current is not None:
                _finish(scan, current)
            current = FoundQuote(span.start, span.end, [span.inner])
            lead = _leading_attribution(gap_before)
            if lead:
                offset, raw, who, pronoun, context = lead
                current.start = consumed_to + offset
                current.attribution, current.speaker = raw, who
                current.pronoun, current.context = pronoun, context
        consumed_to = span.end
        gap_after = text[span.end : next_start]
        trail = _trailing_attribution(gap_after)
        if trail and current.speaker is None and not current.pronoun:
            length, raw, who, pronoun, context = trail
            current.attribution, current.speaker = raw, who
            current.pronoun, current.context = pronoun, context
            current.end = span.end + length
            consumed_to = current.end
    if current is not None:
        _finish(scan, current)
    return scan


def _finish(scan: QuoteScan, quote: FoundQuote) -> None:
    if quote.speaker is not None or quote.pronoun:
        scan.quotes.append(quote)
    elif quote.attribution:
        scan.unattributed.append((quote.text, quote.attribution))
