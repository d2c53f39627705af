"""The office's time zone, named wherever a time is shown or typed."""

from django import template

from articles.zones import zone_label

register = template.Library()


@register.simple_tag
def office_zone():
    """“America/Panama (EST)”: the zone's name and its abbreviation now."""
    return zone_label()
