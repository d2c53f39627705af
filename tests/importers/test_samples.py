"""The three real releases in ../shared/samples, field by field."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest

from importers import ParsedPerson, parse_file

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def load(name: str):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not found: ../shared/samples is absent in this checkout")
    return parse_file(name, path.read_bytes())


def all_html(release) -> str:
    return "".join(block.html for block in release.rich_text)


def visible_text(html: str) -> str:
    """Our own output's text: its (known, allow-listed) tags removed, entities decoded."""
    return unescape(
        re.sub(r"</?(?:p|h[2-4]|ul|ol|li|strong|em|a)(?: href=\"[^\"]*\")?>", " ", html)
    )


def speaker_fields(person: ParsedPerson) -> tuple:
    return (
        person.service,
        person.rank,
        person.given_name,
        person.family_name,
        person.title,
        person.organization,
    )


# --- 25th Infantry Division (DoD news story) -------------------------------------------------


@pytest.fixture(scope="module")
def dod():
    return load("25th-id-panama-dod-news.txt")


def test_dod_front_matter(dod):
    assert dod.headline == (
        "25th Infantry Division works alongside Panamanian security personnel and the Joint "
        "Security Cooperation Group-Panama"
    )
    assert dod.subheadline == ""
    assert dod.dateline == ""
    assert dod.release_date == datetime.date(2025, 7, 16)
    assert dod.category == "News"
    assert dod.byline_people == [
        ParsedPerson(rank="Senior Airman", given_name="Julia", family_name="Lebens")
    ]
    assert dod.byline_text == ""


def test_dod_chrome_dropped(dod):
    html = all_html(dod)
    for chrome in ("official website", ".mil website", "lock", "OUR PRIORITIES", "News |"):
        assert chrome not in html
    assert any("OUR PRIORITIES" in line for line in dod.recognized)


def test_dod_quotes_and_speakers(dod):
    quotes = dod.quotes
    assert len(quotes) == 3
    hegseth, squiers, deras = quotes
    assert speaker_fields(hegseth.speaker) == (
        "U.S.",
        "Secretary of Defense",
        "Pete",
        "Hegseth",
        "",
        "",
    )
    assert hegseth.context == (
        "during the 2025 Central American Security Conference in Panama City"
    )
    assert hegseth.text.startswith("We’re also expanding training – military training")
    assert hegseth.text.endswith("to bolster our shared defense.")
    # the two fragments either side of the attribution make one quote
    assert "joint exercises. We’re going to increase cooperation" in hegseth.text

    assert speaker_fields(squiers.speaker) == (
        "U.S. Army",
        "Sgt. 1st Class",
        "Travis",
        "Squiers",
        "a senior instructor with the Jungle Operations Training Course",
        "25th Infantry Division",
    )
    assert squiers.text.startswith("We're overall very excited")
    assert "My role here is to serve as an advisor" in squiers.text

    assert speaker_fields(deras.speaker) == (
        "U.S. Army",
        "Master Sgt.",
        "Jeimie",
        "Deras",
        "senior enlisted leader",
        "JSCG-P",
    )
    assert deras.text.startswith("Working with our partners during planning is critical")
    for quote in quotes:
        assert not re.search(r"[“”\"]", quote.text)


def test_dod_text_around_quotes_stays_rich_text(dod):
    html = all_html(dod)
    assert "emphasized the importance of the security of the hemisphere" in html
    assert "said Hegseth" not in html  # the attribution went into the quote block
    assert "Squiers" not in html
    kinds = [type(b).__name__ for b in dod.blocks]
    assert kinds == [
        "RichTextBlock",
        "QuoteBlock",
        "RichTextBlock",
        "QuoteBlock",
        "RichTextBlock",
        "QuoteBlock",
    ]


def test_dod_organizations(dod):
    found = {(o.name, o.abbreviation) for o in dod.organizations}
    assert ("25th Infantry Division", "25th ID") in found
    assert ("Joint Security Cooperation Group-Panama", "JSCG-P") in found
    assert ("Servicio Nacional de Fronteras", "SENAFRONT") in found
    assert ("Servicio Nacional Aeronaval", "SENAN") in found
    names = [o.name for o in dod.organizations]
    assert len(names) == len(set(names))


def test_dod_report(dod):
    assert f"Headline: {dod.headline}" in dod.recognized
    assert "3 quotes with speakers" in dod.recognized
    assert dod.unrecognized == []


# --- Hegseth press conference (scraped, full of defects) --------------------------------------


@pytest.fixture(scope="module")
def scraped():
    return load("hegseth-press-conference-scraped.txt")


def test_scraped_front_matter(scraped):
    assert scraped.headline == (
        "Defense Secretary Pete Hegseth Leads Joint Press Conference with Panamanian Public "
        "Security Officials"
    )
    assert scraped.subheadline == (
        "U.S. and Panama Strengthen Security Ties Through Strategic Defense Collaboration"
    )
    assert scraped.byline_people == []
    assert scraped.release_date is None
    assert scraped.dateline == ""
    # the headline repeated by the scraper is dropped, not turned into a heading
    assert scraped.headline not in all_html(scraped)


def test_scraped_placeholder_kept_for_checks(scraped):
    assert "[insert date]" in all_html(scraped)
    assert "Placeholder left in the text: [insert date]" in scraped.unrecognized


def test_scraped_broken_fragments_removed(scraped):
    texts = [visible_text(all_html(scraped))]
    for table in scraped.tables:
        texts += [table.caption, *table.headings, *(cell for row in table.rows for cell in row)]
    joined = "\n".join(texts)
    for fragment in ("td >", "tr >", "td>", "tr>", "th>", "< td", "li >", "p>", "h2>", "/>", "<"):
        assert fragment not in joined, fragment
    assert "Maritime Surveillance" in joined  # the table text itself survived


def test_scraped_headings_including_h2_fragment(scraped):
    headings = re.findall(r"<h2>(.*?)</h2>", all_html(scraped))
    assert headings == [
        "Defense Secretary Pete Hegseth’s Visit: A Milestone in U.S.-Panama Security Cooperation",
        "The Role of Transparent Communication in Fortifying Diplomatic Relations",
        "A Closer Look at Collaborative Security Measures Between Washington and Panama City",
        "Paving The Way Forward: Recommendations For Deepening Regional Defense Alliances In "
        "Central America",
        "Navigating Future Challenges Together: The Path Ahead For U.S.-Panama Partnership",
    ]


def test_scraped_missing_spaces_repaired_only_at_sentence_boundaries(scraped):
    html = all_html(scraped)
    assert "resource sharing. This approach" in html
    assert "open dialogues, the foundation" in html
    assert "vital region. As evolving challenges emerge, the ongoing" in html
    assert "military readiness, economic development, and societal" in html
    assert "U.S.-Panama" in html and "U.S.-Mexico" in html
    assert "sharing.This" not in html


def test_scraped_bullet_lists(scraped):
    lists = re.findall(r"<ul>(.*?)</ul>", all_html(scraped))
    assert [item_count.count("<li>") for item_count in lists] == [3, 4, 3]
    assert "<li>Advanced Joint Training Initiatives: Coordinated military exercises" in lists[0]
    assert "<li>Targeted Resource Deployment: Augmenting local law enforcement" in lists[2]
    assert "•" not in all_html(scraped)


def test_scraped_flattened_table(scraped):
    table = scraped.tables[0]
    assert table.caption == ""
    assert table.headings == ["Initiative", "Anticipated Impact"]
    assert table.rows == [
        ["Bilateral Training Exercises", "Elevated tactical proficiency among forces"],
        ["Resource Enhancement", "Adequate supply of equipment and personnel support"],
        ["Civic Engagement Programs", "Improved public confidence in security institutions"],
    ]


def test_scraped_tables_rebuilt_from_html_fragments(scraped):
    assert len(scraped.tables) == 3
    second, third = scraped.tables[1], scraped.tables[2]
    assert second.headings == ["Security Initiative", "Purpose / Goal"]
    assert len(second.rows) == 3
    assert second.rows[0] == [
        "Maritime Surveillance",
        "Strengthen coastal defenses against illegal trafficking",
    ]
    assert second.rows[2][0] == "Public Outreach Programs"
    assert third.headings == ["Key Focus Areas", "Recommended Actions"]
    assert len(third.rows) == 4
    assert third.rows[1] == [
        "Intelligence Sharing",
        "Deploy encrypted communication systems ensuring timely data flow without compromise",
    ]
    assert third.rows[3][0] == "Community Engagement"
    for table in scraped.tables:
        assert all(len(row) == len(table.headings) for row in table.rows)


def test_scraped_footnotes_become_sources(scraped):
    assert scraped.sources == [
        "European Union Agency Reports (2023)",
        "Department of Homeland Security Annual Review (2023)",
    ]
    html = all_html(scraped)
    assert "[1]" not in html and "[2]" not in html
    assert "combating cross-border crime.</li>" in html


def test_scraped_anonymous_quote_reported_not_attributed(scraped):
    assert scraped.quotes == []
    assert "This partnership transcends customary diplomacy" in all_html(scraped)
    assert any(
        line.startswith("Quote without an identifiable speaker") for line in scraped.unrecognized
    )


# --- Marines arrive (Markdown bullets and pipe tables) ----------------------------------------


@pytest.fixture(scope="module")
def marines():
    return load("marines-arrive-panama.txt")


def test_marines_front_matter(marines):
    assert marines.headline == (
        "U.S. Marines Arrive in Panama Ahead of Central American Security Conference"
    )
    assert marines.subheadline == ""
    assert marines.byline_people == [] and marines.byline_text == ""
    assert marines.quotes == []


def test_marines_lists_and_headings(marines):
    html = all_html(marines)
    lists = re.findall(r"<ul>(.*?)</ul>", html)
    assert [items.count("<li>") for items in lists] == [3, 3]
    assert "<li>Logistical Assistance: Ensuring the seamless movement" in lists[0]
    assert "<li>Community Engagement: Building local ties" in lists[1]
    assert re.findall(r"<h2>(.*?)</h2>", html) == [
        "U.S. Marines Enhance Security Operations as Central American Leaders Gather in Panama",
        "Strategic Collaboration: The Role of U.S. Forces in Tackling Regional Threats",
        "Ensuring Success: Recommended Initiatives for Effective Security Conference Outcomes",
        "Closing Remarks",
    ]
    assert html.startswith("<p>In a strategic move underscoring")


def test_marines_pipe_tables(marines):
    first, second = marines.tables
    assert first.caption == ""
    assert first.headings == ["Focus Areas", "Objectives"]
    assert len(first.rows) == 3
    assert first.rows[0] == [
        "Counter-Narcotics Operations",
        "Reduce drug trafficking routes and operations.",
    ]
    assert second.headings == ["Training Program", "Target Audience", "Duration"]
    assert second.rows == [
        ["Cybersecurity Fundamentals", "Law Enforcement", "1 Week"],
        ["Disaster Response Strategies", "Military Personnel", "2 Weeks"],
        ["Community Policing Techniques", "Local Officials", "3 Days"],
    ]
    assert "|" not in all_html(marines)
    assert "Table 'Focus Areas | Objectives' has no caption: add one" in marines.unrecognized
