"""Who said it: ranks, services, names, titles and units in AP-style attributions."""

import pytest

from importers import ParsedPerson, parse_text
from importers.attribution import (
    PeopleIndex,
    find_mentions,
    parse_byline,
    parse_reference,
    split_title,
)
from importers.quotes import find_quote_spans, join_fragments, scan_quotes
from importers.ranks import CIVILIAN_TITLES, MILITARY_RANKS


def person(phrase):
    parsed = parse_reference(phrase)
    assert parsed is not None, phrase
    return parsed[0]


@pytest.mark.parametrize(
    ("phrase", "service", "rank", "given", "family"),
    [
        (
            "U.S. Army Sgt. 1st Class Travis Squiers",
            "U.S. Army",
            "Sgt. 1st Class",
            "Travis",
            "Squiers",
        ),
        (
            "U.S. Army Sergeant 1st Class Travis Squiers",
            "U.S. Army",
            "Sgt. 1st Class",
            "Travis",
            "Squiers",
        ),
        ("Sergeant First Class Ana Ortiz", "", "Sgt. 1st Class", "Ana", "Ortiz"),
        ("SFC Ana Ortiz", "", "Sgt. 1st Class", "Ana", "Ortiz"),
        ("Staff Sgt. Maria Lopez", "", "Staff Sgt.", "Maria", "Lopez"),
        ("Staff Sgt Maria Lopez", "", "Staff Sgt.", "Maria", "Lopez"),
        ("Lt. Col. John Smith", "", "Lt. Col.", "John", "Smith"),
        ("Lieutenant Colonel John Smith", "", "Lt. Col.", "John", "Smith"),
        ("U.S. Air Force Master Sgt. Kim Park", "U.S. Air Force", "Master Sgt.", "Kim", "Park"),
        ("Senior Airman Julia Lebens", "", "Senior Airman", "Julia", "Lebens"),
        ("Airman 1st Class Lee Chan", "", "Airman 1st Class", "Lee", "Chan"),
        ("U.S. Marine Corps Cpl. Ann Lee", "U.S. Marine Corps", "Cpl.", "Ann", "Lee"),
        ("Lance Cpl. Juan de la Cruz", "", "Lance Cpl.", "Juan", "de la Cruz"),
        ("Lance Corporal Juan Reyes", "", "Lance Cpl.", "Juan", "Reyes"),
        ("Capt. Robert Green", "", "Capt.", "Robert", "Green"),
        ("Maj. Gen. Alan Brown", "", "Maj. Gen.", "Alan", "Brown"),
        ("Brig. Gen. Tom Hill", "", "Brig. Gen.", "Tom", "Hill"),
        ("Adm. Alvin Holsey", "", "Adm.", "Alvin", "Holsey"),
        ("Rear Adm. Jane Doe", "", "Rear Adm.", "Jane", "Doe"),
        (
            "U.S. Navy Petty Officer 2nd Class Ann Lee",
            "U.S. Navy",
            "Petty Officer 2nd Class",
            "Ann",
            "Lee",
        ),
        (
            "Mass Communication Specialist 2nd Class Ann Lee",
            "",
            "Mass Communication Specialist 2nd Class",
            "Ann",
            "Lee",
        ),
        ("U.S. Space Force Spc. 4 Kim Park", "U.S. Space Force", "Spc. 4", "Kim", "Park"),
        (
            "U.S. Coast Guard Petty Officer 1st Class Sam Ruiz",
            "U.S. Coast Guard",
            "Petty Officer 1st Class",
            "Sam",
            "Ruiz",
        ),
        ("Secretary of Defense Pete Hegseth", "", "Secretary of Defense", "Pete", "Hegseth"),
        ("Defense Secretary Pete Hegseth", "", "Secretary of Defense", "Pete", "Hegseth"),
        (
            "U.S. Secretary of Defense Pete Hegseth",
            "U.S.",
            "Secretary of Defense",
            "Pete",
            "Hegseth",
        ),
        (
            "Panamanian Minister of Public Security Frank Ábrego",
            "Panamanian",
            "Minister of Public Security",
            "Frank",
            "Ábrego",
        ),
        ("Deputy Minister Ana Pérez", "", "Deputy Minister", "Ana", "Pérez"),
        ("Ambassador Kevin Cabrera", "", "Ambassador", "Kevin", "Cabrera"),
        ("Director Laura Díaz", "", "Director", "Laura", "Díaz"),
        (
            "Chief Master Sgt. of the Air Force David Flosi",
            "",
            "Chief Master Sgt. of the Air Force",
            "David",
            "Flosi",
        ),
    ],
)
def test_rank_styles(phrase, service, rank, given, family):
    p = person(phrase)
    assert (p.service, p.rank, p.given_name, p.family_name) == (service, rank, given, family)


def test_title_without_leading_article_and_unit_split_off():
    p = person(
        "U.S. Army Sgt. 1st Class Travis Squiers, a senior instructor with the Jungle "
        "Operations Training Course, 25th Infantry Division"
    )
    assert p.title == "a senior instructor with the Jungle Operations Training Course"
    assert p.organization == "25th Infantry Division"


@pytest.mark.parametrize(
    ("appositive", "title", "organization"),
    [
        ("JSCG-P senior enlisted leader", "senior enlisted leader", "JSCG-P"),
        ("the 25th ID commander", "the commander", "25th ID"),
        ("an intelligence analyst", "an intelligence analyst", ""),
        (
            "commander of Joint Task Force-Bravo",
            "commander of Joint Task Force-Bravo",
            "Joint Task Force-Bravo",
        ),
        ("deputy commander, U.S. Army South", "deputy commander", "U.S. Army South"),
        ("of the Ministry of Public Security", "", "Ministry of Public Security"),
        ("25th ID", "", "25th ID"),
    ],
)
def test_split_title(appositive, title, organization):
    assert split_title(appositive) == (title, organization)


def test_service_written_after_the_name():
    p = person("Capt. Robert Green, USN")
    assert (p.service, p.rank, p.title) == ("U.S. Navy", "Capt.", "")


def test_suffix_and_middle_initial():
    p = person("Lt. Col. John A. Smith Jr., commander of the 1st Battalion")
    assert (p.given_name, p.family_name, p.suffix) == ("John A.", "Smith", "Jr.")
    assert p.title == "commander of the 1st Battalion"


def test_context_after_the_name_is_not_part_of_the_person():
    p, context = parse_reference("Hegseth during the 2025 Central American Security Conference")
    assert p == ParsedPerson(family_name="Hegseth")
    assert context == "during the 2025 Central American Security Conference"


@pytest.mark.parametrize(
    "phrase",
    ["experts analyzing current trends", "Pentagon officials", "the commander", "officials", ""],
)
def test_not_a_person(phrase):
    assert parse_reference(phrase) is None


def test_bylines():
    assert parse_byline("Senior Airman Julia Lebens") == [
        ParsedPerson(rank="Senior Airman", given_name="Julia", family_name="Lebens")
    ]
    two = parse_byline("Staff Sgt. Maria Lopez and Cpl. Ann Lee")
    assert [(p.rank, p.family_name) for p in two] == [("Staff Sgt.", "Lopez"), ("Cpl.", "Lee")]
    civilian = parse_byline("Jim Garamone, DOD News")
    assert civilian == [
        ParsedPerson(given_name="Jim", family_name="Garamone", organization="DOD News")
    ]
    assert parse_byline("the Public Affairs Office") == []


def test_mentions_and_index_complete_a_family_name():
    text = "In April, the U.S. Secretary of Defense, Pete Hegseth, visited Panama."
    mentions = find_mentions(text)
    assert mentions == [
        ParsedPerson(
            rank="Secretary of Defense", service="U.S.", given_name="Pete", family_name="Hegseth"
        )
    ]
    index = PeopleIndex()
    index.add(mentions[0])
    completed = index.complete(ParsedPerson(family_name="Hegseth"))
    assert (completed.given_name, completed.rank) == ("Pete", "Secretary of Defense")
    # a different person with the same family name is not merged
    other = index.complete(ParsedPerson(given_name="Ann", family_name="Hegseth"))
    assert other.rank == ""


def test_vocabulary_is_data():
    assert MILITARY_RANKS["Sgt. 1st Class"]
    assert "Petty Officer 2nd Class" in MILITARY_RANKS
    assert "Secretary of Defense" in CIVILIAN_TITLES


# --- finding quotes in a paragraph ---------------------------------------------------------


def test_quote_spans_curly_and_straight():
    spans = find_quote_spans('He said “one two three four” and "five six seven eight".')
    assert [s.inner for s in spans] == ["one two three four", "five six seven eight"]
    assert find_quote_spans("An “unbalanced quote with no end") == []


def test_fragments_join_into_sentences():
    assert join_fragments(["We train hard,", "We win."]) == "We train hard. We win."


@pytest.mark.parametrize(
    ("paragraph", "family", "context"),
    [
        ("“We are ready for the mission ahead,” said Staff Sgt. Ana Ortiz.", "Ortiz", ""),
        ("“We are ready for the mission ahead,” Ortiz said.", "Ortiz", ""),
        (
            "“We are ready for the mission ahead,” Staff Sgt. Ana Ortiz, a team leader, said.",
            "Ortiz",
            "",
        ),
        ('"We are ready for the mission ahead," said Staff Sgt. Ana Ortiz.', "Ortiz", ""),
        ("Ortiz said, “We are ready for the mission ahead.”", "Ortiz", ""),
        ("On Monday, Ortiz said: “We are ready for the mission ahead.”", "Ortiz", "On Monday"),
        (
            "“We are ready for the mission ahead,” said Ortiz during a visit.",
            "Ortiz",
            "during a visit",
        ),
        ("“We are ready for the mission ahead,” according to Maj. Gen. Joe Ryan.", "Ryan", ""),
    ],
)
def test_attribution_shapes(paragraph, family, context):
    scan = scan_quotes(paragraph)
    assert len(scan.quotes) == 1
    found = scan.quotes[0]
    assert found.speaker.family_name == family
    assert found.text == "We are ready for the mission ahead."
    assert found.context == context


def test_scare_quotes_are_not_quotes():
    scan = scan_quotes("The so-called “jungle school” opened, said Ortiz.")
    assert scan.quotes == [] and scan.unattributed == []


def test_pronoun_attribution_uses_the_previous_speaker():
    release = parse_text(
        "Marines train in Panama\n\n"
        "“We are ready for the mission ahead,” said Staff Sgt. Ana Ortiz, a team leader.\n\n"
        "The training lasts two weeks.\n\n"
        "“Every day in the jungle teaches us something,” she said.\n"
    )
    first, second = release.quotes
    assert second.speaker == first.speaker
    assert second.speaker.title == "a team leader"


def test_later_family_name_only_reference_is_completed():
    release = parse_text(
        "Marines train in Panama\n\n"
        "“We are ready for the mission ahead,” said Staff Sgt. Ana Ortiz, a team leader.\n\n"
        "“Every day in the jungle teaches us something,” Ortiz said.\n"
    )
    assert release.quotes[1].speaker.rank == "Staff Sgt."
    assert release.quotes[1].speaker.given_name == "Ana"


def test_unresolved_pronoun_and_family_name_are_reported():
    release = parse_text(
        "Marines train in Panama\n\n"
        "“Every day in the jungle teaches us something,” she said.\n\n"
        "“We are ready for the mission ahead,” Zamora said.\n"
    )
    assert len(release.quotes) == 1
    assert release.quotes[0].speaker == ParsedPerson(family_name="Zamora")
    assert any("“she”" in line for line in release.unrecognized)
    assert any("named only as 'Zamora'" in line for line in release.unrecognized)


def test_text_around_a_quote_stays_rich_text():
    release = parse_text(
        "Marines train in Panama\n\n"
        "The unit arrived Monday. “We are ready for the mission ahead,” said Cpl. Ann Lee, "
        "25th ID. The unit leaves in May.\n"
    )
    kinds = [type(b).__name__ for b in release.blocks]
    assert kinds == ["RichTextBlock", "QuoteBlock", "RichTextBlock"]
    assert release.blocks[0].html == "<p>The unit arrived Monday.</p>"
    assert release.blocks[2].html == "<p>The unit leaves in May.</p>"
    assert release.quotes[0].speaker.organization == "25th ID"


@pytest.mark.parametrize(
    ("phrase", "service", "rank", "organization"),
    [
        ("Jane Doe, Army Lt. Col.", "Army", "Lt. Col.", ""),
        (
            "Jane Doe, an Army lieutenant colonel with the 25th Infantry Division",
            "Army",
            "Lt. Col.",
            "25th Infantry Division",
        ),
        (
            "Ann Lee, a U.S. Navy petty officer 2nd class",
            "U.S. Navy",
            "Petty Officer 2nd Class",
            "",
        ),
        ("Travis Squiers, a sergeant first class", "", "Sgt. 1st Class", ""),
    ],
)
def test_rank_written_after_the_name(phrase, service, rank, organization):
    p = person(phrase)
    assert (p.service, p.rank, p.organization) == (service, rank, organization)


def test_civilian_title_after_the_name_stays_a_title():
    p = person("Ana Ruiz, director of operations")
    assert (p.rank, p.title) == ("", "director of operations")


SAID = "“Trabajamos juntos para cuidar la frontera común”"


@pytest.mark.parametrize(
    ("paragraph", "rank", "service", "name"),
    [
        (
            f"{SAID}, dijo la Sargento Primero Aurelia Brenes.",
            "Sargento Primero",
            "",
            "Aurelia Brenes",
        ),
        (f"{SAID} — afirmó el Cnel. Tobías Arosemena, director.", "Cnel.", "", "Tobías Arosemena"),
        (f"{SAID}, según el Teniente Mateo Salas.", "Teniente", "", "Mateo Salas"),
        (f"El Tte. Cnel. Damián Sucre expresó: {SAID}.", "Tte. Cnel.", "", "Damián Sucre"),
        (f"{SAID}, agregó el Sgto. 1ro. Iván Correa.", "Sgto. 1ro.", "", "Iván Correa"),
        (f"{SAID}, la Capitana Rosa Vega explicó.", "Capitana", "", "Rosa Vega"),
        (f"La Dra. Maritza Quintero señaló: {SAID}.", "Dra.", "", "Maritza Quintero"),
        (
            f"{SAID}, explicó el Sargento de Primera Clase del Ejército de EE. UU. Juan Pérez.",
            "Sgt. 1st Class",
            "U.S. Army",
            "Juan Pérez",
        ),
        (
            f"{SAID}, dijo el Capitán de Navío de la Armada de EE.UU. Rubén Ocampo.",
            "Capt.",
            "U.S. Navy",
            "Rubén Ocampo",
        ),
    ],
)
def test_spanish_attributions_with_spanish_ranks(paragraph, rank, service, name):
    """Verb before or after the name, a dash, “según”, gendered articles, partner forces'
    abbreviations, and U.S. ranks as Spanish-language U.S. releases write them (stored in
    their English form, as the site prints them back in Spanish)."""
    (quote,) = scan_quotes(paragraph).quotes
    assert quote.text == "Trabajamos juntos para cuidar la frontera común"
    speaker = quote.speaker
    assert (speaker.rank, speaker.service, speaker.name) == (rank, service, name)
