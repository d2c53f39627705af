"""A press contact's card: on a release (its media contacts), the contact page and a press
contact's own page."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from public.html_format import format_html


def contact_card(person):
    """The person's name (linked to their page), title, organization, e-mail and phone."""
    return format_html(
        '<div class="newsroom-contact">\n'
        '  <p class="margin-y-05 text-bold"><a href="{}">{}</a></p>\n'
        "{}{}{}{}"
        "</div>\n",
        person.get_absolute_url(),
        str(person),
        format_html('  <p class="margin-y-05">{}</p>\n', capfirst(person.title))
        if person.title
        else "",
        format_html('  <p class="margin-y-05">{}</p>\n', person.organization)
        if person.organization
        else "",
        format_html(
            '  <p class="margin-y-05">{}: <a href="mailto:{}">{}</a></p>\n',
            _("E-mail"),
            person.email,
            person.email,
        )
        if person.email
        else "",
        format_html(
            '  <p class="margin-y-05">{}: <a href="tel:{}">{}</a></p>\n',
            _("Phone"),
            person.phone.replace(" ", ""),
            person.phone,
        )
        if person.phone
        else "",
    )
