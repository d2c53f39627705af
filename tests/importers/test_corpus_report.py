"""The corpus accuracy report: per-field accuracy and every failure, over releases on disk."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from importers.corpus import FIELDS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

RELEASE = """Navy divers clear a channel in Colón

COLÓN, Panama — Divers of Mobile Diving and Salvage Unit 2 cleared a sunken barge from the
channel on Tuesday.
"""


def report(*args) -> str:
    out = StringIO()
    call_command("import_corpus_report", *args, stdout=out)
    return out.getvalue()


def expected_fields(**changes) -> dict:
    fields = {
        "kind": "press-release",
        "language": "en",
        "headline": "Navy divers clear a channel in Colón",
        "dateline": "COLÓN, Panama",
        "date": None,
        "byline": "",
        "issuing_unit": "",
        "speakers": [],
        "quotes": [],
        "turns": 0,
        "tables": [],
        "organizations": [],
        "initiatives": [],
        "people": [],
    }
    return {**fields, **changes}


def write_corpus(directory: Path, expected: dict) -> None:
    (directory / "divers.txt").write_text(RELEASE, encoding="utf-8")
    (directory / "divers.json").write_text(json.dumps(expected), encoding="utf-8")


def test_a_wrong_field_is_counted_and_listed(tmp_path):
    write_corpus(tmp_path, expected_fields(headline="Navy divers clear a channel in Balboa"))
    out = report(str(tmp_path))
    assert "| headline | 0/1 | 0.0% |" in out
    assert "| dateline | 1/1 | 100.0% |" in out
    total = len(FIELDS)
    assert f"**{total - 1}/{total}**" in out
    assert (
        "- divers.txt · headline: expected Navy divers clear a channel in Balboa, "
        "found Navy divers clear a channel in Colón"
    ) in out


def test_below_the_minimum_the_command_fails(tmp_path):
    write_corpus(tmp_path, expected_fields(dateline="BALBOA, Panama"))
    with pytest.raises(CommandError, match=r"below the minimum of 99\.0%"):
        report(str(tmp_path), "--minimum", "99")


def test_a_folder_without_expected_fields_is_refused(tmp_path):
    (tmp_path / "lonely.txt").write_text(RELEASE, encoding="utf-8")
    with pytest.raises(CommandError, match="No releases with an expected-fields file"):
        report(str(tmp_path))


def test_the_corpus_report_lists_every_failure():
    out = report(str(CORPUS))
    releases = len(list(CORPUS.glob("*.json")))
    assert releases >= 30
    assert f"{releases} releases in" in out
    for name in FIELDS:
        assert re.search(rf"^\| {name} \| \d+/{releases} \| ", out, re.MULTILINE)
    right, total = map(int, re.search(r"\*\*(\d+)/(\d+)\*\*", out).groups())
    assert total == releases * len(FIELDS)
    assert len(re.findall(r"^- ", out, re.MULTILINE)) == total - right


def test_every_corpus_release_states_its_structure_and_every_field():
    for path in CORPUS.glob("*.json"):
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert expected["structure"], path.name
        assert set(FIELDS) <= expected.keys(), path.name


def test_the_importer_reads_at_least_95_percent_of_the_corpus_fields():
    out = report(str(CORPUS), "--minimum", "95")
    right, total = map(int, re.search(r"\*\*(\d+)/(\d+)\*\*", out).groups())
    assert right / total >= 0.95
