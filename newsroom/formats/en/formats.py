"""English formats: Django's, with every date-and-time naming its zone (“4:00 p.m. EST”),
since an office and its readers may be anywhere."""

from django.conf.locale.en.formats import *  # noqa: F403

DATETIME_FORMAT = "N j, Y, g:i a T"
SHORT_DATETIME_FORMAT = "m/d/Y g:i a T"
