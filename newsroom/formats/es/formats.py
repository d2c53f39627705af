"""Spanish formats: Django's, with every date-and-time naming its zone (“16:00 EST”)."""

from django.conf.locale.es.formats import *  # noqa: F403

DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s H:i T"
SHORT_DATETIME_FORMAT = "d/m/Y H:i T"
