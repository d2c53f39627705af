"""A release authority confirms a clearance page that went stale while they read it: the
browser shows the refusal and what changed, and the second confirmation clears the new text."""

import importlib

import pytest
import reversion
from django.apps import apps

from articles import roles
from articles.models import Article, ArticleStatus, Clearance, RichText
from articles.revisions import ensure_baseline_revision
from tests.browser.conftest import wait_for_release_proof
from tests.factories import ArticleFactory, UserFactory
from tests.signing_in import browser_sign_in

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editorial_roles(transactional_db):
    """The groups come from data migrations; a live-server test may start from a flushed
    database: create them again with the migrations' own code."""
    importlib.import_module("articles.migrations.0004_create_roles").create_roles(apps, None)
    importlib.import_module("articles.migrations.0010_clearance_integrity").grant_editors(
        apps, None
    )


def test_a_stale_clearance_is_refused_with_the_changes_shown(
    live_server, browser, assert_no_axe_violations, editorial_roles, tmp_path
):
    authority = UserFactory(username="authority", roles=[roles.RELEASE_AUTHORITY])
    editor = UserFactory(username="editor", roles=[roles.EDITOR])
    article = ArticleFactory(
        status=ArticleStatus.IN_REVIEW, headline="Medics open a field clinic in Metetí"
    )
    RichText.objects.create(
        parent=article, region="body", ordering=10, text="<p>The clinic opens on Monday.</p>"
    )
    ensure_baseline_revision(article)

    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    browser_sign_in(page, live_server.url, authority, PASSWORD)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/workflow/clear/")
    wait_for_release_proof(page)
    for box in page.locator("input[name=checklist]").all():
        box.check()
    for box in page.locator("input[name=acknowledged_warnings]").all():
        box.check()
    page.fill("#id_comment", "Checked with the clinic.")

    # While the authority reads, an editor adds a sentence.
    with reversion.create_revision():
        block = RichText.objects.get(parent=article)
        block.text = "<p>The clinic opens on Monday.</p><p>Patients pay a small fee.</p>"
        block.save()
        stored = Article.objects.get(pk=article.pk)
        stored.save()
        reversion.set_user(editor)

    page.click("input[type=submit][value='Clear for release']")
    alert = page.locator("#stale-confirmation")
    alert.wait_for()
    assert "The release changed after this page was opened" in alert.inner_text()
    assert "Patients pay a small fee." in alert.locator(".diff-added").inner_text()
    assert page.locator("#id_comment").input_value() == "Checked with the clinic."
    assert not Clearance.objects.exists()
    assert_no_axe_violations(page, context="#content-main")
    page.screenshot(path=str(tmp_path / "stale-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "stale-390.png"), full_page=True)

    wait_for_release_proof(page)
    for box in page.locator("input[name=checklist]").all():
        box.check()
    for box in page.locator("input[name=acknowledged_warnings]").all():
        box.check()
    page.click("input[type=submit][value='Clear for release']")
    page.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED
    assert Clearance.objects.get().edit_version == Article.objects.get().edit_version - 1
    context.close()
