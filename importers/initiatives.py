"""Courses, exercises, programs and conferences a release names: initiatives, not organizations."""

from __future__ import annotations

import re

_WORD = r"[A-Z][\w’'-]*"
_NAMED = re.compile(
    rf"(?<![\w-])(?:{_WORD} +){{1,5}}(?:Course|Program|Programme|Conference|Seminar|Symposium|"
    r"Exercise|Workshop|Initiative)\b"
)
# "Exercise Tradewinds Isthmus", "exercise Puentes de Amistad 2026": the name follows the word
_EXERCISE = re.compile(
    rf"\b(?P<word>[Ee]xercise|[Oo]peration) +(?P<name>{_WORD}(?: +(?:de|del|la|{_WORD}|\d{{4}}))*)"
)
_LEADING = re.compile(r"^(?:The|A|An|Our|This|These|That|Its|Their|During|At|In)\s+")


def find_initiatives(text: str) -> list[str]:
    found: dict[str, str] = {}
    for m in _EXERCISE.finditer(text):
        name = m.group("name").rstrip()
        while name.split()[-1] in ("de", "del", "la"):
            name = name.rsplit(" ", 1)[0]
        if m.group("word")[0].isupper():
            name = f"{m.group('word')} {name}"
        found.setdefault(name.casefold(), name)
    for m in _NAMED.finditer(text):
        name = _LEADING.sub("", m.group(0))
        if len(name.split()) >= 2 and not any(k.startswith(name.casefold()) for k in found):
            found.setdefault(name.casefold(), name)
    return list(found.values())
