"""The public site in Chromium: WCAG 2.1 A/AA with axe-core in English and Spanish, at phone
and desktop widths; the USWDS scripts work under the site's strict CSP; no cookies."""

import pytest

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}

PAGES = {
    "home": "/",
    "article": "/releases/avery-and-castrellon-outline-next-phase-of-security-cooperation/",
    "person": "/people/thomas-avery/",
    "contact": "/contact/",
    "organization": "/organizations/joint-task-force-isthmus/",
    "initiative": "/initiatives/jungle-operations-training-course/",
    "search results": "/search/?q=training",
    "not found": "/no-such-page/",
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_wcag_violations(
    site, open_page, assert_no_axe_violations, language, viewport
):
    prefix = "" if language == "en" else "/es"
    for name, path in PAGES.items():
        page = open_page(site + prefix + path, viewport)
        assert page.locator("html").get_attribute("lang") == language, name
        assert page.locator("h1").count() == 1, name
        assert_no_axe_violations(page)
        # Static pages and 404s log nothing; a CSP violation would show up here.
        assert not [error for error in page.console_errors if "404" not in error], name


def test_menu_banner_and_language_switch_work_and_set_no_cookie(site, open_page):
    page = open_page(site + PAGES["article"], PHONE)
    # The official-site banner expands (USWDS JavaScript runs under the strict CSP).
    page.get_by_role("button", name="Here’s how you know").click()
    assert page.locator("#gov-banner").is_visible()
    # The phone menu opens and lists the kinds of release.
    page.get_by_role("button", name="Menu").click()
    assert page.locator(".usa-nav").is_visible()
    page.get_by_role("button", name="Releases").click()
    assert page.get_by_role("link", name="Press releases").is_visible()
    # Switching to Spanish is a link to the /es/ address of the same page, not a cookie.
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(site + "/es" + PAGES["article"])
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.context.cookies() == []


def test_search_from_the_header(site, open_page):
    page = open_page(site + "/", DESKTOP)
    page.get_by_role("searchbox", name="Search releases").fill("jungle")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=jungle")
    assert page.locator("mark").first.inner_text().lower() == "jungle"
    assert page.context.cookies() == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_imported_transcript_has_no_wcag_violations(
    transactional_db, live_server, open_page, assert_no_axe_violations, viewport
):
    from pathlib import Path

    from articles.models import Article
    from importers import parse_file
    from importers.drafts import create_draft

    path = Path(__file__).resolve().parents[1] / "corpus" / "05-transcript-secdef-minister.txt"
    article = create_draft(parse_file(path.name, path.read_bytes())).article
    Article.objects.filter(pk=article.pk).update(status="published")
    page = open_page(live_server.url + article.get_absolute_url(), viewport)
    assert page.locator(".newsroom-turn").count() == 8
    assert_no_axe_violations(page)
    assert not page.console_errors
