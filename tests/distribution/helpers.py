import datetime
import re

import time_machine
from django.utils import timezone

from distribution import tokens


def aged_form_token():
    """A form token as if the page had been served a minute ago (a fresh one is refused as
    sent too quickly)."""
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=1), tick=False):
        return tokens.form_token()


def subscribe_data(email="reporter@example.org", alerts="all", language="en", **extra):
    return {
        "email": email,
        "alerts": alerts,
        "language": language,
        "website": "",
        "form_token": aged_form_token(),
        **extra,
    }


def link_path(text, name):
    """The path of the first /alerts/<name>/… link in a message's text."""
    match = re.search(rf"https?://[^/\s]+(/(?:es/)?alerts/{name}/[^\s]+/)", text)
    assert match, f"no {name} link in:\n{text}"
    return match.group(1)
