"""What the search form narrows releases by (public.forms.SearchForm), and what that means for a
release. The list of filtered releases (an ORM query, public.search.filtered) and the search
index (public.search_engine.ranked) both read it here, so "released on or before 31 January"
means the same moment on both: the end of that day in the site's time zone."""

import dataclasses
import datetime
import functools

from django.utils import timezone


@dataclasses.dataclass(frozen=True)
class ReleaseFilters:
    """A kind of release (ArticleKind's value) and a range of release days, each optional."""

    kind: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None

    def __bool__(self):
        return bool(self.kind or self.start or self.end)

    # Worked out once per search: both the index's query and the list's lookups read them.
    @functools.cached_property
    def released_from(self):
        """The first moment of the range (inclusive), or None."""
        return _day_start(self.start) if self.start else None

    @functools.cached_property
    def released_before(self):
        """The first moment after the range (exclusive), or None."""
        return _day_start(self.end + datetime.timedelta(days=1)) if self.end else None

    def lookups(self):
        """The filters as Article field lookups."""
        lookups = {
            "kind": self.kind,
            "release_at__gte": self.released_from,
            "release_at__lt": self.released_before,
        }
        return {name: value for name, value in lookups.items() if value}


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
