"""The federal Digital Analytics Program (GSA's DAP, Google Analytics 4 underneath), as an
option: its script address for an agency code, and the Content-Security-Policy it needs.

Settings call these once at start-up; off (no agency code) the policy is left as it is.
"""

from urllib.parse import urlencode

DAP_SCRIPT = "https://dap.digitalgov.gov/Universal-Federated-Analytics-Min.js"
# The origins DAP's documentation lists: its own script and the GA4 library it loads, and
# where GA4 sends its measurements.
DAP_SOURCES = {
    "script-src": ["https://dap.digitalgov.gov", "https://www.googletagmanager.com"],
    "connect-src": [
        "https://*.google-analytics.com",
        "https://*.analytics.google.com",
        "https://www.googletagmanager.com",
    ],
    "img-src": ["https://*.google-analytics.com", "https://www.googletagmanager.com"],
}


def dap_script_url(*, agency, subagency=""):
    """DAP's script address for this agency (and sub-agency), or "" when DAP is off."""
    if not agency:
        return ""
    query = {"agency": agency} | ({"subagency": subagency} if subagency else {})
    return f"{DAP_SCRIPT}?{urlencode(query)}"


def with_dap(directives, *, script_url):
    """`directives` (django-csp's DIRECTIVES) with DAP's origins added when DAP is on."""
    if not script_url:
        return directives
    return {name: [*values, *DAP_SOURCES.get(name, [])] for name, values in directives.items()}
