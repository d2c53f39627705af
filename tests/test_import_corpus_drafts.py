"""Drafts from releases shaped like real sources: kinds, transcripts, people in the text, and
records the import must not change."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.checks import blocking_findings, run_release_checks
from articles.models import (
    Article,
    ArticleStatus,
    Organization,
    Person,
    PersonRole,
    Transcript,
    TurnRole,
)
from articles.revisions import revisions_of, snapshot_of_revision
from importers import parse_file, parse_text
from importers.drafts import create_draft
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"


def import_corpus(name):
    path = CORPUS / name
    return create_draft(parse_file(path.name, path.read_bytes()))


def test_dvids_story_draft_has_its_date_dateline_summary_kind_and_unit():
    article = import_corpus("01-dvids-courtesy-jungle.txt").article
    assert article.kind == "news-story"
    assert timezone.localdate(article.release_at) == datetime.date(2026, 2, 12)
    assert article.dateline == "CRISTÓBAL COLÓN, Panama"
    assert article.summary.startswith("Marines with the 24th Marine Expeditionary Unit")
    # a courtesy story is credited to the unit that issued it
    assert article.byline_text == "24th Marine Expeditionary Unit"
    names = set(article.organizations.values_list("name", flat=True))
    assert "24th Marine Expeditionary Unit" in names
    assert set(article.initiatives.values_list("name", flat=True)) == {
        "Jungle Operations Training Course"
    }
    speaker = Person.objects.get(family_name="Quintero")
    assert (speaker.service, speaker.rank) == ("U.S. Marine Corps", "Sgt. Maj.")
    assert speaker.organization.name == "24th Marine Expeditionary Unit"
    codes = {finding.code for finding in blocking_findings(article)}
    assert not codes & {"required-field"}


def test_aircraft_designators_are_not_flagged_as_abbreviations():
    article = import_corpus("03-dvids-page-aviation.html").article
    messages = [f.message for f in run_release_checks(article) if f.code == "abbreviation"]
    assert not any("HH-60" in m or "CH-47" in m for m in messages)


def test_transcript_becomes_a_block_of_turns_linked_to_people():
    result = import_corpus("05-transcript-secdef-minister.txt")
    article = result.article
    assert article.kind == "transcript"
    (transcript,) = Transcript.objects.filter(parent=article)
    turns = list(transcript.turns.all())
    assert [turn.role for turn in turns] == [
        TurnRole.MODERATOR, TurnRole.SPEAKER, TurnRole.SPEAKER, TurnRole.REPORTER,
        TurnRole.SPEAKER, TurnRole.REPORTER, TurnRole.SPEAKER, TurnRole.MODERATOR,
    ]  # fmt: skip
    secretary = Person.objects.get(given_name="Marcus", family_name="Ellery")
    assert secretary.rank == "Secretary of Defense"
    assert turns[1].speaker == secretary and turns[4].speaker == secretary
    assert turns[2].interpreted
    assert turns[3].speaker is None and turns[3].heading == "Reporter"
    # speakers are related people of the release, like quoted people
    assert secretary in article.people.all()


def test_transcript_renders_each_speaker_with_the_rank_held_on_the_release_date(client):
    article = import_corpus("07-transcript-roundtable.html").article
    general = Person.objects.get(family_name="Whitford")
    general.rank = "Lt. Gen."
    general.save()
    PersonRole.objects.create(
        person=general, service="Army", rank="Maj. Gen.", held_until=datetime.date(2026, 12, 31)
    )
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Army Maj. Gen. Cordelia Whitford" in html
    assert "Lt. Gen. Cordelia Whitford" not in html
    assert "Eleven partner nations" not in html and "eleven partner nations" in html
    assert ">Reporter<" in html and ">Moderator<" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    parts = [part for part in data["hasPart"] if part["@type"] == "Quotation"]
    assert parts and all("Whitford" in part["creator"]["name"] for part in parts)
    assert any("maritime interdiction lanes" in part["text"] for part in parts)


def test_transcript_page_queries_do_not_grow_with_turns(client, no_page_cache):
    def queries(name):
        article = import_corpus(name).article
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured)

    # seven turns and eight turns, different speakers: the same number of queries
    assert queries("07-transcript-roundtable.html") == queries("06-transcript-press-briefing.txt")


def test_readout_links_the_people_and_the_ministry_it_names():
    ministry = OrganizationFactory(name="Ministerio de Seguridad Pública", abbreviation="MINSEG")
    article = import_corpus("08-readout-minister-meeting.txt").article
    assert article.kind == "readout"
    assert ministry in article.organizations.all()
    related = {str(person) for person in article.people.all()}
    assert related >= {
        "Secretary of Defense Marcus Ellery",
        "Minister of Public Security Rogelio Candanedo",
    }
    assert [str(p) for p in article.byline_people.all()] == [
        "Pentagon Press Secretary Naomi Reyes-Hart"
    ]


def test_existing_records_are_never_changed_and_the_change_is_suggested():
    person = PersonFactory(
        given_name="Orlando", family_name="Quintero", rank="Master Sgt.", service="", title=""
    )
    result = import_corpus("01-dvids-courtesy-jungle.txt")
    person.refresh_from_db()
    assert (person.rank, person.service, person.title) == ("Master Sgt.", "", "")
    ((text, url),) = result.suggestions
    assert "“Sgt. Maj.”" in text and "“Master Sgt.”" in text
    assert url == f"/admin/articles/person/{person.pk}/change/"


def test_no_near_duplicate_organization_is_created():
    existing = OrganizationFactory(name="Servicio Nacional de Frontera", abbreviation="")
    result = create_draft(
        parse_text(
            "Border officers finish course\n\nMETETÍ, Panama — Officers of the Servicio "
            "Nacional de Fronteras finished the course on Friday.\n"
        )
    )
    assert Organization.objects.filter(name__startswith="Servicio Nacional").count() == 1
    assert not result.created_organizations
    ((text, url),) = result.suggestions
    assert "Servicio Nacional de Frontera" in text and str(existing.pk) in url


def test_english_name_of_a_known_agency_matches_its_spanish_record():
    ministry = OrganizationFactory(name="Ministerio de Seguridad Pública", abbreviation="")
    result = create_draft(
        parse_text(
            "Ministry signs plan\n\nPANAMA CITY, Panama — The Ministry of Public Security "
            "signed the plan on Friday.\n"
        )
    )
    assert list(result.article.organizations.all()) == [ministry]
    assert not result.created_organizations


def test_new_organizations_get_a_kind_and_a_country_when_the_name_says():
    import_corpus("02-dvids-story-by-medical.txt")
    hospital = Organization.objects.get(name="312th Field Hospital")
    assert (hospital.kind, hospital.country.code) == ("military", "US")
    ministry = Organization.objects.get(name="Ministerio de Salud")
    assert (ministry.kind, ministry.country.code) == ("ministry", "")
    import_corpus("09-readout-phone-call.txt")
    army = Organization.objects.get(name="Ejército Nacional de Colombia")
    assert (army.kind, army.country.code) == ("military", "CO")


def test_people_in_prose_check_compares_with_the_record_on_the_release_date():
    person = PersonFactory(given_name="Victor", family_name="Amsel", rank="Lt. Col.", title="")
    PersonRole.objects.create(person=person, rank="Maj.", held_until=datetime.date(2026, 12, 31))
    article = import_corpus("02-dvids-story-by-medical.txt").article
    flags = [f for f in run_release_checks(article) if f.code == "people-in-prose"]
    assert len(flags) == 1
    assert "“Lt. Col. Victor Amsel”" in flags[0].message and "“Maj.”" in flags[0].message
    assert "Maj. Victor Amsel" in flags[0].message


def test_people_in_prose_check_flags_an_unknown_unit_abbreviation():
    article = create_draft(
        parse_text(
            "Airmen fix runway lights\n\nHOWARD AIRFIELD, Panama — Repairs were led by "
            "Tech. Sgt. Omari Lindgren of the 612th ABS on Monday.\n"
        )
    ).article
    flags = [f for f in run_release_checks(article) if f.code == "people-in-prose"]
    assert ["612th ABS" in f.message for f in flags] == [True]
    OrganizationFactory(name="612th Air Base Squadron", abbreviation="612th ABS")
    assert not [f for f in run_release_checks(article) if f.code == "people-in-prose"]


def test_transcript_turns_are_listed_in_the_release_and_edited_on_their_page(admin_client):
    article = import_corpus("05-transcript-secdef-minister.txt").article
    transcript = Transcript.objects.get(parent=article)
    change = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    page = change.content.decode()
    turns_url = f"/admin/articles/transcript/{transcript.pk}/change/"
    assert turns_url in page and "Secretary of Defense Marcus Ellery" in page
    response = admin_client.get(turns_url)
    assert response.status_code == 200
    assert 'name="turns-TOTAL_FORMS"' in response.content.decode()
    turn = transcript.turns.get(position=0)
    data = {
        "turns-TOTAL_FORMS": "1",
        "turns-INITIAL_FORMS": "1",
        "turns-MIN_NUM_FORMS": "0",
        "turns-MAX_NUM_FORMS": "1000",
        "turns-0-id": str(turn.pk),
        "turns-0-transcript": str(transcript.pk),
        "turns-0-position": "0",
        "turns-0-role": "moderator",
        "turns-0-label": "",
        "turns-0-text": "<p>Good afternoon, everyone.</p>",
    }
    assert admin_client.post(turns_url, data).status_code == 302
    turn.refresh_from_db()
    assert turn.text == "<p>Good afternoon, everyone.</p>"
    # the release's history has the change, like any edit of its body
    latest = snapshot_of_revision(revisions_of(article)[0])
    assert "Moderator: Good afternoon, everyone." in latest.body
    # a turn of a published release changes only through the release's workflow
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)
    assert admin_client.post(turns_url, data).status_code == 403


def test_transcript_turns_and_speakers_are_in_the_search_document():
    from articles.models import SearchDocument
    from public.search_index import refresh

    article = import_corpus("05-transcript-secdef-minister.txt").article
    refresh([article.pk])
    document = SearchDocument.objects.get(article=article)
    assert "Secretary of Defense Marcus Ellery: Thank you, and thank you, Minister" in document.body
    assert "Reporter: Mr. Secretary, Lucía Barrios" in document.body
    assert "Minister of Public Security Rogelio Candanedo" in document.keywords


def test_writers_edit_the_turns_of_their_draft_and_authorities_only_read_them(
    writer, authority, client_for
):
    path = CORPUS / "06-transcript-press-briefing.txt"
    article = create_draft(parse_file(path.name, path.read_bytes()), created_by=writer).article
    transcript = Transcript.objects.get(parent=article)
    turns_url = f"/admin/articles/transcript/{transcript.pk}/change/"
    release_page = client_for(writer).get(f"/admin/articles/article/{article.pk}/change/")
    assert turns_url in release_page.content.decode()  # the block is in the writer's editor
    assert client_for(writer).get(turns_url).status_code == 200
    reader = client_for(authority)
    assert reader.get(turns_url).status_code == 200
    assert reader.post(turns_url, {}).status_code == 403
