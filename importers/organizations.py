"""Organizations named in a release, with their abbreviations.

Three sources, in order of confidence:
1. spelled out with the abbreviation in parentheses: "Servicio Nacional de Fronteras (SENAFRONT)",
   matched with the Schwartz–Hearst rule (every letter of the abbreviation found in order,
   the first at the start of a word) so the long form starts at the right word;
2. an abbreviation used in the text ("JSCG-P", "25th ID") whose words are spelled out elsewhere
   ("Joint Security Cooperation Group-Panama", "25th Infantry Division"), initials only;
3. ``KNOWN_ORGANIZATIONS`` below, partner-nation and U.S. organizations that releases name
   without an abbreviation (extend the table, not the code);
4. names built the way units and agencies are named: "24th Marine Expeditionary Unit",
   "4th Battalion, 219th Aviation Regiment", "Joint Task Force-Isthmus", "U.S. Embassy in
   Panama", "Ministerio de Salud", "7.º Grupo de Fuerzas Especiales".
"""

from __future__ import annotations

import re
import unicodedata

from .structure import ParsedOrganization

KNOWN_ORGANIZATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # (name as we store it, abbreviation, other spellings found in releases)
    ("Servicio Nacional de Fronteras", "SENAFRONT", ("National Border Service",)),
    ("Servicio Nacional Aeronaval", "SENAN", ("National Aeronaval Service",)),
    ("Policía Nacional de Panamá", "PN", ("Panamanian National Police", "Policía Nacional")),
    ("Servicio de Protección Institucional", "SPI", ("Institutional Protection Service",)),
    ("Ministerio de Seguridad Pública", "MINSEG", ("Ministry of Public Security",)),
    ("U.S. Southern Command", "SOUTHCOM", ("United States Southern Command",)),
    ("Joint Task Force-Bravo", "JTF-Bravo", ("Joint Task Force Bravo",)),
    ("U.S. Army South", "ARSOUTH", ()),
    ("U.S. Marine Corps Forces, South", "MARFORSOUTH", ("Marine Forces South",)),
    ("U.S. Naval Forces Southern Command/U.S. 4th Fleet", "NAVSO/4th Fleet", ()),
    ("Air Forces Southern", "AFSOUTH", ("Twelfth Air Force",)),
    ("Special Operations Command South", "SOCSOUTH", ()),
    ("Department of Defense", "DOD", ("Defense Department",)),
    ("Department of War", "DOW", ("War Department",)),
    ("Department of Homeland Security", "DHS", ()),
)

# The country an organization belongs to, from the abbreviations above and the words of its
# name: what a new organization's record starts with (the officer can correct it).
KNOWN_COUNTRIES: dict[str, str] = {
    "SENAFRONT": "PA", "SENAN": "PA", "PN": "PA", "SPI": "PA", "MINSEG": "PA", "SOUTHCOM": "US",
    "JTF-Bravo": "US", "ARSOUTH": "US", "MARFORSOUTH": "US", "NAVSO/4th Fleet": "US",
    "AFSOUTH": "US", "SOCSOUTH": "US", "DOD": "US", "DOW": "US", "DHS": "US",
}  # fmt: skip
COUNTRY_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bU\.S\.|\bUnited States\b|\bEstados Unidos\b|\bNational Guard\b", "US"),
    (r"\bPanam[aá]\b|\bPaname[ñn]|\bPanamanian\b", "PA"),
    (r"\bColombia\b|\bColombian\b", "CO"),
    (r"\bCosta Rica\b|\bCosta Rican\b|\bCostarricense\b", "CR"),
    (r"\bGuatemala\b|\bGuatemalan\b", "GT"),
    (r"\bHonduras\b|\bHondure[ñn]", "HN"),
    (r"\bEl Salvador\b|\bSalvadoran\b", "SV"),
    (r"\bBelize\b|\bBelizean\b", "BZ"),
    (r"\bRep[úu]blica Dominicana\b|\bDominican Republic\b", "DO"),
)
# U.S. units are named by number ("24th Marine Expeditionary Unit", "612th Air Base Squadron").
_US_UNIT = re.compile(r"^\d+(?:st|nd|rd|th) ")


def country_of(organization: ParsedOrganization) -> str:
    """ISO code of the organization's country, or "" when its name does not say."""
    if organization.abbreviation in KNOWN_COUNTRIES:
        return KNOWN_COUNTRIES[organization.abbreviation]
    for pattern, code in COUNTRY_WORDS:
        if re.search(pattern, organization.name):
            return code
    return "US" if _US_UNIT.match(organization.name) else ""


_UNIT_NOUN = (
    r"(?:Division|Brigade|Regiment|Battalion|Squadron|Wing|Company|Hospital|Unit|Group|Fleet|"
    r"Detachment|Battery|Marines)"
)
_ORDINAL_UNIT = rf"\d+(?:st|nd|rd|th) +(?:[A-Z][\w-]* +){{0,3}}{_UNIT_NOUN}\b"
_CAPITALIZED = r"[A-ZÁÉÍÓÚÑ][\w’'-]*"
_SPANISH_LINK = r"(?:(?:de|del|en) +(?:(?:la|los|las|el) +)?)?"
UNIT_PATTERNS = (
    # "4th Battalion, 219th Aviation Regiment" is one unit
    re.compile(rf"(?<![\w.])(?:{_ORDINAL_UNIT})(?:, +{_ORDINAL_UNIT})?"),
    re.compile(
        r"(?<![\w.])\d+\.?º +(?:Grupo|Escuadrón|Batallón|Brigada|Regimiento|Compañía)"
        rf"(?: +de +{_CAPITALIZED}(?: +{_CAPITALIZED})*)?"
    ),
    re.compile(
        r"\bU\.S\. +(?:Embassy(?: +in)? +[A-Z][\w]*(?: +[A-Z][\w]*)?|Coast Guard|"
        r"(?:[A-Z][\w]* +){1,4}(?:Center|Command)\b)"
    ),
    re.compile(r"\bJoint Task Force[-–][A-Z][\w]*"),
    re.compile(r"\b[A-Z][a-z]+ +National Guard\b"),
    re.compile(r"\bNational +(?:[A-Z][\w]* +){0,2}Service +of +[A-Z][\w]*"),
    re.compile(r"\b(?:[A-Z][\w]* +){1,3}Battalion +\d+\b"),
    re.compile(
        r"\b(?:Ministerio|Embajada|Autoridad|Sistema|Servicio|Ejército|Armada|Guardia Costera|"
        r"Comando|Fuerza Aérea|Fuerzas Armadas|Policía|Cruz Roja|Dirección|Instituto)"
        # not a U.S. service after a rank, “Sargento del Ejército de EE. UU.”: as “U.S. Army”
        # before an English rank, it is the speaker's service
        rf"(?: +{_SPANISH_LINK}{_CAPITALIZED}(?![\w’'-]|\.\s*UU\.))+"
    ),
)
_ABBR = r"[A-Z][A-Za-z0-9&]*[A-Z0-9](?:[-/][A-Z0-9][A-Za-z0-9]*)?"
_PAREN = re.compile(rf"\((?P<abbr>(?:the\s+)?{_ABBR})\)")
_USED_ABBR = re.compile(rf"(?<![\w-])(?P<ordinal>\d+(?:st|nd|rd|th)\s+)?(?P<abbr>{_ABBR})(?![\w-])")
_NOT_ORGS = frozenset(
    {"U.S", "US", "USA", "EE", "UU", "UN", "TV", "ID", "OK", "AM", "PM", "ET", "UTC"}
)
_FUNCTION_WORDS = frozenset({"of", "de", "del", "la", "and", "y", "for", "the", "on", "in", "&"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _letters(abbr: str) -> str:
    return "".join(c for c in abbr if c.isalnum())


def schwartz_hearst(abbr: str, before: str) -> str | None:
    """The shortest end of ``before`` that spells ``abbr`` (Schwartz & Hearst, 2003)."""
    short = _letters(abbr).lower()
    long = before.rstrip()
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s]
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 2) + 1
    found = long[start:].strip(" ,;:")
    return found or None


def _spelled_out(text: str) -> list[ParsedOrganization]:
    found = []
    for m in _PAREN.finditer(text):
        abbr = re.sub(r"^the\s+", "", m.group("abbr"))
        if sum(c.isupper() for c in abbr) < 2 or abbr in _NOT_ORGS:
            continue
        words = text[max(0, m.start() - 300) : m.start()].split()
        window = " ".join(words[-min(len(_letters(abbr)) + 5, len(_letters(abbr)) * 2) :])
        name = schwartz_hearst(abbr, window)
        if not name:
            continue
        name = re.sub(r"^(?:the|The|of|and)\s+", "", name)
        if window[: window.rfind(name)].split()[-1:] == ["U.S."]:
            name = f"U.S. {name}"  # "U.S. Southern Command (SOUTHCOM)": "U.S." adds no letter
        if name[:1].isupper() or name[:1].isdigit():
            found.append(ParsedOrganization(name, abbr))
    return found


def _capitalized_runs(text: str) -> list[list[str]]:
    """Runs of capitalized words (function words allowed inside), hyphens split: the places
    where a spelled-out name can be."""
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in re.findall(r"[\w’'&]+(?:-[\w’'&]+)*|[^\w\s]", text):
        for word in raw.split("-"):
            capitalized = word[:1].isupper() or re.fullmatch(r"\d+(?:st|nd|rd|th)", word)
            if capitalized or (current and word.lower() in _FUNCTION_WORDS):
                current.append(word)
            else:
                if current:
                    runs.append(current)
                current = []
    if current:
        runs.append(current)
    return runs


def _implicit(text: str) -> list[ParsedOrganization]:
    abbreviations: dict[str, tuple[str, str]] = {}
    for m in _USED_ABBR.finditer(text):
        abbr = m.group("abbr")
        if abbr in _NOT_ORGS and not m.group("ordinal"):
            continue
        if sum(c.isupper() for c in abbr) < 2 or len(abbreviations) > 60:
            continue
        ordinal = (m.group("ordinal") or "").strip()
        abbreviations.setdefault(f"{ordinal} {abbr}".strip(), (ordinal, abbr))
    if not abbreviations:
        return []
    runs = {" ".join(r): r for r in _capitalized_runs(text) if len(r) >= 2}
    found = []
    for full, (ordinal, abbr) in abbreviations.items():
        letters = _letters(abbr).upper()
        name = _find_expansion(text, runs.values(), ordinal, letters)
        if name and name != full:
            found.append(ParsedOrganization(name, full))
    return found


def _find_expansion(text: str, runs, ordinal: str, letters: str) -> str | None:
    for run in runs:
        words = [w for w in run if w.lower() not in _FUNCTION_WORDS]
        initials = "".join(w[0].upper() for w in words if not w[0].isdigit())
        position = initials.find(letters)
        if position == -1:
            continue
        # map the initials back onto words of the run
        capital_words = [w for w in words if not w[0].isdigit()]
        first, last = capital_words[position], capital_words[position + len(letters) - 1]
        start, end = run.index(first), len(run) - 1 - run[::-1].index(last)
        if ordinal:
            if start == 0 or run[start - 1] != ordinal:
                continue
            start -= 1
        phrase_words = run[start : end + 1]
        # recover the exact spelling (hyphens) from the text
        pattern = r"[\s\-–]+".join(re.escape(w) for w in phrase_words)
        m = re.search(pattern, text)
        return m.group(0) if m else " ".join(phrase_words)
    return None


def _known(text: str) -> list[ParsedOrganization]:
    folded = _fold(text)
    found = []
    for name, abbr, others in KNOWN_ORGANIZATIONS:
        for form in (name, *others):
            if re.search(rf"(?<!\w){re.escape(_fold(form))}(?!\w)", folded):
                found.append(ParsedOrganization(name, abbr))
                break
    return found


def _units(text: str) -> list[ParsedOrganization]:
    return [
        ParsedOrganization(re.sub(r"[’']s$", "", m.group(0).rstrip(".")))
        for p in UNIT_PATTERNS
        for m in p.finditer(text)
    ]


# A name ending so is a course, program or event: an initiative, not an organization, even
# with an abbreviation in parentheses ("Jungle Operations Training Course (JOTC)").
NOT_ORGANIZATION_ENDINGS = frozenset(
    {"Course", "Program", "Programme", "Conference", "Seminar", "Exercise", "Workshop",
     "Symposium", "Initiative", "Curso", "Programa", "Conferencia", "Seminario", "Ejercicio"}
)  # fmt: skip


def find_organizations(text: str) -> list[ParsedOrganization]:
    """Deduplicated by abbreviation and by name (accents and case ignored), first one wins."""
    seen_names: set[str] = set()
    seen_abbr: set[str] = set()
    out = []
    for org in [*_spelled_out(text), *_implicit(text), *_known(text), *_units(text)]:
        name_key = _fold(org.name).lower().replace("-", " ")
        name_key = " ".join(name_key.split())
        abbr_key = org.abbreviation.upper()
        if name_key in seen_names or (abbr_key and abbr_key in seen_abbr):
            continue
        if org.name.split()[-1] in NOT_ORGANIZATION_ENDINGS:
            continue
        # "Servicio Nacional de Fronteras" already found; do not add "Policía Nacional" twice
        seen_names.add(name_key)
        if abbr_key:
            seen_abbr.add(abbr_key)
        out.append(org)
    return out
