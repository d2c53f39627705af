"""Repairs for text as it reaches us: invisible characters, stray HTML, missing spaces.

Stray HTML in *text* (scrapers leave ``td > tr >``, ``< td >``, ``li >``, ``p>``) is cleaned up
line by line with a closed list of tag names: a fragment is only removed when it names one of
those tags, either as a whole tag (``<td headers="x">``, ``< td >``, ``</p>``) or as a closing
half left at the end of a line (``td > tr >``, ``h2>``). Anything else that merely contains
``<`` or ``>`` ("5 > 3") is left alone. Real HTML input never comes here: it goes through the
HTML parser in ``html_input``. The halves also leave hints: ``h2>`` makes the line a heading.
"""

import re
import unicodedata

_BLOCK_TAGS = (
    "p|div|span|li|ul|ol|td|th|tr|table|tbody|thead|tfoot|caption|h[1-6]|br|hr|strong|b|em|i|"
    "u|a|blockquote|sup|sub|font|center|section|article|header|footer|nav|main|figure|"
    "figcaption|small|label"
)
# A whole tag, possibly with attributes and stray spaces: <td>, < td >, </p>, <br/>,
# <th scope ="col" id ="x">. Attributes are bounded so junk cannot make this slow.
WHOLE_TAG = re.compile(
    rf"<\s{{0,5}}/?\s{{0,5}}(?P<name>{_BLOCK_TAGS})\b[^<>]{{0,500}}?/?\s{{0,5}}>", re.IGNORECASE
)
# Closing halves at the end of a line: "td > tr >", "th> tr>", "td /> tr />", "li >", "h2>".
_HALF = r"/?\s{0,5}(?:td|th|tr|li|p|h[1-6]|ul|ol|div|span|table|tbody|thead)\s{0,5}/?\s{0,5}>"
TRAILING_HALVES = re.compile(
    rf"(?:(?<=\s)|(?<=^)|(?<=[.!?”\"')]))(?:{_HALF}\s{{0,5}})+$", re.IGNORECASE
)
_HALVES_WINDOW = 200  # halves only ever trail a line; looking further back is wasted work
TABLE_FRAGMENT = re.compile(
    r"<\s{0,5}/?\s{0,5}(?:td|th|tr)\b[^<>]{0,500}>|(?:^|\s)/?(?:td|th|tr)\s{0,5}/?\s{0,5}>",
    re.IGNORECASE,
)

_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None
) | dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no control or zero-width characters, non-breaking spaces as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text).translate(_INVISIBLE)
    return unicodedata.normalize("NFC", text)


def strip_fragments(line: str) -> tuple[str, set[str], int]:
    """Remove stray tags from one line; return the line, the tag names seen, and the count."""
    names: set[str] = set()
    count = 0

    def whole(m: re.Match) -> str:
        nonlocal count
        count += 1
        names.add(m.group("name").lower())
        return " "

    line = WHOLE_TAG.sub(whole, line)
    offset = max(0, len(line) - _HALVES_WINDOW)
    m = TRAILING_HALVES.search(line, offset)
    if m:
        halves = re.findall(r"[a-z][a-z0-9]*", m.group(0).lower())
        names.update(halves)
        count += len(halves)
        line = line[: m.start()]
    if count:
        line = re.sub(r"[ \t]{2,}", " ", line).strip()
    return line, names, count


def has_table_fragments(line: str) -> bool:
    return bool(TABLE_FRAGMENT.search(line))


_URL_TOKEN = re.compile(r"://|^www\.|@|\.(?:com|org|net|gov|mil|edu|io|pa|html?)(?:\W|$)", re.I)
# "sharing.This", "region.As" (two lower-case letters first, so "U.S." and "1.5" never match)
_MISSING_SPACE_SENTENCE = re.compile(r"(?<=[a-z]{2})([.!?][”\"’]?)(?=[A-Z][a-z])")
# "dialogues,the", "readiness,economic" (letters on both sides, so "1,000" never matches)
_MISSING_SPACE_COMMA = re.compile(r"(?<=[a-z]{2}),(?=[a-z]{2})")
# "Deployment :" → "Deployment:"
_SPACE_BEFORE = re.compile(r"(?<=\w) {1,5}([:;,])(?= |$)")


def repair_spacing(text: str) -> tuple[str, int]:
    """Insert the missing space after sentence punctuation, never inside a URL or address."""
    count = 0
    tokens = text.split(" ")
    for i, token in enumerate(tokens):
        if len(token) < 5 or _URL_TOKEN.search(token):
            continue
        token, a = _MISSING_SPACE_SENTENCE.subn(r"\1 ", token)
        token, b = _MISSING_SPACE_COMMA.subn(", ", token)
        tokens[i] = token
        count += a + b
    text, c = _SPACE_BEFORE.subn(r"\1", " ".join(tokens))
    return text, count + c


FOOTNOTE_MARK = re.compile(r"\[(\d{1,3})\]|\[\^(\d{1,3})\]")
# "[1] European Union Agency Reports (2023)[2] Department of … (2023)." or "[^1]: text"
_DEFINITION_LINE = re.compile(r"^\s*\[\^?\d{1,3}\]:?\s*\S")


def footnote_definitions(text: str) -> list[tuple[int, str]] | None:
    """The sources defined by a line that starts with "[1]", else None."""
    if not _DEFINITION_LINE.match(text):
        return None
    parts = re.split(r"\[\^?(\d{1,3})\]:?", text)
    found = []
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        body = body.strip()
        if body.endswith(")."):  # "Annual Review (2023)." → "Annual Review (2023)"
            body = body[:-1]
        if body:
            found.append((int(number), body))
    return found or None


def collapse_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
