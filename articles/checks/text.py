"""Plain text out of rich text, and the sentences and words in it.

Rich text is parsed with the standard library's HTML parser (a real tokenizer, entities decoded),
so the checks see what a reader sees: `&lt; td &gt;` typed into the editor is the text `< td >`.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import regex
from confusable_homoglyphs import confusables

# Elements that start a new line of text: what the reader sees as a paragraph, heading or item.
_LINE_ELEMENTS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote pre br hr table tr td th".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class HtmlLink:
    href: str
    text: str
    line: int


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.links = []
        self._current = []
        self._open_link = None

    def _break_line(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.lines.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in _LINE_ELEMENTS:
            self._break_line()
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            # Lines are counted from 1; the link sits on the line being collected.
            self._open_link = (href.strip(), len(self.lines) + 1, [])

    def handle_endtag(self, tag):
        if tag in _LINE_ELEMENTS:
            self._break_line()
        elif tag == "a" and self._open_link:
            href, line, text = self._open_link
            self.links.append(HtmlLink(href=href, text=" ".join("".join(text).split()), line=line))
            self._open_link = None

    def handle_data(self, data):
        self._current.append(data)
        if self._open_link:
            self._open_link[2].append(data)

    def close(self):
        super().close()
        self._break_line()


def html_text(html):
    """The visible lines of a rich-text fragment, and the links in it with their line numbers."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    return collector.lines, collector.links


def text_lines(text):
    """Lines of a plain-text field, whitespace collapsed, empty lines dropped."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


# Web addresses and e-mail addresses: their dots and commas are not punctuation.
ADDRESS = re.compile(
    r"(?:https?://|mailto:|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\."
    r"(?:mil|gov|com|org|net|edu|int|io)\b(?:/\S*)?",
    re.IGNORECASE,
)

# Words after which a period does not end a sentence: ranks, titles, months, Latin, times.
_ABBREVIATIONS = frozenset(
    # A word list reads better as words than as fifty quoted strings.
    """adm brig capt cmdr col cpl gen lt maj pfc pvt sgt spc gov rep sen sr jr mr mrs ms dr st
    ft mt vs inc co corp dept jan feb mar apr aug sep sept oct nov dec e.g i.e a.m p.m u.s
    u.n""".split()  # noqa: SIM905
)

# Longer than any word in _ABBREVIATIONS with its quotes and brackets.
_LAST_WORD_WINDOW = 24
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def sentences(line):
    """Sentences of one line of prose. A line without a final stop is one sentence."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(line):
        # Only the last few characters can hold the word before the stop: reading back from
        # the sentence's start instead made a line of "Sgt. Sgt. Sgt. …" quadratic.
        before = line[max(start, match.start() + 1 - _LAST_WORD_WINDOW) : match.start() + 1]
        last_word = before.rsplit(None, 1)[-1].rstrip(".").lstrip("(\"“‘'").casefold()
        # "U.S. Army", "Sgt. Smith", "J. Smith": the period belongs to an abbreviation.
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        found.append(line[start : match.end()].strip())
        start = match.end()
    rest = line[start:].strip()
    if rest:
        found.append(rest)
    return found


_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")


def words(text):
    return _WORD.findall(text)


def excerpt(text, limit=80):
    """The start of `text`, cut at a word boundary, for quoting in a message."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


# Characters that render as nothing (soft hyphen, zero-width space and joiners, BOM, variation
# selectors, …): Unicode's Default_Ignorable_Code_Point property, as the regex module knows it.
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
# Scripts whose letters are the ones a term is typed in; a look-alike from any other script
# (Cyrillic "а", Greek "ο") is folded to the Latin letter it imitates.
_PREFERRED_SCRIPTS = ["LATIN", "COMMON"]


@functools.cache
def _folded_character(character):
    if _IGNORABLE.fullmatch(character):
        return ""
    folded = []
    for part in unicodedata.normalize("NFKC", character):
        lookalikes = confusables.is_confusable(part, preferred_aliases=_PREFERRED_SCRIPTS)
        latin = [
            glyph["c"]
            for found in lookalikes or ()
            for glyph in found["homoglyphs"]
            if glyph["c"].isascii() and glyph["c"].isalnum()
        ]
        folded.append(latin[0] if latin else part)
    return "".join(folded).casefold()


@dataclass(frozen=True)
class FoldedText:
    """Text as it reads, for matching: NFKC (full-width and styled letters become plain ones),
    invisible characters removed, look-alike letters of other scripts folded to Latin ones
    (confusable-homoglyphs' Unicode data), case folded. `original(start, end)` gives back the
    typed text a match in `text` covers."""

    source: str
    text: str
    starts: tuple[int, ...]  # for each character of `text`, where it comes from in `source`

    @classmethod
    def of(cls, source):
        pieces, starts = [], []
        for position, character in enumerate(source):
            folded = _folded_character(character)
            pieces.append(folded)
            starts.extend([position] * len(folded))
        return cls(source, "".join(pieces), tuple(starts))

    def original(self, start, end):
        return self.source[self.starts[start] : self.starts[end - 1] + 1]
