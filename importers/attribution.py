"""Who is speaking: service, rank, name, title and unit from an AP-style reference.

Reads phrases such as "U.S. Army Sgt. 1st Class Travis Squiers, a senior instructor with the
Jungle Operations Training Course, 25th Infantry Division" or "Hegseth during the conference".
The vocabulary lives in ``ranks``; this module only knows the grammar of a reference.
"""

from __future__ import annotations

import re
from dataclasses import replace

from articles.ranks import NAVAL_RANKS_ES, NAVAL_SERVICES, US_RANKS_ES, US_SERVICES_ES

from .ranks import (
    CIVILIAN_TITLES,
    MILITARY_RANKS,
    NATIONAL_PREFIXES,
    RATING_PATTERN,
    SERVICE_SUFFIXES,
    SERVICES,
    SPANISH_LOWER_CASE_RANKS,
    SPANISH_RANKS,
    TITLES_WITH_COMPLEMENT,
    UNIT_SERVICES,
    UNIT_WORDS,
)
from .structure import ParsedPerson


def _variant_pattern(form: str) -> str:
    """Regex for one spelling: periods optional, any run of spaces."""
    parts = []
    for word in form.split():
        parts.append(re.escape(word).replace(r"\.", r"\.?"))
    return r"\s+".join(parts)


def _alternation(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern, dict[str, str]]:
    lookup: dict[str, str] = {}
    for canonical, variants in table.items():
        for form in (canonical, *variants):
            lookup[_key(form)] = canonical
    forms = sorted({f for c, vs in table.items() for f in (c, *vs)}, key=lambda f: (-len(f), f))
    pattern = "|".join(_variant_pattern(f) for f in forms)
    return re.compile(rf"(?:{pattern})(?=[\s,]|$)"), lookup


def _key(form: str) -> str:
    return " ".join(form.replace(".", "").split())


RANK_TABLE = {**CIVILIAN_TITLES, **MILITARY_RANKS, **SPANISH_RANKS}
RANK_RE, _RANK_LOOKUP = _alternation(RANK_TABLE)
_RATING_RE = re.compile(RATING_PATTERN + r"(?=\s)")
SERVICE_RE, _SERVICE_LOOKUP = _alternation({**SERVICES, **dict.fromkeys(NATIONAL_PREFIXES, ())})

PRONOUNS = frozenset({"he", "she", "they", "He", "She", "They"})
SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})
PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "di", "dos", "das", "du",
     "le", "bin", "ibn", "al", "y", "St."}
)  # fmt: skip
# Words that begin what is said about the circumstances rather than the person.
CONTEXT_STARTERS = frozenset(
    {"during", "at", "in", "on", "while", "after", "before", "when", "as", "to", "about",
     "from", "following", "speaking", "adding", "last", "this", "earlier", "later", "recently",
     "today", "yesterday", "via", "through", "told", "said", "who", "which", "durante", "en",
     "tras", "ante", "al", "desde", "quien", "mientras", "según"}
)  # fmt: skip
# Spanish ranks as running text writes them, after an article: "dijo la embajadora Ana Ruiz".
SPANISH_RANK_PATTERN = "|".join(
    re.escape(form).replace(r"\ ", r"\s+")
    for form in sorted(set(SPANISH_LOWER_CASE_RANKS), key=len, reverse=True)
)
_SPANISH_RANK_RE = re.compile(
    rf"^(?P<article>(?:el|la|los|las|del)\s+)?(?P<rank>{SPANISH_RANK_PATTERN})(?=\s)",
    re.IGNORECASE,
)


def _spanish_pattern(forms) -> str:
    """Regex for Spanish phrases, longest first: any run of spaces, “EE.UU.” or “EE. UU.”."""
    return "|".join(
        re.escape(form).replace(r"\ ", r"\s+").replace(r"EE\.\s+UU", r"EE\.\s*UU")
        for form in sorted(forms, key=len, reverse=True)
    )


# A U.S. rank as Spanish-language U.S. releases write it, the service after it (“Sargento de
# Primera Clase del Ejército de EE. UU. Ana Ruiz”): read back into the stored English form
# with the tables the site prints it with (articles/ranks.py).
_US_RANKS_FROM_SPANISH = {spanish: english for english, spanish in US_RANKS_ES.items()}
_NAVAL_RANKS_FROM_SPANISH = {spanish: english for english, spanish in NAVAL_RANKS_ES.items()}
_US_SERVICES_FROM_SPANISH = {spanish: english for english, spanish in US_SERVICES_ES.items()}
_US_RANK_IN_SPANISH_RE = re.compile(
    rf"^(?P<rank>{_spanish_pattern({**_US_RANKS_FROM_SPANISH, **_NAVAL_RANKS_FROM_SPANISH})})"
    rf"\s+(?P<service>{_spanish_pattern(_US_SERVICES_FROM_SPANISH)})\s+(?=\S)",
    re.IGNORECASE,
)
# Capitalized words that are never a person's name on their own.
NOT_NAMES = (
    frozenset(
        {"The", "A", "An", "This", "That", "These", "Those", "It", "We", "Our", "They", "He",
         "She", "I", "You", "Officials", "Soldiers", "Marines", "Sailors", "Airmen",
         "Guardians", "Troops", "Leaders", "Experts", "Members", "Panama", "Pentagon",
         "Washington", "United", "States", "American", "Americans", "Panamanian", "Central",
         "America", "Security", "Defense", "Joint", "Public", "National", "Press",
         "Conference", "Program", "Programs", "Initiative", "Initiatives", "Operations",
         "In", "On", "At", "During", "After", "Before", "When", "While", "For", "As", "But",
         "And", "Also", "Then", "Meanwhile", "Later", "Earlier", "Today", "Yesterday",
         "January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
         "Thursday", "Friday", "Saturday", "Sunday"}
    )
    | UNIT_WORDS
)  # fmt: skip

_ORDINAL = r"\d+(?:st|nd|rd|th|\.?º|\.?ª)"
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w’'\-]*\.?|[A-Z]\.)$")
_ORDINAL_ABBR = re.compile(
    r"^(?P<org>(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w&’'\-/.]*\s+)+?)(?P<rest>[a-z].*)$"
)


def canonical_rank(text: str) -> str:
    return _RANK_LOOKUP.get(_key(text), text.strip())


def canonical_service(text: str) -> str:
    return _SERVICE_LOOKUP.get(_key(text), text.strip())


def _is_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token)) and token[0].isupper()


def _split_top_commas(text: str) -> list[str]:
    """Split on commas outside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def _take_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """The leading name tokens and what follows them."""
    name: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in PARTICLES and name:
            j = i
            while j < len(tokens) and tokens[j] in PARTICLES:
                j += 1
            if j < len(tokens) and _is_name_token(tokens[j]):  # "Juan de la Cruz"
                name.extend(tokens[i:j])
                i = j
                continue
            break
        if not _is_name_token(tok) or tok.endswith(("’s", "'s")):
            break
        name.append(tok)
        i += 1
    return name, tokens[i:]


def _person_from_name(name: list[str]) -> ParsedPerson | None:
    name = list(name)
    suffix = ""
    if name and name[-1] in SUFFIXES:
        suffix = name.pop()
        if not suffix.endswith(".") and suffix in {"Jr", "Sr"}:
            suffix += "."
    if not name or any(t in NOT_NAMES for t in name) or len(name) > 5:
        return None
    given = [name[0]]
    rest = name[1:]
    while len(rest) > 1 and re.fullmatch(r"[A-Z]\.", rest[0]):  # middle initials
        given.append(rest.pop(0))
    if not rest:
        return ParsedPerson(family_name=" ".join(given), suffix=suffix)
    return ParsedPerson(given_name=" ".join(given), family_name=" ".join(rest), suffix=suffix)


def _capitalize_spanish_rank(phrase: str) -> str:
    """ "la embajadora Ana Ruiz" → "Embajadora Ana Ruiz", "El Tte. Cnel. Luis Mora" → "Tte.
    Cnel. Luis Mora"; other phrases unchanged."""
    m = _SPANISH_RANK_RE.match(phrase)
    if not m or (m.group("rank")[0].isupper() and not m.group("article")):
        return phrase
    rank = _RANK_LOOKUP.get(_key(m.group("rank").title())) or _RANK_LOOKUP.get(
        _key(m.group("rank").capitalize())
    )
    if rank is None:
        return phrase
    return rank + phrase[m.end() :]


def _us_rank_in_english(phrase: str) -> str:
    """ "Capitán de Navío de la Armada de EE. UU. Ana Ruiz" → "U.S. Navy Capt. Ana Ruiz";
    other phrases unchanged."""
    m = _US_RANK_IN_SPANISH_RE.match(phrase)
    if not m:
        return phrase
    service = _US_SERVICES_FROM_SPANISH.get(_spanish_key(m.group("service")))
    spanish = _spanish_key(m.group("rank"))
    naval = _NAVAL_RANKS_FROM_SPANISH.get(spanish) if service in NAVAL_SERVICES else None
    rank = naval or _US_RANKS_FROM_SPANISH.get(spanish)
    if service is None or rank is None:
        return phrase
    return f"{service} {rank} {phrase[m.end() :]}"


def _spanish_key(text: str) -> str:
    """A matched Spanish phrase as the tables spell it."""
    text = " ".join(text.split()).replace("EE.UU.", "EE. UU.")
    tables = (_US_RANKS_FROM_SPANISH, _NAVAL_RANKS_FROM_SPANISH, _US_SERVICES_FROM_SPANISH)
    return next((form for table in tables for form in table if form.lower() == text.lower()), text)


def service_for_unit(unit: str) -> str:
    """The service a unit's name implies ("24th Marine Expeditionary Unit": Marine Corps)."""
    for words, service in UNIT_SERVICES:
        if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", unit):
            return service
    return ""


def _match_at(pattern: re.Pattern, text: str) -> re.Match | None:
    m = pattern.match(text)
    return m if m and m.group(0) else None


def parse_reference(phrase: str) -> tuple[ParsedPerson, str] | None:
    """Parse "[service] [rank] Name[, title][ context]" into a person and the leftover context.

    Returns None when the phrase does not name a person ("experts analyzing current trends").
    """
    phrase = " ".join(phrase.split()).strip(" ,;:")
    if phrase.endswith(".") and not phrase.endswith((" Jr.", " Sr.")):
        phrase = phrase[:-1]
    if not phrase:
        return None
    phrase = _us_rank_in_english(_capitalize_spanish_rank(phrase))
    parts = _split_top_commas(phrase)
    head, appositives = parts[0], [p for p in parts[1:] if p]

    service = rank = ""
    rest = head
    m = _match_at(SERVICE_RE, rest)
    if m and (
        RANK_RE.match(rest[m.end() :].lstrip()) or _RATING_RE.match(rest[m.end() :].lstrip())
    ):
        service = canonical_service(m.group(0))
        rest = rest[m.end() :].lstrip()
    m = _match_at(RANK_RE, rest) or _match_at(_RATING_RE, rest)
    if m:
        rank = canonical_rank(m.group(0)) if RANK_RE.match(rest) else m.group(0)
        rest = rest[m.end() :].lstrip()
    tokens = rest.split()
    if not rank and service and tokens and tokens[0] in ("Soldiers", "Marines", "Sailors"):
        return None

    # "Minister of Public Security Frank Ábrego": the complement runs up to the last two
    # capitalized words before the first lower-case word.
    if rank in TITLES_WITH_COMPLEMENT and tokens and tokens[0] in ("of", "for", "to", "de", "del"):
        run_end = 1
        while run_end < len(tokens) and (
            _is_name_token(tokens[run_end])
            or tokens[run_end] in ("of", "for", "the", "and", "de", "del", "la")
        ):
            run_end += 1
        caps = [i for i in range(1, run_end) if _is_name_token(tokens[i])]
        # "to Panama Kevin Marino Cabrera": a posting is one place; "of Public Security
        # Frank Ábrego": the name is the last two words
        if len(caps) >= 3:
            name_start = caps[1] if tokens[0] == "to" else caps[-2]
            rank = f"{rank} {' '.join(tokens[:name_start])}"
            tokens = tokens[name_start:]

    name, tail = _take_name(tokens)
    if not name:
        return None
    person = _person_from_name(name)
    if person is None:
        return None
    if tail and tail[0] not in CONTEXT_STARTERS:
        return None  # "Pentagon officials", "Smith family"
    person = replace(person, rank=rank, service=service)
    context = " ".join(tail)

    if appositives and appositives[0] in SUFFIXES:
        person = replace(person, suffix=appositives.pop(0))
    # A trailing comma part that starts with a context word is context, not title.
    while appositives and appositives[-1].split(" ", 1)[0] in CONTEXT_STARTERS:
        context = ", ".join(filter(None, [appositives.pop(), context]))
    if appositives and not person.rank:
        person, rest = _rank_after_name(person, appositives[0])
        if rest is None:
            pass
        elif rest:
            appositives[0] = rest
        else:
            appositives.pop(0)
    if appositives and appositives[-1] in SERVICE_SUFFIXES and not person.service:
        person = replace(person, service=SERVICE_SUFFIXES[appositives.pop()])
    if appositives:
        title, org = split_title(", ".join(appositives))
        person = replace(person, title=title, organization=org)
    return person, context


_RANK_RE_ANY_CASE = re.compile(RANK_RE.pattern, re.IGNORECASE)


def _rank_after_name(person: ParsedPerson, appositive: str) -> tuple[ParsedPerson, str | None]:
    """ "Jane Doe, an Army lieutenant colonel with …" → rank and service from the appositive.

    Returns the person and what is left of the appositive ("with …"), or None if the
    appositive does not start with a military rank.
    """
    text = re.sub(r"^(?:a|an|the)\s+", "", appositive.strip(), flags=re.IGNORECASE)
    service = ""
    m = _match_at(SERVICE_RE, text)
    if m:
        service, text = canonical_service(m.group(0)), text[m.end() :].lstrip()
    m = _match_at(_RANK_RE_ANY_CASE, text)
    if not m:
        return person, None
    key = _key(m.group(0))
    capitalized = " ".join(
        w[:1].upper() + w[1:] if w not in ("of", "the") else w for w in key.split()
    )
    rank = _RANK_LOOKUP.get(key) or _RANK_LOOKUP.get(capitalized)
    rest = text[m.end() :].strip()
    if rank is None or (rank not in MILITARY_RANKS and not service):
        return person, None
    if rest and rest.split()[0] not in ("with", "of", "for", "at", "in", "from", "assigned"):
        return person, None
    return replace(person, rank=rank, service=person.service or service), rest


_ORG_FUNCTION_WORDS = frozenset({"de", "del", "la", "los", "las", "en", "y"})


def looks_like_org(text: str) -> bool:
    words = text.split()
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z0-9][A-Z0-9&\-/.]+", words[0]))
    # Spanish names run on function words: "Embajada de los Estados Unidos en Panamá"
    words = [w for w in words if w not in _ORG_FUNCTION_WORDS]
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return caps >= len(words) - 1 and (
        any(w.strip(",.") in UNIT_WORDS for w in words) or caps == len(words)
    )


def split_title(appositive: str) -> tuple[str, str]:
    """Title as it follows the name, article included, and the unit if one is recognizable.

    Person.title is printed after the name ("…, a senior instructor with …"), so the article
    the writer used stays with the title.
    """
    article = re.match(r"(?:a|an|the)\s+", appositive.strip(), flags=re.IGNORECASE)
    title, unit = _split_bare_title(appositive)
    if title and article:
        title = article.group(0).lower() + title
    return title, unit


def _split_bare_title(appositive: str) -> tuple[str, str]:
    """Title without its leading article, and the unit if one is recognizable."""
    text = re.sub(r"^(?:a|an|the)\s+", "", appositive.strip(), flags=re.IGNORECASE)
    unit = re.sub(r"^(?:of|with|from|at|del|de\s+la|de)\s+(?:the\s+)?", "", text)
    if looks_like_org(unit) and all(
        w[:1].isupper() or w[:1].isdigit() or w in ("of", "and", "for", "de", "the")
        for w in unit.split()
    ):
        return "", unit  # "25th ID", "USS Gerald R. Ford", "of the Ministry of Public Security"
    parts = _split_top_commas(text)
    if len(parts) >= 2 and looks_like_org(parts[-1]) and not looks_like_org(parts[0]):
        # "a pilot with the 4th Battalion, 219th Aviation Regiment": one unit over two parts
        m = re.search(rf"\b(?:with|of|for|at)\s+(?:the\s+)?({_ORDINAL}\s+[A-Z]\w*)$", parts[-2])
        if m and re.match(_ORDINAL, parts[-1]):
            return text, f"{m.group(1)}, {parts[-1]}"
        return ", ".join(parts[:-1]), parts[-1]
    m = _ORDINAL_ABBR.match(text)
    if m:
        org = re.sub(r"[’']s$", "", m.group("org").strip())
        if looks_like_org(org):
            return m.group("rest").strip(), org
    m = re.search(
        rf"\b(?:with|of|for|at|del|de\s+la|de)\s+(?:the\s+)?((?:{_ORDINAL}\s+)?[A-Z][^,]*)$",
        text,
    )
    if m and looks_like_org(m.group(1)):
        return text, m.group(1).strip()
    return text, ""


def parse_byline(text: str) -> list[ParsedPerson]:
    """People in "Senior Airman Julia Lebens" or "Staff Sgt. A and Cpl. B, 25th ID PAO"."""
    people = []
    for part in re.split(r"\s+(?:and|&)\s+|;\s*", text):
        parsed = parse_reference(part)
        if parsed is None or parsed[1]:
            return []
        person = parsed[0]
        if person.title and not person.organization and looks_like_org(person.title):
            person = replace(person, organization=person.title, title="")
        if not person.given_name and not person.rank:
            return []
        people.append(person)
    return people


# A rank followed by a two-word name anywhere in running text, for resolving "said Hegseth".
_MENTION_RE = re.compile(
    rf"(?<![\w.])(?=[A-Z0-9])(?:(?P<service>{SERVICE_RE.pattern})\s+)?(?P<rank>{RANK_RE.pattern}),?\s+"
    r"(?P<given>[^\W\d_][\w’'\-]*)\s+(?:(?P<initial>[A-Z]\.)\s+)?(?P<family>[^\W\d_][\w’'\-]*)"
    r"(?![\w’'\-])(?!\s+[A-Z])"
)


def find_mentions(text: str) -> list[ParsedPerson]:
    """People named with a rank or title in running text: "Defense Secretary Pete Hegseth"."""
    found = []
    for m in _MENTION_RE.finditer(text):
        given, family = m.group("given"), m.group("family")
        if not (given[0].isupper() and family[0].isupper()):
            continue
        if given in NOT_NAMES or family in NOT_NAMES:
            continue
        if m.group("initial"):
            given = f"{given} {m.group('initial')}"
        found.append(
            ParsedPerson(
                rank=canonical_rank(m.group("rank")),
                service=canonical_service(m.group("service") or ""),
                given_name=given,
                family_name=family,
            )
        )
    return found


class PeopleIndex:
    """People met so far, to complete a later "said Hegseth" or "he said"."""

    def __init__(self) -> None:
        self._by_family: dict[str, ParsedPerson] = {}
        self.last_speaker: ParsedPerson | None = None

    def add(self, person: ParsedPerson) -> None:
        if not person.family_name:
            return
        known = self._by_family.get(person.family_name)
        if known is None or _richness(person) > _richness(known):
            self._by_family[person.family_name] = _merge(known, person) if known else person
        else:
            self._by_family[person.family_name] = _merge(person, known)

    def known(self, family_name: str) -> ParsedPerson | None:
        """The fullest mention of someone with this family name so far."""
        return self._by_family.get(family_name)

    def complete(self, person: ParsedPerson) -> ParsedPerson:
        """Fill blanks in ``person`` from an earlier, fuller mention with the same family name."""
        known = self._by_family.get(person.family_name)
        if known is None or (person.given_name and person.given_name != known.given_name):
            return person
        return _merge(known, person)


def _richness(p: ParsedPerson) -> int:
    return sum(bool(v) for v in (p.rank, p.service, p.given_name, p.title, p.organization))


def _merge(base: ParsedPerson, over: ParsedPerson) -> ParsedPerson:
    """``over`` with its empty fields taken from ``base``."""
    return ParsedPerson(
        **{k: getattr(over, k) or getattr(base, k) for k in ParsedPerson.__dataclass_fields__}
    )
