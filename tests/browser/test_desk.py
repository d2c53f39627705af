"""The desk in Chromium, per role, at desktop and phone widths: the home page lists each
officer's work, the release authority reads every block of a release on the clearance view and
clears it, the read-only release shows its body, and nothing covers the headline. Every page is
checked with axe-core and must log no console error.

`make screenshots` runs this module with SCREENSHOTS_DIR=docs/screenshots to refresh the
README's pictures."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import roles
from articles.checks import refresh_release_checks
from articles.models import (
    ArticleStatus,
    ImageBlock,
    InitiativeTable,
    InitiativeTableRow,
    Quote,
    RichText,
    WatchTerm,
)
from articles.workflow import transitions
from importers import queued
from importers.models import ImportJob
from tests.browser.conftest import signed_in_page, wait_for_release_proof
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    PersonFactory,
    UserFactory,
    release_in_state,
)
from tests.test_import_drafts import RELEASE

WIDTHS = [1280, 390]

# The headline must be fully visible: what the browser paints at points across it must be the
# headline itself (or inside it), never a button or panel laid over it.
HEADLINE_UNCOVERED = """(element) => {
  element.scrollIntoView({block: "center"})
  const box = element.getBoundingClientRect()
  const points = [0.02, 0.25, 0.5, 0.75, 0.98].flatMap((x) =>
    [0.2, 0.8].map((y) => [box.left + box.width * x, box.top + box.height * y]))
  return points
    .map(([x, y]) => document.elementFromPoint(x, y))
    .filter((hit) => !(hit === element || element.contains(hit)))
    .map((hit) => hit.outerHTML.slice(0, 120))
}"""


@pytest.fixture
def office(editorial_roles):
    """An office with work in every state, for desk pages to list."""
    WatchTerm.objects.create(term="Fort Sherman", reason="unit location")
    people = {
        "writer": UserFactory(
            username="writer", first_name="Dana", last_name="Whitcombe", roles=[roles.WRITER]
        ),
        "editor": UserFactory(
            username="editor", first_name="Jordan", last_name="Ibarra", roles=[roles.EDITOR]
        ),
        "authority": UserFactory(
            username="authority",
            first_name="Casey",
            last_name="Montenegro",
            roles=[roles.RELEASE_AUTHORITY],
        ),
    }
    writer = people["writer"]
    to_clear = release_in_state(
        "draft",
        created_by=writer,
        headline="Engineers open a six-room clinic in Yaviza",
        slug="engineers-open-a-clinic",
    )
    speaker = PersonFactory(rank="Maj.", given_name="Elena", family_name="Quiroga")
    RichText.objects.create(
        parent=to_clear,
        region="body",
        ordering=10,
        text="<p>Builders met at Fort Sherman before the river crossing to Yaviza.</p>",
    )
    Quote.objects.create(
        parent=to_clear,
        region="body",
        ordering=20,
        speaker=speaker,
        text="The whole valley will use this clinic.",
    )
    table = InitiativeTable.objects.create(
        parent=to_clear,
        region="body",
        ordering=30,
        caption="Projects",
        headings=["Project", "Status"],
    )
    InitiativeTableRow.objects.create(
        table=table, initiative=InitiativeFactory(name="River Wells"), cells=["Two wells drilled"]
    )
    ImageBlock.objects.create(
        parent=to_clear,
        region="body",
        ordering=40,
        image=ImageFactory(alt_text="Builders lifting a roof beam"),
        caption="The last roof beam goes up.",
    )
    refresh_release_checks(article=to_clear)
    transitions.submit_for_review(article=to_clear, user=writer)

    returned = release_in_state(
        "draft", created_by=writer, headline="Border units finish river course"
    )
    refresh_release_checks(article=returned)
    transitions.submit_for_review(article=returned, user=writer)
    transitions.return_to_draft(
        article=returned, user=people["editor"], comment="Name the units in the first paragraph."
    )
    release_in_state("draft", created_by=writer, headline="Medical team plans a Darién visit")
    release_in_state(
        "draft",
        created_by=writer,
        headline="Panamanian border units and partner instructors complete the first combined "
        "jungle operations course in Darién province",
    )
    release_in_state("scheduled", headline="Coast guard cadets graduate on Friday")
    ArticleFactory(headline="Bridge reopens after repairs", status=ArticleStatus.PUBLISHED)
    return people | {"to_clear": to_clear}


def desk_section(page, key):
    return page.locator(f"#desk-{key}")


def assert_clean(page, assert_no_axe_violations):
    assert page.console_errors == []
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_each_role_finds_its_work_on_the_desk(
    live_server, browser, office, width, assert_no_axe_violations, save_screenshot
):
    page = signed_in_page(browser, live_server, office["writer"], width=width)
    returned = desk_section(page, "returned")
    assert "Border units finish river course" in returned.inner_text()
    assert "Name the units in the first paragraph." in returned.inner_text()
    assert "Jordan Ibarra" in returned.inner_text()
    assert "Medical team plans a Darién visit" in desk_section(page, "drafts").inner_text()
    assert desk_section(page, "to-clear").count() == 0
    scheduled = desk_section(page, "scheduled").inner_text()
    assert "Coast guard cadets graduate on Friday" in scheduled
    assert timezone.localtime().tzname() in scheduled  # the office's zone after each time
    assert "Bridge reopens after repairs" in desk_section(page, "published").inner_text()
    assert_clean(page, assert_no_axe_violations)
    page.context.close()

    page = signed_in_page(browser, live_server, office["editor"], width=width)
    in_review = desk_section(page, "in-review").inner_text()
    assert "Engineers open a six-room clinic in Yaviza" in in_review
    assert "by Dana Whitcombe" in in_review
    assert desk_section(page, "drafts").inner_text().count("Medical team") == 0
    assert_clean(page, assert_no_axe_violations)
    page.context.close()

    page = signed_in_page(browser, live_server, office["authority"], width=width)
    to_clear = desk_section(page, "to-clear")
    assert "Engineers open a six-room clinic in Yaviza" in to_clear.inner_text()
    assert "1 warning" in to_clear.inner_text()
    assert desk_section(page, "returned").count() == 0
    assert page.locator(".desk-counts").inner_text().startswith("1 Awaiting your clearance")
    assert_clean(page, assert_no_axe_violations)
    save_screenshot(page, f"desk-home-{width}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_authority_reads_every_block_on_the_clearance_view_and_clears(
    live_server, browser, office, width, assert_no_axe_violations, save_screenshot
):
    article = office["to_clear"]
    page = signed_in_page(browser, live_server, office["authority"], width=width)
    desk_section(page, "to-clear").get_by_role("link", name=article.headline).click()
    page.wait_for_selector(".clearance")
    article.refresh_from_db()
    assert page.locator("input[name=shown_version]").input_value() == str(article.edit_version)

    proof = page.frame_locator(".release-proof__frame")
    assert proof.locator("h1").inner_text() == article.headline
    for text in [
        "Builders met at Fort Sherman before the river crossing to Yaviza.",
        "The whole valley will use this clinic.",
        "Maj. Elena Quiroga",
        "Two wells drilled",
        "The last roof beam goes up.",
    ]:
        block = proof.get_by_text(text, exact=False).first
        block.scroll_into_view_if_needed()
        assert block.is_visible(), text
    photo = proof.get_by_alt_text("Builders lifting a roof beam")
    photo.scroll_into_view_if_needed()
    assert photo.evaluate("(img) => img.complete && img.naturalWidth > 0")
    # The frame is as tall as the release: nothing is cut off inside a scroll box.
    heights = page.locator(".release-proof__frame").evaluate(
        "(frame) => [frame.clientHeight, frame.contentDocument.documentElement.scrollHeight]"
    )
    assert heights[0] >= heights[1]
    assert_clean(page, assert_no_axe_violations)
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, f"clearance-view-{width}")

    warning = page.locator(".clearance__warning")
    assert "Fort Sherman" in warning.inner_text()
    for box in page.locator("input[name=checklist]").all():
        box.check()
    page.get_by_role("button", name="Clear for release").click()
    assert "Acknowledge every release-check warning" in page.locator(".errorlist").inner_text()
    wait_for_release_proof(page)
    warning.locator("input[type=checkbox]").check()
    for box in page.locator("input[name=checklist]").all():
        box.check()
    page.get_by_role("button", name="Clear for release").click()
    page.wait_for_selector(".messagelist")
    assert page.locator("#workflow-heading").inner_text() == "Status: Cleared"
    assert page.console_errors == []
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_read_only_release_shows_its_body_and_no_editing_controls(
    live_server, browser, office, width, assert_no_axe_violations
):
    article = office["to_clear"]
    page = signed_in_page(browser, live_server, office["authority"], width=width)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    proof = page.frame_locator(".release-proof__frame")
    for text in ["Builders met at Fort Sherman", "The whole valley will use this clinic."]:
        block = proof.get_by_text(text, exact=False).first
        block.scroll_into_view_if_needed()
        assert block.is_visible()
    assert page.locator(".order-machine-insert-target, .block-move-up, .plugin-button").count() == 0
    # The block editor itself (which throws on read-only blocks) is not loaded at all.
    assert page.locator("script[src*='content_editor/index'], #content-editor-context").count() == 0
    assert page.locator(".field-headline .readonly").evaluate(HEADLINE_UNCOVERED) == []
    assert page.locator("#content > h2").evaluate(HEADLINE_UNCOVERED) == []
    assert_clean(page, assert_no_axe_violations)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_writers_release_form_keeps_the_headline_clear_and_wide(
    live_server, browser, office, width, assert_no_axe_violations, save_screenshot
):
    draft = office["to_clear"].__class__.objects.get(headline__startswith="Panamanian border")
    page = signed_in_page(browser, live_server, office["writer"], width=width)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.wait_for_selector(".order-machine")
    headline = page.locator("#id_headline")
    assert headline.evaluate(HEADLINE_UNCOVERED) == []
    # The release's headline above the form, as long as a real one.
    assert page.locator("#content > h2").evaluate(HEADLINE_UNCOVERED) == []
    form_width = page.locator(".field-headline").bounding_box()["width"]
    assert headline.bounding_box()["width"] >= 0.6 * form_width
    # The object tools (Preview, Revisions, History) sit above the form, not over it.
    tools = page.locator(".object-tools").bounding_box()
    assert tools["y"] + tools["height"] <= headline.bounding_box()["y"]
    assert page.get_by_text("Ctrl-Click").count() == 0
    assert_clean(page, assert_no_axe_violations)
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, f"change-form-{width}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_import_page_is_accessible(
    live_server, browser, office, width, assert_no_axe_violations
):
    page = signed_in_page(browser, live_server, office["writer"], width=width)
    page.get_by_role("link", name="Import a release").click()
    page.wait_for_selector("form")
    assert_clean(page, assert_no_axe_violations)
    page.context.close()


def test_a_queued_import_page_follows_the_import_to_its_draft(
    live_server, browser, office, assert_no_axe_violations
):
    """The page of an import waiting for the worker updates itself (static script, no inline
    one) and shows the draft once the worker has made it."""
    job = ImportJob.objects.create(
        created_by=office["writer"], file_name="clinic.txt", data=RELEASE.encode()
    )
    page = signed_in_page(browser, live_server, office["writer"], width=1280)
    page.goto(f"{live_server.url}/admin/articles/article/import/{job.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Queued.")
    assert_clean(page, assert_no_axe_violations)
    queued.run_import(job.pk)  # the worker's turn
    expect(page.get_by_role("link", name="Open the new draft")).to_be_visible(timeout=15_000)
    assert_clean(page, assert_no_axe_violations)
    page.context.close()


def test_an_embargo_link_is_copied_with_one_click(
    live_server, browser, office, assert_no_axe_violations
):
    cleared = release_in_state("cleared", headline="Cadets graduate on Friday")
    page = signed_in_page(browser, live_server, office["authority"], width=1280)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/admin/articles/article/{cleared.pk}/embargo/")
    page.fill("#id_label", "Wire services")
    page.get_by_role("button", name="Create link").click()
    link = page.locator("#new-link").input_value()
    page.get_by_role("button", name="Copy link").click()
    # The clipboard write resolves asynchronously: wait for the status it announces.
    expect(page.locator("#new-link-status")).to_have_text("Copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert_clean(page, assert_no_axe_violations)
    page.context.close()
