"""Two officers editing one release: the later save is refused, keeps its text, shows the
difference, and succeeds once merged. Nothing is lost and nothing is silently overwritten."""

import re

import pytest
from django.urls import reverse

from articles import roles
from articles.models import ArticleStatus, RichText
from articles.workflow import transitions
from tests.admin_forms import article_post_data
from tests.factories import UserFactory, release_in_state

pytestmark = pytest.mark.django_db


def loaded_version_in(response):
    (version,) = re.findall(r'name="loaded_version" value="(\d+)"', response.content.decode())
    return version


def post_data(article, block, version, *, summary, paragraph):
    return article_post_data(
        fields={
            "slug": article.slug,
            "headline": article.headline,
            "summary": summary,
            "loaded_version": version,
        },
        blocks=[
            (
                "richtext",
                {"id": block.pk, "parent": article.pk, "text": f"<p>{paragraph}</p>"},
            )
        ],
        existing={"richtext": 1},
    )


def test_the_second_of_two_saves_is_refused_keeps_its_text_and_succeeds_after_merging(
    client_for, editor
):
    other = UserFactory(first_name="Maria", last_name="Lopez", roles=[roles.EDITOR])
    article = release_in_state("draft", summary="Original summary.")
    block = RichText.objects.create(
        parent=article, region="body", ordering=10, text="<p>Original paragraph.</p>"
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    first, second = client_for(editor), client_for(other)
    first_version = loaded_version_in(first.get(url))
    second_version = loaded_version_in(second.get(url))

    saved = first.post(
        url,
        post_data(
            article,
            block,
            first_version,
            summary="Summary by the first officer.",
            paragraph="Paragraph by the first officer.",
        ),
    )
    assert saved.status_code == 302

    refused = second.post(
        url,
        post_data(
            article,
            block,
            second_version,
            summary="Summary by the second officer.",
            paragraph="Paragraph by the second officer.",
        ),
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert f"{editor.get_full_name()} saved this release" in html
    assert "your changes were not saved" in html
    # Their text is still in the form …
    assert "\nSummary by the second officer.</textarea>" in html
    assert "Paragraph by the second officer." in html
    # … and the difference: the saved version (deleted lines) against theirs (inserted).
    assert "</span>Summary: Summary by the first officer.</del>" in html
    assert "</span>Summary: Summary by the second officer.</ins>" in html
    assert "</span>Paragraph by the first officer.</del>" in html
    assert "</span>Paragraph by the second officer.</ins>" in html
    article.refresh_from_db()
    block.refresh_from_db()
    assert article.summary == "Summary by the first officer."
    assert block.text == "<p>Paragraph by the first officer.</p>"

    merged = second.post(
        url,
        post_data(
            article,
            block,
            loaded_version_in(refused),
            summary="Summary by the first officer, with the second's figures.",
            paragraph="Paragraph by the first officer, and the second's quote.",
        ),
    )
    assert merged.status_code == 302
    article.refresh_from_db()
    block.refresh_from_db()
    assert article.summary == "Summary by the first officer, with the second's figures."
    assert block.text == "<p>Paragraph by the first officer, and the second's quote.</p>"


def test_a_form_opened_before_a_status_change_cannot_undo_it(client_for, editor, authority):
    article = release_in_state("in-review")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client = client_for(editor)
    version = loaded_version_in(client.get(url))
    transitions.return_to_draft(article=article, user=authority, comment="Needs a quote.")

    data = article_post_data(
        fields={"slug": article.slug, "headline": "Edited", "loaded_version": version}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    article.refresh_from_db()
    assert article.headline != "Edited"
    assert article.status == ArticleStatus.DRAFT
