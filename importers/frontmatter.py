"""The lines around a release's body: site chrome, date lines, bylines, datelines, headings."""

from __future__ import annotations

import datetime
import re

from .sentences import count_sentences

# Lines that websites wrap around a story. Compared case-insensitively after collapsing spaces;
# entries ending in "…" match as prefixes.
CHROME_LINES: tuple[str, ...] = (
    "An official website of the United States government",
    "Un sitio oficial del Gobierno de Estados Unidos",
    "Here's how you know",
    "Here’s how you know",
    "Así es como usted puede verificarlo",
    "Official websites use .gov…",
    "Official websites use .mil…",
    "A .gov website belongs to…",
    "A .mil website belongs to…",
    "Secure .gov websites use HTTPS…",
    "Secure .mil websites use HTTPS…",
    "A lock (…",
    "Share sensitive information only on official, secure websites…",
    "Skip to main content",
    "Skip to content",
    "Main menu",
    "Menu",
    "Search",
    "Close",
    "Home",
    "Share",
    "Share:",
    "Share this",
    "Share This:",
    "Facebook",
    "X",
    "Twitter",
    "LinkedIn",
    "Email",
    "E-mail",
    "Print",
    "Print this page",
    "Copy link",
    "Link copied…",
    "Subscribe…",
    "Sign up for…",
    "Related stories",
    "Related articles",
    "Related content",
    "More news",
    "Back to top",
    "Top of page",
    "Our priorities",
    "Hide caption",
    "Show caption",
    "Download",
    "Read more",
    "Advertisement",
    "©…",
    "Tags:…",
    "###",
    "-30-",
)
_CHROME_EXACT = {" ".join(c.lower().split()) for c in CHROME_LINES if not c.endswith("…")}
_CHROME_PREFIX = tuple(" ".join(c[:-1].lower().split()) for c in CHROME_LINES if c.endswith("…"))
_BREADCRUMB = re.compile(r"^home\s*(?:[>/»|›]\s*[\w .’'&-]{1,40}){1,6}$", re.IGNORECASE)


def is_chrome(text: str) -> bool:
    key = " ".join(text.lower().split()).strip()
    if not key:
        return True
    return key in _CHROME_EXACT or key.startswith(_CHROME_PREFIX) or bool(_BREADCRUMB.match(key))


def is_shouting_navigation(text: str) -> bool:
    """ "OUR PRIORITIES": a short all-capitals line, as menus print them (only at the edges)."""
    if len(text) > 60:
        return False
    words = text.split()
    return (
        0 < len(words) <= 4
        and text.upper() == text
        and any(c.isalpha() for c in text)
        and not re.search(r"[\d—–]", text)
    )


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?:de\s+)?(?P<m2>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b",
    re.IGNORECASE,
)
_DATE_LINE_WORDS = re.compile(
    r"\b(?:published|released|posted|updated|date|dated|for immediate release|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|at|a\.m|p\.m|am|pm|et|est|edt|"
    r"utc|z|\d{1,2}:\d{2}|\d{3,4})\b\.?",
    re.IGNORECASE,
)


def find_date(text: str) -> tuple[datetime.date, re.Match] | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    try:
        if m.group("y1"):
            value = datetime.date(
                int(m.group("y1")), _MONTHS[m.group("m1").lower()], int(m.group("d1"))
            )
        elif m.group("y2"):
            value = datetime.date(
                int(m.group("y2")), _MONTHS[m.group("m2").lower()], int(m.group("d2"))
            )
        else:
            value = datetime.date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None
    return value, m


def parse_date_line(text: str) -> tuple[datetime.date, str] | None:
    """ "News | July 16, 2025" → (date, "News"); None if the line says more than a date."""
    if len(text) > 100:
        return None
    found = find_date(text)
    if not found:
        return None
    value, m = found
    rest = text[: m.start()] + " " + text[m.end() :]
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    parts = [p.strip(" :,.-–—") for p in re.split(r"[|•·/]", rest)]
    parts = [p for p in parts if p]
    if sum(len(p.split()) for p in parts) > 3:
        return None
    return value, " ".join(parts)


_BYLINE = re.compile(
    r"^(?:by|story by|written by|words by|por)\s*:?\s+(?P<who>\S.{0,200})$", re.IGNORECASE
)
_COURTESY = re.compile(r"^(?:courtesy story|courtesy of\b.{0,150}|courtesy)$", re.IGNORECASE)


def byline_names(text: str) -> str | None:
    """The names part of a byline line, or None if the line is not a byline."""
    m = _BYLINE.match(text.strip())
    if m:
        return m.group("who").strip()
    return None


def is_courtesy(text: str) -> bool:
    return bool(_COURTESY.match(text.strip()))


_CITY = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.’'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.’'\-]*){0,4}"
DATELINE_RE = re.compile(
    rf"^(?P<dateline>{_CITY}(?:,\s+[A-ZÀ-ÖØ-Þ][\w.’'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.’'\-]*){{0,3}})?)"
    r"(?:\s*\((?P<paren>[^()]{1,40})\))?(?:\s*(?:—|–|--)|\s+-(?=\s))\s*"
)


# "PANAMÁ, 12 de marzo de 2026 –", "CHITRÉ, Panama, September 8, 2026 –": the date after a comma
_DATED_DATELINE_RE = re.compile(
    rf"^(?P<dateline>{_CITY}(?:,\s+[A-ZÀ-ÖØ-Þ][\w.’'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.’'\-]*){{0,3}})?)"
    r",\s+(?P<date>[^—–\n]{6,40}?)\s*(?:—|–|--|-(?=\s))\s*"
)


def _dated_dateline(text: str) -> tuple[str, datetime.date | None, int] | None:
    m = _DATED_DATELINE_RE.match(text)
    if not m:
        return None
    found = find_date(m.group("date"))
    if not found or found[1].group(0).strip() != m.group("date").strip(" ,."):
        return None
    return m.group("dateline"), found[0], m.end()


def split_dateline(text: str) -> tuple[str, datetime.date | None, int] | None:
    """ "CRISTÓBAL COLÓN, Panama — …" → ("CRISTÓBAL COLÓN, Panama", None, offset of the body)."""
    m = DATELINE_RE.match(text)
    if not m:
        found = _dated_dateline(text)
        if found is None:
            return None
        city = found[0].split(",")[0]
        if any(c.islower() for c in city) or sum(c.isalpha() for c in city) < 3:
            return None
        return found
    city = m.group("dateline").split(",")[0]
    letters = [c for c in city if c.isalpha()]
    if len(letters) < 3 or any(c.islower() for c in letters):
        return None
    dateline, date = m.group("dateline"), None
    paren = m.group("paren")
    if paren:
        found = find_date(paren)
        if found:
            date = found[0]
        else:
            dateline = f"{dateline} ({paren})"  # WASHINGTON (AFNS)
    return dateline, date, m.end()


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "de", "del", "for", "from", "in", "into", "la",
     "las", "los", "nor", "of", "on", "or", "per", "the", "to", "vs", "via", "with", "y", "e",
     "o", "en", "con", "para"}
)  # fmt: skip
_SENTENCE_PUNCTUATION = (".", ",", ";", ":", "!")


def looks_like_heading(text: str, max_words: int = 20) -> bool:
    """A short Title Case line with no closing punctuation: "Closing Remarks"."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > max_words or len(text) > 160:
        return False
    if text.endswith(_SENTENCE_PUNCTUATION) or text[0] in "“\"'‘(-•*[":
        return False
    if count_sentences(text) > 1:
        return False
    significant = [w for w in words if w.lower().strip("(),") not in _SMALL_WORDS]
    if not significant:
        return False
    capitalized = sum(1 for w in significant if w[0].isupper() or w[0].isdigit() or w[0] in '“"')
    return capitalized / len(significant) >= 0.85


def looks_like_headline(text: str) -> bool:
    """Headlines may be sentence case ("25th Infantry Division works alongside …")."""
    text = text.strip()
    words = text.split()
    return (
        0 < len(words) <= 30
        and len(text) <= 250
        and not text.endswith((".", ",", ";", ":"))
        and count_sentences(text) == 1
    )


def looks_like_label(text: str) -> bool:
    """A short caption-like line: "Training matrix:" or "Table 1. Focus areas"."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > 15:
        return False
    if text.endswith(":"):
        return True
    return bool(re.match(r"^(?:table|figure)\s+\d+\b", text, re.IGNORECASE)) or (
        looks_like_heading(text)
    )
