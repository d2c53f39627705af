"""The office's time zone (settings.TIME_ZONE) as staff and readers see it named."""

from django.utils import timezone


def zone_label(moment=None):
    """The zone's name with its abbreviation at `moment` (now by default), e.g.
    “America/Panama (EST)”; the abbreviation alone where the name is it (“UTC”)."""
    zone = timezone.get_current_timezone()
    name = timezone.get_current_timezone_name()
    abbreviation = timezone.localtime(moment or timezone.now(), zone).tzname()
    return name if abbreviation == name else f"{name} ({abbreviation})"
