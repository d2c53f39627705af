"""The federal Digital Analytics Program snippet: off by default (no script, no Google origins
in the policy, "no analytics" on the privacy page); on with an agency code, the script, the
origins it needs and the privacy page's account of its cookies follow the setting."""

import pytest

from newsroom.analytics import dap_script_url, with_dap

pytestmark = pytest.mark.django_db

DAP_TAG = '<script async id="_fed_an_ua_tag" src="https://dap.digitalgov.gov/'


@pytest.fixture
def dap_on(settings):
    settings.DAP_SCRIPT_URL = dap_script_url(agency="DOD", subagency="JTF")
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": with_dap(
            settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], script_url=settings.DAP_SCRIPT_URL
        )
    }


def test_off_by_default_no_script_no_google_origins_and_no_cookies(client):
    home = client.get("/")
    assert DAP_TAG not in home.content.decode()
    assert "google" not in home["Content-Security-Policy"]
    assert not home.cookies
    privacy = client.get("/privacy/").content.decode()
    assert "uses no analytics" in privacy
    assert "Digital Analytics Program" not in privacy


def test_on_every_page_loads_dap_and_the_policy_and_privacy_page_follow(client, dap_on):
    home = client.get("/")
    html = home.content.decode()
    assert (
        DAP_TAG + 'Universal-Federated-Analytics-Min.js?agency=DOD&amp;subagency=JTF"></script>'
    ) in html
    policy = home["Content-Security-Policy"]
    assert "script-src 'self' https://dap.digitalgov.gov https://www.googletagmanager.com" in policy
    assert "https://*.google-analytics.com" in policy.split("connect-src")[1].split(";")[0]
    # The server still sets nothing; the cookies are DAP's, set by its script in the browser,
    # and the privacy page says so.
    assert not home.cookies
    privacy = client.get("/privacy/").content.decode()
    assert "Digital Analytics Program" in privacy
    assert "analytics cookies" in privacy
    assert "uses no analytics" not in privacy
