"""An officer builds a release in the real admin, in Chromium, and sees it on the site."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from tests.factories import PersonFactory
from tests.signing_in import browser_sign_in

PASSWORD = "correct horse battery staple"


def log_in(page, live_server):
    user = get_user_model().objects.create_superuser("pao", "pao@example.mil", PASSWORD)
    browser_sign_in(page, live_server.url, user, PASSWORD)


def add_block_with_keyboard(page, title):
    """Add a block at the end of the body using only the keyboard."""
    target = page.locator(".order-machine-insert-target.last")
    target.wait_for()
    # The keyboard script upgrades content-editor's targets once the editor has built them.
    page.wait_for_function(
        "document.querySelector('.order-machine-insert-target.last').tabIndex === 0"
    )
    target.focus()
    page.keyboard.press("Enter")
    button = page.locator(".plugin-buttons .plugin-button", has_text=title)
    button.focus()
    page.keyboard.press("Enter")


def choose_autocomplete(page, inline, text):
    inline.locator(".select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


@pytest.mark.django_db(transaction=True)
def test_officer_builds_reorders_and_publishes_a_release(live_server, page):
    PersonFactory(
        service="U.S. Army",
        rank="Sgt. 1st Class",
        given_name="Travis",
        family_name="Quinn",
        title="a senior instructor with the Jungle Operations Training Course",
    )
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/articles/article/add/")

    page.fill("#id_headline", "Engineers finish clinic in Darién")
    page.fill("#id_summary", "A new rural clinic opens.")
    page.fill("#id_dateline", "YAVIZA, Panama")
    page.fill("#id_release_at_0", "2026-01-15")
    page.fill("#id_release_at_1", "09:00:00")

    add_block_with_keyboard(page, "Rich text")
    richtext = page.locator("#articles_richtext_set-0")
    richtext.locator("[contenteditable=true]").click()
    page.keyboard.type("The clinic opened on Monday.")

    add_block_with_keyboard(page, "Quote")
    quote = page.locator("#articles_quote_set-0")
    choose_autocomplete(page, quote, "Quinn")
    quote.locator("textarea[name$='-text']").fill("We built it together.")

    add_block_with_keyboard(page, "Initiative table")
    table = page.locator("#articles_initiativetable_set-0")
    table.locator("input[name$='-caption']").fill("Projects")
    table.locator("input[name$='-headings_text']").fill("Initiative | Objectives")
    table.locator("textarea[name$='-rows_text']").fill("Water Wells | Drill two wells")

    # Move the table above the quote with the keyboard, then save.
    table.locator(".block-move-up").focus()
    page.keyboard.press("Enter")
    assert page.locator("#block-order-status").inner_text() == "Moved to position 2 of 3."
    page.click("input[name=_save]")
    # content-editor appends its editor state (#region=…) to the redirect.
    page.wait_for_url(lambda url: urlsplit(url).path == "/admin/articles/article/")
    assert page.locator(".messagelist").inner_text().count("Water Wells") == 1

    # Review, clearance and publishing are tested in test_workflow.py; here, just release it.
    Article.objects.update(status="published")
    article = Article.objects.get()
    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".newsroom-body")
    html = body.inner_html()
    assert (
        html.index("The clinic opened on Monday.")
        < html.index("<caption>Projects</caption>")
        < html.index("We built it together.")
    )
    assert body.locator("cite").inner_text() == (
        "U.S. Army Sgt. 1st Class Travis Quinn, "
        "a senior instructor with the Jungle Operations Training Course"
    )
