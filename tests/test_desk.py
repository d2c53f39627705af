"""The desk's pages on the server side: what the home page lists for each role, the
clearance view (the release as readers see it, the version it was shown at, what changed since
the last clearance), the read-only release, and who may frame the staff preview."""

import pytest
from django.urls import reverse

from articles.models import ImageBlock, RichText
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from tests.factories import ImageFactory, release_in_state

pytestmark = pytest.mark.django_db

DESK = reverse("admin:index")


def clearance_url(article):
    return reverse("admin:articles_article_transition", args=[article.pk, "clear"])


def test_the_desk_lists_each_roles_own_work(client_for, writer, editor, authority):
    mine = release_in_state("draft", created_by=writer, headline="Clinic opens in Yaviza")
    someone_elses = release_in_state("draft", headline="Bridge reopens in Colón")
    in_review = release_in_state("in-review", created_by=writer, headline="Cadets graduate")

    writer_desk = client_for(writer).get(DESK).context["desk"]
    drafts = {s.key: s for s in writer_desk["mine"]}["drafts"]
    assert drafts.releases == [mine] and someone_elses not in drafts.releases
    assert "to-clear" not in {s.key for s in writer_desk["mine"]}

    editor_desk = client_for(editor).get(DESK).context["desk"]
    assert {s.key: s for s in editor_desk["mine"]}["in-review"].releases == [in_review]

    page = client_for(authority).get(DESK)
    to_clear = {s.key: s for s in page.context["desk"]["mine"]}["to-clear"]
    assert to_clear.releases == [in_review] and to_clear.count == 1
    # One click from the desk to the clearance view.
    assert f'href="{clearance_url(in_review)}"' in page.content.decode()


def test_a_returned_draft_shows_the_reviewers_comment_on_the_writers_desk(
    client_for, writer, editor
):
    article = release_in_state("draft", created_by=writer, headline="Clinic opens in Yaviza")
    transitions.submit_for_review(article=article, user=writer)
    transitions.return_to_draft(article=article, user=editor, comment="Name the engineer unit.")
    page = client_for(writer).get(DESK).content.decode()
    section = page[page.index('id="desk-returned"') : page.index('id="desk-drafts"')]
    assert "Clinic opens in Yaviza" in section
    assert "Name the engineer unit." in section


def test_the_clearance_view_frames_the_preview_and_carries_the_shown_version(client_for, authority):
    article = release_in_state("in-review", headline="Clinic opens in Yaviza")
    page = client_for(authority).get(clearance_url(article)).content.decode()
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert f'<iframe class="release-proof__frame" src="{preview}"' in page
    assert f'name="shown_version" value="{article.edit_version}"' in page
    assert "Changed since the last clearance" not in page  # never cleared before


def test_the_clearance_view_shows_what_changed_since_the_last_clearance(
    client_for, writer, authority, editor
):
    article = release_in_state("in-review", created_by=writer, headline="Clinic opens")
    text = RichText.objects.create(
        parent=article, region="body", ordering=10, text="<p>It has six rooms.</p>"
    )
    transitions.clear(article=article, user=authority, checklist=clearance_checklist())
    transitions.return_to_draft(article=article, user=editor, comment="One more fact.")
    text.text = "<p>It has eight rooms.</p>"
    text.save()
    article.refresh_from_db()
    article.save()
    transitions.submit_for_review(article=article, user=writer)
    page = client_for(authority).get(clearance_url(article)).content.decode()
    assert "Changed since the last clearance" in page
    changes = page[page.index("Changed since the last clearance") :]
    assert "It has six rooms." in changes and "It has eight rooms." in changes
    assert changes.index("It has six rooms.") < changes.index("It has eight rooms.")


def test_the_staff_preview_may_be_framed_by_the_admin_only(client_for, authority):
    article = release_in_state("in-review")
    client = client_for(authority)
    preview = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    desk = client.get(DESK)
    assert desk["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in desk["Content-Security-Policy"]
    for policy in (preview, desk):
        script_src = policy["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src


def test_a_read_only_release_shows_its_body_as_readers_see_it(client_for, authority):
    article = release_in_state("in-review")
    RichText.objects.create(parent=article, region="body", ordering=10, text="<p>Six rooms.</p>")
    page = client_for(authority).get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    assert "Body, as readers will see it" in html
    assert reverse("admin:articles_article_preview", args=[article.pk]) in html
    assert "content_editor/index.js" not in html
    assert page.context["inline_admin_formsets"] == []


def test_a_writer_editing_a_draft_still_gets_the_block_editor(client_for, writer):
    article = release_in_state("draft", created_by=writer)
    html = (
        client_for(writer)
        .get(reverse("admin:articles_article_change", args=[article.pk]))
        .content.decode()
    )
    assert "content_editor/index.js" in html
    assert "Body, as readers will see it" not in html
    assert "Use Ctrl-Click" not in html and "hold Ctrl" in html


def test_an_image_block_shows_its_photo_small_on_the_release_form(client_for, writer):
    article = release_in_state("draft", created_by=writer)
    photo = ImageFactory(title="Roof beam")
    ImageBlock.objects.create(parent=article, region="body", ordering=10, image=photo)
    page = client_for(writer).get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    rendition = photo.renditions.filter(format="webp").order_by("width").first()
    assert f'<span class="block-thumbnail"><img src="{rendition.file.url}"' in html
