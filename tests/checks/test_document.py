import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.checks import load_release_document
from articles.checks.text import html_text
from tests.checks.helpers import add_rich_text, draft
from tests.factories import ImageFactory, add_blocks

pytestmark = pytest.mark.django_db


def test_every_text_a_reader_sees_has_a_location_an_officer_can_find():
    article = draft(
        headline="Headline text",
        summary="Summary one.\nSummary two.",
        hero_image=ImageFactory(alt_text="Boats", caption="Boats on the river"),
    )
    add_blocks(article, 4)
    add_rich_text(article, "<h2>Heading</h2><ul><li>Item one</li><li>Item <b>two</b></li></ul>")
    document = load_release_document(article)
    lines = [(line.location.label, line.text) for line in document.lines()]
    table_row = next(text for label, text in lines if label.endswith("row 1"))
    image = article.hero_image
    assert lines == [
        ("Headline", "Headline text"),
        ("Summary, line 1", "Summary one."),
        ("Summary, line 2", "Summary two."),
        ("Dateline", "PANAMA CITY, Panama"),
        ("Hero photo, alternative text", image.alt_text),
        ("Hero photo, caption", image.caption),
        ("Block 1 (rich text), line 1", "Paragraph 0"),
        ("Block 2 (quote), words", "Words 1"),
        ("Block 3 (initiative table), caption", "Table 2"),
        ("Block 3 (initiative table), column headings", "Initiative | Objectives"),
        ("Block 3 (initiative table), row 1", table_row),
        ("Block 4 (image), alternative text", "Soldiers crossing a river on a rope bridge"),
        ("Block 5 (rich text), line 1", "Heading"),
        ("Block 5 (rich text), line 2", "Item one"),
        ("Block 5 (rich text), line 3", "Item two"),
    ]
    assert table_row.endswith(" | Objective 2")


def queries_to_load(article):
    with CaptureQueriesContext(connection) as captured:
        load_release_document(article)
    return len(captured)


def test_loading_costs_the_same_queries_for_many_blocks_as_for_few():
    few, many = draft(), draft()
    add_blocks(few, 4)
    add_blocks(many, 24)
    assert queries_to_load(few) == queries_to_load(many)


def test_html_text_decodes_entities_and_numbers_lines_and_links():
    lines, links = html_text(
        '<p>One &amp; two</p><p>&lt; td &gt; and <a href="/releases/x/">a link</a></p>'
        "<p>Line<br>break</p>"
    )
    assert lines == ["One & two", "< td > and a link", "Line", "break"]
    assert [(link.href, link.text, link.line) for link in links] == [("/releases/x/", "a link", 2)]
