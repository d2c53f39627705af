"""How well the importer reads a corpus of releases whose right answers are written down.

A corpus is a folder of releases (``.txt``, ``.md``, ``.html``, ``.docx``, ``.pdf``), each with
a ``NAME.json`` beside it stating the fields an officer would fill in by hand. Every release is
parsed exactly as an upload is, and each field counts as right only when it equals the stated
value (lists compared without regard to order). The per-field accuracy and every failure are
what ``manage.py import_corpus_report`` prints.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UnreadableRelease
from .parse import parse_file
from .structure import ParsedPerson, ParsedRelease

FIELDS = (
    "kind",
    "language",
    "headline",
    "dateline",
    "date",
    "byline",
    "issuing_unit",
    "speakers",
    "quotes",
    "turns",
    "tables",
    "organizations",
    "initiatives",
    "people",
)
EXPECTED_SUFFIX = ".json"


def _norm(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def _key(value: str) -> str:
    return _norm(value).casefold()


def _reference(person: ParsedPerson) -> str:
    """ "Sgt. Maj. Orlando Quintero": rank and name, as the corpus writes people."""
    return _norm(" ".join(p for p in (person.rank, person.name) if p))


def _speaker(person: ParsedPerson) -> dict:
    return {
        "name": _norm(person.name),
        "rank": _norm(person.rank),
        "service": _norm(person.service),
        "unit": _norm(person.organization),
    }


def observed(parsed: ParsedRelease) -> dict:
    """The corpus fields as the importer filled them for ``parsed``."""
    speakers: dict[str, dict] = {}
    turns = [turn for block in parsed.transcripts for turn in block.turns]
    for person in [q.speaker for q in parsed.quotes] + [t.speaker for t in turns if t.speaker]:
        if person.family_name:
            speakers.setdefault(_key(person.name), _speaker(person))
    return {
        "kind": parsed.kind,
        "language": parsed.language,
        "headline": _norm(parsed.headline),
        "dateline": _norm(parsed.dateline),
        "date": parsed.release_date.isoformat() if parsed.release_date else None,
        "byline": "; ".join(_reference(p) for p in parsed.byline_people)
        or _norm(parsed.byline_text),
        "issuing_unit": _norm(parsed.issuing_unit),
        "speakers": list(speakers.values()),
        "quotes": [
            {"speaker": _norm(quote.speaker.name), "text": _norm(quote.text)}
            for quote in parsed.quotes
        ],
        "turns": len(turns),
        "tables": [{"caption": _norm(t.caption), "rows": len(t.rows)} for t in parsed.tables],
        "organizations": [_norm(o.name) for o in parsed.organizations],
        # a draft gets an initiative for each table row, and for each one named in the text
        "initiatives": [_norm(row[0]) for t in parsed.tables for row in t.rows if row]
        + [_norm(name) for name in parsed.initiatives],
        "people": [_reference(p) for p in parsed.mentioned],
    }


def _records(items: list[dict]) -> Counter:
    return Counter(
        json.dumps({k: _key(str(v)) for k, v in item.items()}, sort_keys=True) for item in items
    )


def _same(field_name: str, expected, found) -> bool:
    if isinstance(expected, list) != isinstance(found, list):
        return False  # an unreadable release
    if field_name == "quotes":
        # A quote is right when its speaker matches and its text starts with the stated words.
        if len(expected) != len(found):
            return False
        left = list(found)
        for quote in expected:
            match = next(
                (
                    q
                    for q in left
                    if _key(q["speaker"]) == _key(quote["speaker"])
                    and _key(q["text"]).startswith(_key(quote["start"]))
                ),
                None,
            )
            if match is None:
                return False
            left.remove(match)
        return True
    if field_name in ("speakers", "tables"):
        return _records(expected) == _records(found)
    if field_name in ("organizations", "initiatives", "people"):
        return {_key(v) for v in expected} == {_key(v) for v in found}
    if isinstance(expected, str) or isinstance(found, str):
        return _norm(expected or "") == _norm(found or "")
    return expected == found


@dataclass
class Failure:
    release: str
    field: str
    expected: object
    found: object


@dataclass
class CorpusScore:
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    releases: int = 0

    def accuracy(self, field_name: str | None = None) -> float:
        if field_name is None:
            right, total = sum(self.right.values()), sum(self.total.values())
        else:
            right, total = self.right[field_name], self.total[field_name]
        return 100.0 * right / total if total else 0.0


def releases(directory: Path) -> list[Path]:
    """The release files of a corpus: every file that has an expected-fields file beside it."""
    return sorted(
        path
        for path in directory.iterdir()
        if path.is_file()
        and path.suffix != EXPECTED_SUFFIX
        and path.with_suffix(EXPECTED_SUFFIX).exists()
    )


def score_release(path: Path, score: CorpusScore) -> None:
    expected = json.loads(path.with_suffix(EXPECTED_SUFFIX).read_text(encoding="utf-8"))
    try:
        found = observed(parse_file(path.name, path.read_bytes()))
    except UnreadableRelease as error:
        found = dict.fromkeys(FIELDS, f"unreadable: {error}")
    score.releases += 1
    for name in FIELDS:
        score.total[name] += 1
        if _same(name, expected[name], found[name]):
            score.right[name] += 1
        else:
            score.failures.append(Failure(path.name, name, expected[name], found[name]))


def score_corpus(directory: Path) -> CorpusScore:
    score = CorpusScore()
    for path in releases(directory):
        score_release(path, score)
    return score
