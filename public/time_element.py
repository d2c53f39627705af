"""A <time> element: the moment in the active time zone, for machines (ISO 8601) and for
readers (a format of the active language)."""

from django.utils import timezone
from django.utils.formats import date_format

from public.html_format import format_html


def time_element(moment, format_name):
    """<time> of `moment` written as `format_name` says ("DATE_FORMAT", "DATETIME_FORMAT");
    nothing for no moment."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(),  # what the date filter's "c" writes
        date_format(local, format_name),
    )
