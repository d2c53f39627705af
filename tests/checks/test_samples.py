"""The three real releases in ../shared/samples, pasted into a rich-text block as they came.

Each line of a sample becomes a paragraph, so line N of the report is the Nth non-empty line
of the file.
"""

from pathlib import Path

import pytest
from django.utils.html import escape

from articles.checks import run_release_checks
from tests.checks.helpers import add_rich_text, draft

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def pasted(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the samples live in ../shared/samples beside the checkout")
    article = draft(headline=f"Sample {name}")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    add_rich_text(article, "".join(f"<p>{escape(line)}</p>" for line in lines))
    return run_release_checks(article)


def by_code(found, code):
    return [(finding.location.label, finding.message) for finding in found if finding.code == code]


def test_the_scraped_release_cannot_go_out():
    found = pasted("hegseth-press-conference-scraped.txt")
    assert by_code(found, "placeholder") == [
        (
            "Block 1 (rich text), line 5",
            "“[insert date]” is a placeholder that was never filled in. Replace it with the "
            "real text, or delete it.",
        )
    ]
    markup = " ".join(message for _where, message in by_code(found, "markup"))
    for fragment in ("td > tr >", "< td >", "li >", "p>", "h2>", "th> tr>", "td /> tr />"):
        assert f"“{fragment}”" in markup, fragment
    assert {where for where, _message in by_code(found, "markup")} >= {
        "Block 1 (rich text), line 26",  # … regions.[2] li >
        "Block 1 (rich text), line 28",  # < td >Maritime Surveillance …
        "Block 1 (rich text), line 30",  # … trafficking td > tr >
    }
    missing = {message.split("”")[0].lstrip("“") for _w, message in by_code(found, "missing-space")}
    assert missing >= {
        "sharing.This",
        "dialogues,the",
        "Together,the",
        "readiness,economic",
        "development,and",
        "region.As",
        "emerge,the",
    }
    assert any(finding.is_error for finding in found)


def test_the_news_story_uses_an_abbreviation_it_never_spells_out():
    found = pasted("25th-id-panama-dod-news.txt")
    assert [where for where, message in by_code(found, "abbreviation") if "JSCG-P" in message] == [
        "Block 1 (rich text), line 14"
    ]
    assert by_code(found, "long-sentence")  # "In support of this and direction from …"
    assert not [finding for finding in found if finding.is_error]


def test_the_marines_story_has_markdown_tables_and_typed_bullets():
    found = pasted("marines-arrive-panama.txt")
    assert [where for where, _message in by_code(found, "markup")] == [
        "Block 1 (rich text), lines 16–20",
        "Block 1 (rich text), lines 24–28",
    ]
    assert [where for where, _message in by_code(found, "typed-bullet")] == [
        "Block 1 (rich text), lines 6–8",
        "Block 1 (rich text), lines 12–14",
    ]
