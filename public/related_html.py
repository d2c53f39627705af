"""A release page's "Related releases" section, as HTML built in Python.

It is filled into the stored page on every request (public.rendering), whether the page came
from the release cache or not, so it is written with format_html rather than a template.
"""

from django.utils.translation import gettext as _

from public.html_format import format_html, format_html_join
from public.time_element import time_element


def related_releases_html(related):
    """The section listing `related` (public.topics' release Topics), or nothing for none."""
    if not related:
        return ""
    return format_html(
        '\n<section class="newsroom-related" aria-labelledby="related-heading">\n'
        '  <h2 id="related-heading">{}</h2>\n'
        '  <ul class="usa-list--unstyled newsroom-related-list">\n    {}\n  </ul>\n'
        "</section>\n",
        _("Related releases"),
        format_html_join(
            "\n    ",
            '<li><a href="{}">{}</a> <span class="newsroom-meta">· {} · {}</span></li>',
            (_item(release) for release in related),
        ),
    )


def _item(release):
    return (
        release.get_absolute_url(),
        release.name,
        release.get_kind_display(),
        time_element(release.released, "DATE_FORMAT"),
    )
