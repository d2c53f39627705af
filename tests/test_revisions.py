"""Every save keeps a revision of the release with its body blocks; any two can be compared,
and one can be restored, blocks and their order included."""

import pytest
from django.urls import reverse

from articles.models import (
    Article,
    ArticleStatus,
    Correction,
    InitiativeTable,
    Quote,
    RichText,
    StateChange,
    WorkflowAction,
)
from articles.revisions import diff, revisions_of, snapshot_of_article, snapshot_of_revision
from tests.admin_forms import article_post_data
from tests.factories import PersonFactory, release_in_state

pytestmark = pytest.mark.django_db


def body_order(article):
    blocks = [
        *RichText.objects.filter(parent=article),
        *Quote.objects.filter(parent=article),
        *InitiativeTable.objects.filter(parent=article),
    ]
    return [str(block) for block in sorted(blocks, key=lambda block: block.ordering)]


@pytest.fixture
def two_saves(client_for, editor):
    """A release saved twice in the admin: then its quote moved first, its paragraph edited,
    a table and a tag added."""
    speaker = PersonFactory(given_name="Ana", family_name="Quintero", rank="Col.")
    client = client_for(editor)
    data = article_post_data(
        fields={"tags": "engineering"},
        blocks=[
            ("richtext", {"text": "<p>First paragraph.</p>"}),
            ("quote", {"speaker": speaker.pk, "text": "We are ready.", "context": ""}),
        ],
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()
    text, quote = RichText.objects.get(parent=article), Quote.objects.get(parent=article)
    data = article_post_data(
        fields={
            "slug": article.slug,
            "headline": article.headline,
            "tags": "engineering, health",
            "loaded_version": article.edit_version,
        },
        blocks=[
            (
                "richtext",
                {
                    "id": text.pk,
                    "parent": article.pk,
                    "text": "<p>First paragraph, edited.</p>",
                    "ordering": 30,
                },
            ),
            (
                "quote",
                {
                    "id": quote.pk,
                    "parent": article.pk,
                    "speaker": speaker.pk,
                    "text": "We are ready.",
                    "context": "",
                    "ordering": 10,
                },
            ),
            (
                "initiativetable",
                {
                    "caption": "Projects",
                    "headings_text": "Initiative | Objectives",
                    "rows_text": "Water Wells | Drill two wells",
                    "ordering": 20,
                },
            ),
        ],
        existing={"richtext": 1, "quote": 1},
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, data).status_code == 302
    return article


def test_each_admin_save_keeps_a_revision_with_every_block(two_saves):
    article = two_saves
    newer, older = revisions_of(article)
    assert newer.user.username == older.user.username == "editor"
    old, new = snapshot_of_revision(older), snapshot_of_revision(newer)
    assert old.body == (
        "[Text]",
        "First paragraph.",
        "[Quote: Col. Ana Quintero]",
        "“We are ready.”",
    )
    assert new.body == (
        "[Quote: Col. Ana Quintero]",
        "“We are ready.”",
        "[Table: Projects]",
        "Initiative | Objectives",
        "Water Wells | Drill two wells",
        "[Text]",
        "First paragraph, edited.",
    )
    assert "Tags: engineering" in old.lines
    assert "Tags: engineering, health" in new.lines
    assert new == snapshot_of_article(article)


def test_the_admin_lists_revisions_and_shows_a_readable_diff(client_for, editor, two_saves):
    article = two_saves
    client = client_for(editor)
    listing = client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    assert listing.status_code == 200
    assert listing.content.decode().count('name="from"') == 2
    newer, older = revisions_of(article)
    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"from": older.pk, "to": newer.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "</span>First paragraph.</del>" in html
    assert "</span>First paragraph, edited.</ins>" in html
    assert "</span>[Table: Projects]</ins>" in html
    assert "</span>Tags: engineering, health</ins>" in html


def test_restoring_brings_back_blocks_their_order_and_tags_as_a_new_revision(
    client_for, editor, two_saves
):
    article = two_saves
    _newer, older = revisions_of(article)
    slug = article.slug
    response = client_for(editor).post(
        reverse("admin:articles_article_restore", args=[article.pk, older.pk])
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert body_order(article) == ["First paragraph.", "We are ready."]
    assert not InitiativeTable.objects.filter(parent=article).exists()
    assert set(article.tags.names()) == {"engineering"}
    assert (article.slug, article.status) == (slug, ArticleStatus.DRAFT)
    revisions = revisions_of(article)
    assert len(revisions) == 3
    assert "Restored the revision of" in revisions[0].comment
    assert snapshot_of_revision(revisions[0]) == snapshot_of_revision(older)
    assert StateChange.objects.get(article=article).action == WorkflowAction.RESTORED


def test_restoring_a_public_release_needs_a_correction_note(client, client_for, editor):
    article = release_in_state("published", summary="Old summary.")
    client_for(editor).post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_post_data(
            fields={
                "slug": article.slug,
                "headline": article.headline,
                "summary": "New summary.",
                "correction_note": "Updates the summary.",
            }
        ),
    )
    older = revisions_of(article)[-1]
    url = reverse("admin:articles_article_restore", args=[article.pk, older.pk])
    response = client_for(editor).post(url, {"correction_note": ""})
    assert "This release is public: describe what you changed." in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "New summary."

    response = client_for(editor).post(url, {"correction_note": "Restores the summary."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "Old summary."
    assert list(Correction.objects.values_list("note", flat=True)) == [
        "Updates the summary.",
        "Restores the summary.",
    ]
    assert "Restores the summary." in client.get(article.get_absolute_url()).content.decode()


def test_a_revision_quoting_a_deleted_person_cannot_be_restored(client_for, editor, two_saves):
    article = two_saves
    _newer, older = revisions_of(article)
    quote = Quote.objects.get(parent=article)
    speaker = quote.speaker
    quote.delete()
    speaker.delete()
    response = client_for(editor).post(
        reverse("admin:articles_article_restore", args=[article.pk, older.pk]), follow=True
    )
    assert "has since been deleted, so it cannot be restored" in response.content.decode()
    assert body_order(article) == ["Projects", "First paragraph, edited."]
    # The comparison still reads, naming what is gone.
    assert "[Quote: (deleted)]" in snapshot_of_revision(older).body


def test_revisions_of_another_release_are_not_found(client_for, editor, two_saves):
    other = release_in_state("draft")
    revision = revisions_of(two_saves)[-1]
    url = reverse("admin:articles_article_restore", args=[other.pk, revision.pk])
    assert client_for(editor).post(url).status_code == 404


def test_diff_shows_changes_with_context_and_marks_skipped_lines():
    old = [f"line {n}" for n in range(10)]
    new = [*old[:5], "line 5, changed", *old[6:]]
    lines = [(line.kind, line.text) for line in diff(old, new, context=1)]
    assert lines == [
        ("gap", ""),
        ("same", "line 4"),
        ("removed", "line 5"),
        ("added", "line 5, changed"),
        ("same", "line 6"),
        ("gap", ""),
    ]
    assert diff(old, list(old)) == []
