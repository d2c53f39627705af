import pytest

from articles.models import InitiativeTable, InitiativeTableRow
from tests.checks.helpers import add_rich_text, draft, findings, next_ordering, paragraphs
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def add_table(article, rows=()):
    table = InitiativeTable.objects.create(
        parent=article,
        region="body",
        ordering=next_ordering(article),
        caption="Training plan",
        headings=["Initiative", "Objectives"],
    )
    for position, (initiative, cells) in enumerate(rows):
        InitiativeTableRow.objects.create(
            table=table, initiative=initiative, cells=cells, position=position
        )
    return table


@pytest.mark.parametrize("html", ["", "<p></p>", "<p> </p><p><br></p>", "<ul><li></li></ul>"])
def test_rich_text_without_text_is_an_error(html):
    article = draft()
    add_rich_text(article, paragraphs("First paragraph."))
    add_rich_text(article, html)
    found = findings(article, "empty-block")
    assert [(f.location.label, f.is_error) for f in found] == [("Block 2 (rich text)", True)]
    assert "delete the block" in found[0].message


def test_a_table_without_rows_is_an_error():
    article = draft()
    add_table(article)
    found = findings(article, "empty-block")
    assert [f.location.label for f in found] == ["Block 1 (initiative table)"]
    assert "Add one line per initiative" in found[0].message


def test_blocks_with_content_are_not_empty():
    article = draft()
    add_rich_text(article, paragraphs("Text."))
    add_table(article, [(InitiativeFactory(), ["Joint patrols"])])
    assert findings(article, "empty-block") == []
