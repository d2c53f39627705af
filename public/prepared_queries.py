"""Reader-side queries whose SQL the ORM builds once per process, run with each request's values.

The pages and feeds that come from the release cache on almost every request cost little more
than their one query, and building that query with the ORM (filters, subqueries, compiling the
SQL) took longer than PostgreSQL took to run it. A query whose shape never changes is built once,
with stand-ins (values no request can carry) where a request's own go, and each request runs the
SQL with its values in the stand-ins' places.
"""

import datetime
import functools

from django.db import connection

# A stand-in for the present: the first moment of year 1.
NOW = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)


class PreparedQuery:
    """build(*stand_ins) (a QuerySet), compiled on first use; run(*values) reads its model's
    objects, annotations included, with each value where its stand-in was."""

    def __init__(self, build, *stand_ins):
        self._build = build
        self._stand_ins = stand_ins

    @functools.cached_property
    def _statement(self):
        queryset = self._build(*self._stand_ins)
        return queryset.model, *queryset.query.sql_with_params()

    def run(self, *values):
        model, sql, params = self._statement
        places = [
            (_adapted(stand_in), _adapted(value))
            for stand_in, value in zip(self._stand_ins, values, strict=True)
        ]
        return model.objects.raw(
            sql,
            [
                next((value for stand_in, value in places if param == stand_in), param)
                for param in params
            ],
        )


def _adapted(value):
    # Times are in the compiled parameters as the database backend adapts them.
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value
