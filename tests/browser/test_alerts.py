"""The e-mail alert pages in Chromium: WCAG 2.1 A/AA with axe in English and Spanish at phone
and desktop widths, and subscribing by the form sets no cookie."""

import os

import pytest
from django.utils import timezone

from distribution import tokens
from distribution.models import Subscriber, Subscription

from .test_public_site import DESKTOP, PHONE

SCREENSHOTS = os.environ.get("NEWSROOM_SCREENSHOTS")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_alert_pages_have_no_wcag_violations(
    site, open_page, assert_no_axe_violations, language, viewport
):
    subscriber = Subscriber.objects.create(
        email="desk@example.org", language=language, confirmed_at=timezone.now()
    )
    Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now())
    prefix = "" if language == "en" else "/es"
    pages = {
        "subscribe": "/alerts/",
        "manage": f"/alerts/manage/{tokens.link_token(subscriber, tokens.MANAGE)}/",
        "unsubscribe": f"/alerts/unsubscribe/{tokens.link_token(subscriber, tokens.UNSUBSCRIBE)}/",
    }
    for name, path in pages.items():
        page = open_page(site + prefix + path, viewport)
        assert page.locator("html").get_attribute("lang") == language, name
        assert page.locator("h1").count() == 1, name
        assert_no_axe_violations(page)
        if SCREENSHOTS:
            page.screenshot(
                path=f"{SCREENSHOTS}/alerts-{name}-{language}-{viewport['width']}.png",
                full_page=True,
            )


def test_subscribing_in_the_browser_sets_no_cookie(site, open_page, assert_no_axe_violations):
    page = open_page(site + "/alerts/", PHONE)
    page.get_by_label("E-mail address").fill("reader@example.org")
    page.get_by_label("Send me").select_option(label="Statement")
    page.wait_for_timeout(2100)  # a form sent sooner is taken for a bot's
    page.get_by_role("button", name="Subscribe").click()
    assert page.locator("h1").inner_text() == "Check your inbox"
    assert_no_axe_violations(page)
    assert page.context.cookies() == []
    assert Subscription.objects.get().kind == "statement"
