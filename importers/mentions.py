"""People named by rank or title in running text: "Gen. Augustin Marrero, commander of …",
"Panamanian Minister of Public Security Rogelio Candanedo", "el ministro de Salud, Rodrigo
Escartín". Read with the same grammar as quote attributions (``parse_reference``).
"""

from __future__ import annotations

import re

from .attribution import RANK_RE, SERVICE_RE, SPANISH_RANK_PATTERN, parse_reference
from .structure import ParsedPerson

# Title Case headlines run the name into a verb: "Gen. Jane Doe Holds a Media Roundtable".
HEADLINE_VERBS = frozenset(
    {"Holds", "Hold", "Hosts", "Host", "Meets", "Meet", "Visits", "Visit", "Speaks",
     "Delivers", "Leads", "Announces", "Discusses", "Welcomes", "Thanks", "Travels",
     "Testifies", "Briefs", "Joins", "Tours", "Calls", "Signs", "Congratulates", "Remarks",
     "Statement", "Conducts", "Gives"}
)  # fmt: skip
_SPANISH_RANK = re.compile(
    rf"(?:(?<![\w.])(?:el|la|del|al)\s+|,\s+)(?P<rank>{SPANISH_RANK_PATTERN})\b"
    r"(?:\s+de\s+[A-ZÁÉÍÓÚ][\w]*(?:\s+[A-ZÁÉÍÓÚ][\w]*)?)?(?=,?\s+[A-ZÁÉÍÓÚÑ])",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:()\n“”\"]|,(?!\s+(?:Jr|Sr)\.)|\.(?=\s+[A-Z¿¡“\"])|\.$")
_MAX_TOKENS = 14
# A clause naming someone is short; a release names far fewer people than this. Both bound the
# work on a pasted log or a hostile file.
_MAX_CLAUSE = 240
MAX_CANDIDATES = 200


def _clause(text: str, start: int) -> str:
    """From ``start`` to the end of the clause, skipping periods of abbreviations."""
    text = text[: start + _MAX_CLAUSE]
    position = start
    while True:
        m = _CLAUSE_END.search(text, position)
        if not m:
            return text[start:]
        before = text[start : m.start()]
        if m.group(0) == "." and re.search(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])$", before):
            position = m.end()  # "Lt. Col.", "Rear Adm.", "J."
            continue
        return text[start : m.start()]


def _parse_longest(candidate: str) -> ParsedPerson | None:
    tokens = candidate.split()[:_MAX_TOKENS]
    for index, token in enumerate(tokens):
        if index and token in HEADLINE_VERBS:
            tokens = tokens[:index]
            break
    for end in range(len(tokens), 1, -1):
        parsed = parse_reference(" ".join(tokens[:end]))
        if parsed and parsed[0].given_name and not parsed[1]:
            return parsed[0]
    return None


def _starts(text: str):
    for m in RANK_RE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "."):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        service = re.search(rf"(?:{SERVICE_RE.pattern})\s+$", before)
        yield (m.start() - len(service.group(0))) if service else m.start()
    for m in _SPANISH_RANK.finditer(text):
        yield m.start("rank")


def find_people(text: str) -> list[ParsedPerson]:
    """Everyone named with a rank or title, first mention first, each name once."""
    found: dict[str, ParsedPerson] = {}
    for person, _start, _end in people_in(text):
        found.setdefault(person.name.casefold(), person)
    return list(found.values())


def people_in(text: str):
    """(person, start, end of the name) for each mention with a rank or title."""
    starts = set()
    for start in _starts(text):
        starts.add(start)
        if len(starts) >= MAX_CANDIDATES:
            break
    for start in sorted(starts):
        clause = _clause(text, start)
        person = _parse_longest(clause)
        if person is None:
            # "el ministro de Salud, Rodrigo Escartín,": the name follows a comma
            rest = text[start + len(clause) :]
            m = re.match(r",\s+([A-ZÁÉÍÓÚÑ][\w’'-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w’'-]+){1,2})(?=[,.])", rest)
            if m:
                person = _parse_longest(f"{clause} {m.group(1)}")
                clause = f"{clause}{m.group(0)}"
        if person is not None:
            name_end = clause.find(person.family_name) + len(person.family_name)
            yield person, start, start + (name_end if name_end >= len(person.family_name) else 0)
