"""Numbers inside messages."""

from django.utils.formats import number_format


def grouped(**numbers):
    """`numbers` formatted for a message, with the active language's thousands separator
    ("250,000", "250.000"): `_("… %(size)s …") % grouped(size=size)`."""
    return {name: number_format(value, force_grouping=True) for name, value in numbers.items()}
