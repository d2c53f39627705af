"""Fixtures for browser tests: Playwright (sync API) driving Debian's chromium.

Browsers cannot be downloaded here, so ``playwright install`` is never used:
``scripts/install-chromium.sh`` installs Debian's ``chromium`` package and the
tests drive ``/usr/bin/chromium`` through ``executable_path``.

Without chromium or playwright the browser tests are skipped with the reason,
except under ``CI=true``, where a missing browser is an error: a CI run must
never pass by silently skipping its accessibility checks.

Usage::

    def test_home_page_is_accessible(live_server, page, assert_no_axe_violations):
        page.goto(live_server.url + "/")
        assert_no_axe_violations(page)
"""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps

from tests.demo_site import seed_demo_site
from tests.signing_in import browser_sign_in

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Debian's chromium misbehaves in containers without these:
# no sandbox (we run as root), no GPU, and no calls home (updates, sync, field
# trials) because only loopback addresses may be contacted.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# What the public site is held to: WCAG 2.1 A and AA (Section 508 requires 2.0 AA).
AXE_WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

BROWSER_TESTS_DIR = Path(__file__).resolve().parent

# The factories' password (tests.factories.UserFactory).
PASSWORD = "correct horse battery staple"
# Desktop and phone widths every desk page is tried at; the phone's height is an iPhone's.
VIEWPORTS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}


def _unavailable(reason):
    """Skip locally; fail under CI, where a missing browser is a broken setup."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        'browser: drives a real browser (Playwright + chromium); deselect with -m "not browser"',
    )


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser as ``browser`` and run them last.

    This hook runs after pytest-django's reordering (which is ``tryfirst``) and
    before pytest's ``-m`` deselection, so ``-m "not browser"`` sees the marker.
    Running browser tests last means no other test runs while Playwright's
    event loop is alive (see ``_playwright`` below).
    """
    browser_items, other_items = [], []
    for item in items:
        if BROWSER_TESTS_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            browser_items.append(item)
        else:
            other_items.append(item)
    items[:] = other_items + browser_items


@pytest.fixture(scope="session")
def _playwright():
    """Start Playwright's sync API, with Django's async-safety guard relaxed.

    Playwright's sync API runs an asyncio event loop in the test thread from
    start() to stop(). Django's ORM refuses to run in a thread with a running
    event loop (SynchronousOnlyOperation) because that usually means sync code
    called from a coroutine. Here it does not: test data setup, the test body
    and pytest-django's flush after a ``live_server`` test are plain synchronous
    code that never runs inside that loop, so the guard is a false positive.
    DJANGO_ALLOW_ASYNC_UNSAFE switches it off; Django reads it on every ORM call,
    so it is set exactly while the loop runs and restored afterwards, and it is
    only set when a browser test actually starts Playwright (not by merely
    importing this conftest, e.g. under ``-m "not browser"``).
    """
    if not Path(CHROMIUM_PATH).exists():
        _unavailable(f"chromium not found at {CHROMIUM_PATH}: run scripts/install-chromium.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    playwright = sync_playwright().start()
    try:
        yield playwright
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser(_playwright):
    """One headless Debian chromium for the whole session.

    ``launch()`` gives chromium a fresh temporary ``--user-data-dir`` of its own
    (Playwright creates and deletes it; passing ``--user-data-dir`` in ``args``
    is refused by Playwright), and each test gets its own context (``page``).
    """
    try:
        browser = _playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            headless=True,
            args=CHROMIUM_ARGS,
        )
    except Exception as exc:  # playwright.sync_api.Error, TimeoutError
        _unavailable(f"chromium at {CHROMIUM_PATH} did not start: {exc}")
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context: no cookies or storage leak between tests."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _format_axe_violations(violations):
    lines = [f"{len(violations)} accessibility violation(s) (axe-core, WCAG 2.1 A/AA):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'unknown impact'}]: "
            f"{violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            # A target is a list of selectors; more than one means inside iframes/shadow DOM.
            target = " >> ".join(
                sel if isinstance(sel, str) else " ".join(sel) for sel in node["target"]
            )
            lines.append(f"    at {target}")
    return "\n".join(lines)


@pytest.fixture
def assert_no_axe_violations():
    """Return ``check(page, context=None)``: run axe-core, fail listing every violation.

    ``context`` is an optional CSS selector (or axe context dict) to limit the
    check to part of the page. axe-playwright-python bundles axe-core and
    injects it with ``page.evaluate``, so it works offline and is not blocked
    by the site's Content-Security-Policy.
    """
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable(
            "the axe-playwright-python package is not installed (pip install axe-playwright-python)"
        )
    axe = Axe()
    options = {
        "runOnly": {"type": "tag", "values": AXE_WCAG_TAGS},
        "resultTypes": ["violations"],
    }

    def check(page, context=None):
        # axe-core checks frames itself when its script is in them too (the release proof).
        for frame in page.frames[1:]:
            frame.evaluate(axe.axe_script)
        results = axe.run(page, context=context, options=options)
        violations = results.response["violations"]
        if violations:
            pytest.fail(_format_axe_violations(violations), pytrace=False)

    return check


@pytest.fixture
def editorial_roles(transactional_db):
    """The groups come from a data migration, and a live-server test may start from a flushed
    database: create them again with the migration's own code."""
    importlib.import_module("articles.migrations.0004_create_roles").create_roles(apps, None)


def signed_in_page(browser, live_server, user, *, width):
    """A fresh browser session for `user`, signed in to the admin, at `width` px."""
    context = browser.new_context(locale="en-US", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    browser_sign_in(page, live_server.url, user, PASSWORD)
    return page


RELEASE_PROOF_FITTED = """() => [...document.querySelectorAll(".release-proof__frame")].every(
    (frame) => {
        const doc = frame.contentDocument
        return doc && doc.readyState === "complete" && doc.fonts.status === "loaded"
            && [...doc.images].every((image) => image.complete)
            && frame.clientHeight >= doc.documentElement.scrollHeight
    })"""


def wait_for_release_proof(page):
    """Wait until the release proof above the clearance form has loaded and grown to its page's
    height. Until then everything below it moves down as it grows, and a click aimed at a
    checkbox can land on the page beside it ("clicking the checkbox did not change its state")."""
    page.wait_for_function(RELEASE_PROOF_FITTED)


@pytest.fixture
def save_screenshot():
    """Return ``save(page, name)``: under ``make screenshots`` (SCREENSHOTS_DIR set) keep a
    PNG of what the page shows for the README; otherwise nothing."""
    directory = os.environ.get("SCREENSHOTS_DIR")

    def save(page, name):
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(directory) / f"{name}.png"))

    return save


@pytest.fixture
def site(transactional_db, live_server):
    """The demo content of `manage.py seed_demo` (with its photos) on a live server."""
    seed_demo_site()
    return live_server.url


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport) -> a page that records console errors (CSP violations)."""
    contexts = []

    def open_(url, viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()
