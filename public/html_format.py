"""format_html() and format_html_join() for the public pages built in Python on every request.

The same rules as django.utils.html's: a value that gives its own HTML (`__html__()`: a
SafeString, a form's bound field) goes in as it gives it; a lazy translation is made a string
first; anything else is made a string and escaped as django.utils.html.escape() escapes it
(html.escape(), quotes included). The result is a SafeString.

Django's escapes each value through `keep_lazy`'s wrapper, which looks through every argument
for a lazy string before each call: 8.4 µs for a three-value format_html() against 2.4 µs here
on the shared bench machine. A release page built afresh makes some 90 such calls and a search
page some 60: this module took 2 to 5% off the release's CPU (bench/README.md, seventh round).
The staff admin keeps Django's: its pages are not built per reader.
"""

import html
from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe


def escaped(value):
    """`value` as HTML: its own when it has some, else escaped."""
    if isinstance(value, Promise):
        value = str(value)
    own_html = getattr(value, "__html__", None)
    if own_html is not None:
        return own_html()
    return html.escape(str(value))


def format_html(format_string, *args, **kwargs):
    """`format_string` (HTML) with each value escaped(): django.utils.html.format_html()."""
    if kwargs:
        kwargs = {name: escaped(value) for name, value in kwargs.items()}
    elif not args:
        raise TypeError("format_html() formats values: give it some, or use mark_safe()")
    return SafeString(format_string.format(*map(escaped, args), **kwargs))


def format_html_join(sep, format_string, args_generator):
    """format_html(format_string, *args) (or **args, for a mapping) for each of
    `args_generator`, joined by `sep`: django.utils.html.format_html_join()."""
    return SafeString(
        escaped(sep).join(
            format_html(format_string, **args)
            if isinstance(args, Mapping)
            else format_html(format_string, *args)
            for args in args_generator
        )
    )


def as_written(message, **values):
    """A translated `message` as {% translate %} and {% blocktranslate %} write it: the
    catalog's text is the page's own, as a template's is, so it goes in as it is (a Spanish
    "quotation" stays so); only the `values` put in it are escaped."""
    if values:
        message = message % {name: escaped(value) for name, value in values.items()}
    return mark_safe(message)
