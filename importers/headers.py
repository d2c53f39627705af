"""Lines that sources print around a release's headline: metadata, not body.

A DVIDS story carries ``Date: 02.12.2026``, ``Posted: …``, ``News ID: …`` and a photo caption;
defense.gov transcripts a ``Presenter:`` line; releases a kind banner (``MEDIA ADVISORY``,
``FOR IMMEDIATE RELEASE``, ``Comunicado de prensa``); wire reprints the outlet's own name.
``read_header`` says what such a line is; the caller decides where it goes.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .frontmatter import find_date

# Kind banners, compared case-insensitively without trailing punctuation, and the kind each
# announces ("" when it says nothing about the kind).
BANNERS: dict[str, str] = {
    "for immediate release": "",
    "immediate release": "",
    "press release": "press-release",
    "news release": "press-release",
    "comunicado de prensa": "press-release",
    "comunicado": "press-release",
    "nota de prensa": "press-release",
    "media advisory": "media-advisory",
    "advisory": "media-advisory",
    "aviso a los medios": "media-advisory",
    "aviso de prensa": "media-advisory",
    "fact sheet": "fact-sheet",
    "hoja informativa": "fact-sheet",
    "statement": "statement",
    "declaración": "statement",
    "readout": "readout",
    "transcript": "transcript",
    "transcripción": "transcript",
    "news story": "news-story",
    "news": "",
    "from the wires": "",
}
_FIELD = re.compile(
    r"^(?P<label>date|fecha|posted|publicado|updated|news id|release no|release number|"
    r"presenter|presentador|photo|foto|courtesy photo|photo by)\.?\s*(?::|\|)\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_RELEASE_NUMBER = re.compile(r"^(?:release|news release)\s+(?:no\.?|number)\s*:?\s*\S+$", re.I)
_DVIDS_DATE = re.compile(r"^(?P<m>\d{2})\.(?P<d>\d{2})\.(?P<y>\d{4})$")
# "HOWARD AIRFIELD, PANAMA": DVIDS prints the place in capitals above the date
_PLACE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.’' \-]+,\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.’' \-]+$")
# "MERIDIAN WIRE — Defense Desk", "ISTHMUS TIMES": an outlet's name in capitals
_OUTLET = re.compile(
    r"^(?P<outlet>[A-Z][A-Z&.’']+(?: [A-Z][A-Z&.’']+){0,2})(?:\s+[—–|-]\s+[A-Z][\w ]{0,30})?$"
)
_PHOTO_CREDIT = re.compile(
    r"^(?:courtesy photo|photo by [^|]{3,80})\s*\|\s*(?P<caption>\S.*)$", re.IGNORECASE
)


@dataclass
class Header:
    what: str  # "banner", "date", "posted", "id", "presenter", "caption", "place", "outlet"
    text: str
    kind: str = ""
    date: datetime.date | None = None


def _dvids_date(value: str) -> datetime.date | None:
    m = _DVIDS_DATE.match(value.strip().split()[0]) if value.strip() else None
    if not m:
        found = find_date(value)
        return found[0] if found else None
    try:
        return datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def banner_kind(text: str) -> str | None:
    """The kind a banner line announces, "" for a banner without one, None if not a banner."""
    key = " ".join(text.lower().strip(" *:.-—–").split())
    return BANNERS.get(key)


def read_header(text: str, *, before_headline: bool) -> list[Header]:
    """What a front-matter line holds, or [] if it is not a source header line.

    One line can hold several fields: "Date: 05.20.2026 | Posted: … | News ID: 554410".
    """
    text = text.strip().strip("*_").strip()
    if not text or len(text) > 600:
        return []
    kind = banner_kind(text)
    if kind is not None:
        return [Header("banner", text, kind=kind)]
    if _RELEASE_NUMBER.match(text):
        return [Header("id", text)]
    if _DVIDS_DATE.match(text):
        return [Header("date", text, date=_dvids_date(text))]
    m = _PHOTO_CREDIT.match(text)
    if m:  # "Courtesy Photo | the caption", "Photo By Sgt. Jane Doe | the caption"
        return [Header("caption", m.group("caption").strip())]
    parts = [p.strip() for p in re.split(r"\s+\|\s+", text)] if "|" in text else [text]
    headers = []
    for part in parts:
        m = _FIELD.match(part)
        if not m:
            if headers and headers[-1].what == "caption":
                headers[-1].text = f"{headers[-1].text} | {part}"
                continue
            if not headers:
                break
            return headers
        label, value = m.group("label").lower(), m.group("value").strip()
        if label in ("date", "fecha"):
            headers.append(Header("date", part, date=_dvids_date(value)))
        elif label in ("posted", "publicado", "updated"):
            headers.append(Header("posted", part))
        elif label in ("news id", "release no", "release number"):
            headers.append(Header("id", part))
        elif label in ("presenter", "presentador"):
            headers.append(Header("presenter", value))
        else:
            headers.append(Header("caption", value))
    if headers:
        return headers
    if _PLACE.match(text) and len(text) <= 60:
        return [Header("place", text)]
    if before_headline and _OUTLET.match(text) and not any(c.islower() for c in text[:12]):
        return [Header("outlet", text)]
    return []


_KIND_PREFIX = re.compile(
    r"^(?P<prefix>fact sheet|hoja informativa|transcript|transcripción|readout|statement|"
    r"media advisory|aviso a los medios)\s*:\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def split_kind_prefix(headline: str) -> tuple[str, str]:
    """ "FACT SHEET: U.S.-Panama …" → ("fact-sheet", "U.S.-Panama …"); ("", headline) if none."""
    m = _KIND_PREFIX.match(headline)
    if not m:
        return "", headline
    return BANNERS[m.group("prefix").lower()], m.group("rest")
