"""VIRIN: the DoD Visual Information Record Identification Number (DoDI 5040.02).

YYMMDD-X-XXXXX-XXXX: the day the photo was taken, the originator's service letter, the
photographer's VISION ID, and the day's sequence number (three digits in older VIRINs). A fifth
field, the ISO country code, follows for foreign photographers.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIRIN_PATTERN = re.compile(
    r"^(?P<date>\d{6})-[A-Z]-[A-Z0-9]{5}-\d{3,4}(?:-[A-Z]{3})?$", flags=re.IGNORECASE
)


def virin_date(virin):
    """The date a VIRIN encodes, or None when it is not a real calendar day."""
    match = VIRIN_PATTERN.match(virin.strip())
    if not match:
        return None
    try:
        return datetime.datetime.strptime(match["date"], "%y%m%d").date()
    except ValueError:
        return None


def validate_virin(value):
    if not VIRIN_PATTERN.match(value.strip()):
        raise ValidationError(
            _(
                "Enter the VIRIN as YYMMDD-X-XXXXX-XXXX, for example 250314-A-AB123-1001: "
                "date taken, service letter, VISION ID, sequence number."
            ),
            code="virin_format",
        )
    if virin_date(value) is None:
        raise ValidationError(
            _("The first part of the VIRIN must be the date taken as YYMMDD, e.g. 250314."),
            code="virin_date",
        )
