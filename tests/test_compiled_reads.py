"""Reads compiled to SQL once per process (newsroom.compiled_reads): every later call reads with
its own values, and a read whose values would not reach the SQL as parameters is refused."""

import datetime

import pytest
from django.db import connection
from django.db.models import Value
from django.utils import timezone
from psycopg import pq

from articles.models import (
    Correction,
    InitiativeTable,
    InitiativeTableRow,
    Person,
    PersonRole,
    Quote,
    Transcript,
    TranscriptTurn,
)
from newsroom.compiled_reads import CompiledRead, read_together
from tests.factories import ArticleFactory, InitiativeFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _release(name, *, language="en", days_ago):
    """A release with a quote by a speaker who held another rank on its date, an initiative
    table, a transcript, an author and a correction, all named after `name`."""
    article = ArticleFactory(
        language=language,
        headline=f"{name} release",
        release_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    speaker = PersonFactory(given_name=name, family_name="Speaker", rank="Col.")
    PersonRole.objects.create(
        person=speaker,
        rank=f"{name}-rank",
        held_until=timezone.localdate() - datetime.timedelta(days=days_ago - 1),
    )
    Quote.objects.create(parent=article, region="body", ordering=10, speaker=speaker, text=name)
    table = InitiativeTable.objects.create(
        parent=article, region="body", ordering=20, caption=f"{name} table", headings=["I", "O"]
    )
    InitiativeTableRow.objects.create(
        table=table, initiative=InitiativeFactory(name=f"{name} initiative"), cells=[f"{name} cell"]
    )
    transcript = Transcript.objects.create(parent=article, region="body", ordering=30)
    TranscriptTurn.objects.create(
        transcript=transcript, role="speaker", speaker=speaker, text=f"<p>{name} turn</p>"
    )
    article.byline_people.add(PersonFactory(given_name=f"{name}-author", family_name="Writer"))
    Correction.objects.create(article=article, note=f"{name} correction", created_by=UserFactory())
    return article


def test_release_pages_rendered_one_after_another_each_show_their_own_content(
    client, no_page_cache, settings
):
    # Every render reads the release from scratch, with the SQL compiled at the first one.
    settings.RELEASE_CACHE_ENABLED = False
    names = {"Alpha": _release("Alpha", days_ago=3), "Bravo": _release("Bravo", days_ago=5)}
    names["Charlie"] = _release("Charlie", language="es", days_ago=7)
    for name in ["Alpha", "Bravo", "Charlie", "Alpha"]:
        page = client.get(names[name].get_absolute_url()).content.decode()
        assert page.count(f"{name}-rank {name} Speaker") == 2  # the quote and the turn
        for own in ("table", "initiative", "cell", "turn", "-author", "correction"):
            assert f"{name} {own}" in page or f"{name}{own}" in page, (name, own)
        for other in set(names) - {name}:
            assert f"{other} table" not in page and f"{other}-rank" not in page


def test_reads_read_together_each_give_what_they_give_alone_in_one_round_trip():
    alpha, bravo = _release("Alpha", days_ago=3), _release("Bravo", days_ago=5)
    corrections = CompiledRead(
        Correction, lambda release: Correction.objects.filter(article=release)
    )
    quotes = CompiledRead(
        Quote, lambda release: Quote.objects.get_queryset().filter(parent=release)
    )
    rows = CompiledRead(
        InitiativeTableRow,
        lambda release: InitiativeTableRow.objects.filter(table__parent=release).values_list(
            "cells", flat=False
        ),
    )
    reads = [
        corrections.bind(alpha.pk),
        quotes.bind(bravo.pk),
        rows.bind(alpha.pk),
        corrections.bind(0),
    ]
    pipelined = []

    def note_pipeline(execute, sql, params, many, context):
        pipelined.append(
            connection.vendor == "postgresql"
            and connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF
        )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note_pipeline):
        found = read_together(*reads)
    # One round trip on PostgreSQL (psycopg's pipeline mode); elsewhere one query each.
    assert pipelined == [connection.vendor == "postgresql"] * len(reads)
    assert [[correction.note for correction in found[0]], [quote.text for quote in found[1]]] == [
        ["Alpha correction"],
        ["Bravo"],
    ]
    assert found[2:] == [[(["Alpha cell"],)], []]
    assert found == [corrections(alpha.pk), quotes(bravo.pk), rows(alpha.pk), corrections(0)]


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_a_value_that_does_not_reach_the_sql_as_a_parameter_is_refused():
    used_in_python = CompiledRead(
        Person, lambda day: Person.objects.annotate(year=Value(day.year)).filter(pk=1)
    )
    with pytest.raises(ValueError, match="parameter of one fixed SQL"):
        used_in_python(datetime.date(2026, 1, 1))
    not_used = CompiledRead(Person, lambda pk, day: Person.objects.filter(pk=pk))
    with pytest.raises(ValueError, match="parameter of one fixed SQL"):
        not_used(1, datetime.date(2026, 1, 1))


def test_a_quote_keeps_the_rank_of_its_release_date_in_the_office_time_zone(
    client, no_page_cache, settings
):
    # 03:00 UTC on 1 March is still 28 February in Panama, the captain's last day as captain.
    settings.RELEASE_CACHE_ENABLED = False
    release_at = datetime.datetime(2026, 3, 1, 3, tzinfo=datetime.UTC)
    article = ArticleFactory(release_at=release_at)
    speaker = PersonFactory(given_name="Ana", family_name="Ruiz", rank="Maj.")
    PersonRole.objects.create(person=speaker, rank="Capt.", held_until=datetime.date(2026, 2, 28))
    Quote.objects.create(parent=article, region="body", ordering=10, speaker=speaker, text="Go.")
    assert "Maj. Ana Ruiz" in client.get(article.get_absolute_url()).content.decode()
    settings.TIME_ZONE = "America/Panama"
    assert "Capt. Ana Ruiz" in client.get(article.get_absolute_url()).content.decode()
