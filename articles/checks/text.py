"""Plain text out of rich text, and the sentences and words in it.

Rich text is parsed with the standard library's HTML parser (a real tokenizer, entities decoded),
so the checks see what a reader sees: `&lt; td &gt;` typed into the editor is the text `< td >`.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def sentences(line):
    """Sentences of one line of prose. A line without a final stop is one sentence."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(line):
        before = line[start : match.start() + 1]
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
