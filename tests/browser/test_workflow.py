"""Three officers take a release from draft to the public site in a real browser: a writer
submits it, one release authority clears it, another publishes it."""

from articles import roles
from articles.models import Article, ArticleStatus, StateChange
from tests.browser.conftest import signed_in_page, wait_for_release_proof
from tests.factories import UserFactory


def log_in(browser, live_server, user):
    return signed_in_page(browser, live_server, user, width=1280)


def status_heading(page):
    return page.locator("#workflow-heading").inner_text()


def test_writer_submits_one_authority_clears_another_publishes(
    live_server, browser, assert_no_axe_violations, editorial_roles
):
    writer = UserFactory(username="writer", roles=[roles.WRITER])
    clearing = UserFactory(username="authority-a", roles=[roles.RELEASE_AUTHORITY])
    publishing = UserFactory(username="authority-b", roles=[roles.RELEASE_AUTHORITY])

    page = log_in(browser, live_server, writer)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_headline", "Engineers finish clinic in Darién")
    page.fill("#id_summary", "A new rural clinic opens in Yaviza.")
    page.fill("#id_dateline", "YAVIZA, Panama")
    page.fill("#id_release_at_0", "2030-01-15")
    page.fill("#id_release_at_1", "09:00:00")
    page.click("input[name=_continue]")
    page.wait_for_selector("#workflow-heading")
    assert status_heading(page) == "Status: Draft"
    assert page.locator(".workflow-actions a").all_inner_texts() == ["Submit for review"]
    page.click(".workflow-actions a >> text=Submit for review")
    page.click("input[type=submit][value='Submit for review']")
    page.wait_for_selector(".messagelist")
    assert status_heading(page) == "Status: In review"
    assert "only editors can change it" in page.locator(".workflow-panel").inner_text()
    page.context.close()

    page = log_in(browser, live_server, clearing)
    article = Article.objects.get()
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    assert page.locator(".workflow-actions a").all_inner_texts() == [
        "Return to draft",
        "Clear for release",
    ]
    page.click(".workflow-actions a >> text=Clear for release")
    assert_no_axe_violations(page, context="#content-main")
    page.click("input[type=submit][value='Clear for release']")
    assert page.locator(".errorlist").first.inner_text().startswith("Confirm every item")
    wait_for_release_proof(page)
    for box in page.locator("input[name=checklist]").all():
        box.check()
    page.click("input[type=submit][value='Clear for release']")
    page.wait_for_selector(".messagelist")
    assert status_heading(page) == "Status: Cleared"
    assert "Cleared by" in page.locator(".workflow-clearance").inner_text()
    page.context.close()

    page = log_in(browser, live_server, publishing)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    page.click(".workflow-actions a >> text=Publish or schedule")
    assert_no_axe_violations(page, context="#content-main")
    page.check("input[name=when][value=now]")
    page.click("input[type=submit][value='Publish or schedule']")
    page.wait_for_selector(".messagelist")
    assert "Published: the release is on the site now." in page.locator(".messagelist").inner_text()
    assert status_heading(page) == "Status: Published"
    page.context.close()

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    log = StateChange.objects.order_by("at", "pk").values_list("action", "user__username")
    assert list(log) == [
        ("submitted", "writer"),
        ("cleared", "authority-a"),
        ("published", "authority-b"),
    ]
    reader = browser.new_context(locale="en-US").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator("h1").inner_text() == "Engineers finish clinic in Darién"
    assert_no_axe_violations(reader)
    reader.context.close()
