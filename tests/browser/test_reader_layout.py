"""What a reader sees, at phone (390 px) and desktop (1280 px) widths, on the demo content with
its photos: the home page, a release with wide initiative tables, a person with a portrait and
a release's photo gallery, and the release list filtered by a person (its filter form open).
Each page is screenshotted (into $SCREENSHOT_DIR when set, to look
at), checked with axe (WCAG 2.1 A/AA) and checked that nothing is cut off: no sideways
scrolling, every table cell inside its table, every caption in view.
"""

import mimetypes
import os
from pathlib import Path

import pytest
from django.conf import settings

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
WIDE_TABLE_RELEASE = "/releases/avery-and-castrellon-outline-next-phase-of-security-cooperation/"
PAGES = {
    "home": "/",
    "release": WIDE_TABLE_RELEASE,
    "person": "/people/thomas-avery/",
    "gallery": "/releases/border-units-complete-first-combined-jungle-course-in-darien/photos/",
    "release-list": "/releases/?person=thomas-avery",
}


def _serve_media(route):
    """/media/ from MEDIA_ROOT, as nginx does in production (Django serves it only in DEBUG)."""
    path = Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1].split("?")[0]
    if not path.is_file():
        route.fulfill(status=404)
        return
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    route.fulfill(status=200, body=path.read_bytes(), headers={"Content-Type": content_type})


@pytest.fixture
def reader(browser, tmp_path):
    """reader(path_url, viewport, name) -> the page, fully loaded and screenshotted."""
    contexts = []
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    def open_(url, viewport, name):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.route("**/media/**", _serve_media)
        page.goto(url)
        # Scroll through so lazy photos load before the screenshot.
        page.evaluate(
            "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) "
            "{ window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); } "
            "window.scrollTo(0, 0); }"
        )
        page.wait_for_load_state("networkidle")
        page.screenshot(path=shots / f"{name}-{viewport['width']}.png", full_page=True)
        return page

    yield open_
    for context in contexts:
        context.close()


def _cut_off(page):
    """Elements that stick out: the page wider than the window, table cells outside their
    table, captions outside the window, photos that did not load."""
    return page.evaluate(
        """() => {
        const problems = [];
        const width = document.documentElement.clientWidth;
        const pageWidth = document.documentElement.scrollWidth;
        if (pageWidth > width + 1) problems.push(`page scrolls sideways: ${pageWidth} > ${width}`);
        for (const table of document.querySelectorAll('table')) {
            const box = table.getBoundingClientRect();
            // On a phone the column headings are visually hidden (each cell carries its own).
            const hidden = getComputedStyle(table.tHead).position === 'absolute';
            const cells = (hidden ? '' : 'thead th, ') + 'tbody th, tbody td';
            for (const cell of table.querySelectorAll(cells)) {
                const r = cell.getBoundingClientRect();
                const text = cell.textContent.trim().slice(0, 40);
                if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) {
                    problems.push(`cell outside its table: ${text}`);
                }
                if (r.width && r.right > width + 1) problems.push(`cell past the window: ${text}`);
            }
            const caption = table.querySelector('caption').getBoundingClientRect();
            if (caption.right > width + 1 || caption.width === 0) {
                problems.push('caption cut off or hidden');
            }
        }
        for (const img of document.querySelectorAll('main img')) {
            if (!img.complete || !img.naturalWidth) problems.push(`photo not loaded: ${img.src}`);
        }
        return problems;
    }"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reader_pages_fit_the_screen_with_photos_and_pass_axe(
    site, reader, assert_no_axe_violations, viewport
):
    for name, path in PAGES.items():
        page = reader(site + path, viewport, name)
        assert _cut_off(page) == [], name
        assert_no_axe_violations(page)
    home = reader(site + "/", viewport, "home")
    # Every card in the list has its thumbnail; so has each release on a person's page and in
    # search results.
    assert home.locator(".usa-card").count() == 5
    assert home.locator(".usa-card .usa-card__img img").count() == 5
    person = reader(site + PAGES["person"], viewport, "person")
    releases = person.locator("#releases-heading + ul > li")
    assert releases.count() == releases.locator(".newsroom-thumb img").count() > 0
    results = reader(site + "/search/?q=Panama", viewport, "search")
    assert results.locator(".newsroom-result").count() == (
        results.locator(".newsroom-result .newsroom-thumb img").count()
    )
    assert _cut_off(results) == []
    assert_no_axe_violations(results)


def test_on_a_phone_each_table_row_is_a_card_labelled_by_its_column_headings(site, reader):
    page = reader(site + WIDE_TABLE_RELEASE, PHONE, "release-table")
    table = page.locator("table", has_text="Planned activities for the next quarter")
    assert table.locator("caption").is_visible()
    cell = table.locator("td", has_text="Site surveys at four border posts")
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Next milestone"'
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    # Cells wrap rather than run off the screen.
    assert cell.evaluate("td => getComputedStyle(td).whiteSpace") == "normal"


def test_at_desktop_width_a_table_is_a_table_whose_cells_wrap(site, reader):
    page = reader(site + WIDE_TABLE_RELEASE, DESKTOP, "release-table")
    table = page.locator("table", has_text="Lines of effort announced")
    assert table.locator("thead").is_visible()
    row = table.locator("tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    # Two columns fit in the text column: no sideways scrolling of the table.
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")


def test_the_gallery_offers_each_photo_with_its_credit_and_the_zip(site, reader):
    page = reader(site + PAGES["gallery"], DESKTOP, "gallery-links")
    figures = page.locator(".newsroom-gallery figure")
    assert figures.count() == 3
    first = figures.first
    assert "Newsroom demo illustration" in first.inner_text()
    assert "VIRIN" in first.inner_text()
    download = first.get_by_role("link", name="Download high resolution")
    assert "/media/images/downloads/" in download.get_attribute("href")
    archive = page.get_by_role("link", name="Download all 3 photos (zip)")
    assert archive.get_attribute("href").endswith(".zip")
    # From the release, one link leads here.
    release = reader(site + PAGES["gallery"].removesuffix("photos/"), DESKTOP, "release-photos")
    release.get_by_role("link", name="View and download all 3 photos").click()
    release.wait_for_url("**/photos/")


def test_printed_even_on_narrow_paper_a_release_keeps_its_tables_whole(site, reader):
    page = reader(site + WIDE_TABLE_RELEASE, PHONE, "release-print")
    page.emulate_media(media="print")
    table = page.locator("table", has_text="Planned activities for the next quarter")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert table.locator("thead").evaluate("h => getComputedStyle(h).position") == "static"
    cell = table.locator("td").first
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == "none"
    assert cell.evaluate("td => getComputedStyle(td).borderTopStyle") == "solid"
    # No site chrome on paper, and the gallery link is for screens only.
    assert not page.locator(".usa-header").is_visible()
    assert not page.locator(".newsroom-gallery-link").is_visible()
