"""Transcripts: turns that open with an upper-case label and a colon.

"SECRETARY OF DEFENSE JANE DOE:", "MINISTER JUAN PÉREZ (through interpreter):", "Q:",
"STAFF:", "MODERATOR:", "PERIODISTA:". A label names a person (matched like any other
reference, and completed from a fuller mention elsewhere in the release), a reporter or the
moderator; the paragraphs up to the next label belong to the same turn.
"""

from __future__ import annotations

import re

from .attribution import PeopleIndex, parse_reference
from .structure import ParsedPerson

REPORTER_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "PERIODISTA", "PREGUNTA", "P"})
MODERATOR_LABELS = frozenset(
    {"STAFF", "MODERATOR", "MODERADOR", "MODERADORA", "OPERATOR", "HOST", "ANFITRIÓN"}
)
# Labels of an advisory or a caption, not of a speaker.
NOT_SPEAKERS = frozenset(
    {"WHO", "WHAT", "WHEN", "WHERE", "WHY", "HOW", "QUÉ", "QUIÉN", "QUIÉNES", "CUÁNDO", "DÓNDE",
     "NOTE", "NOTA", "PHOTO", "FOTO", "DATE", "FECHA", "UPDATE", "EDITOR'S NOTE", "MEDIA",
     "CONTACT", "CONTACTO", "RSVP", "REGISTRATION", "PRESENTER"}
)  # fmt: skip
_LABEL = re.compile(
    r"^(?P<label>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.’'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.’'\-]*){0,7})"
    r"(?:\s*\((?P<note>[^()]{1,40})\))?\s*:\s+"
)
_SMALL = frozenset({"of", "the", "and", "for", "de", "del", "la", "los", "las", "y", "to"})
REPORTER, MODERATOR, SPEAKER = "reporter", "moderator", "speaker"


def turn_label(text: str) -> re.Match | None:
    """The label opening a paragraph, or None."""
    m = _LABEL.match(text[:200])
    if not m or m.group("label").rstrip(".") in NOT_SPEAKERS:
        return None
    return m


def _title_case(label: str) -> str:
    words = []
    for index, word in enumerate(label.split()):
        lower = word.lower()
        if index and lower in _SMALL:
            words.append(lower)
        elif re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            words.append(word)  # "U.S."
        else:
            words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def turn_speaker(label: str, people: PeopleIndex) -> tuple[str, ParsedPerson | None]:
    """(role, person): a reporter, the moderator, or a person as fully as the release names
    them ("GEN. DOE:" after "MAJ. GEN. JANE DOE:" is the same major general)."""
    key = label.rstrip(".").upper()
    if key in REPORTER_LABELS:
        return REPORTER, None
    if key in MODERATOR_LABELS:
        return MODERATOR, None
    parsed = parse_reference(_title_case(label))
    if parsed is None:
        return SPEAKER, ParsedPerson(family_name=_title_case(label))
    person = parsed[0]
    known = people.known(person.family_name)
    if known is not None and (not person.given_name or person.given_name == known.given_name):
        return SPEAKER, known
    people.add(person)
    return SPEAKER, person
