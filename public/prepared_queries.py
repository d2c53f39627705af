"""Reader-side queries whose SQL the ORM builds once per process, run with each request's values.

The pages and feeds whose content comes from the per-release caches cost little more than their
queries, and building a query with the ORM (filters, subqueries, compiling the SQL) took longer
than PostgreSQL took to run it. A query whose shape never changes is built once, with stand-ins
(values no request can carry) where a request's own go, and each request runs the SQL with its
values in the stand-ins' places. A paginated list (PreparedList) puts its page's bounds in too.
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

    @property
    def model(self):
        return self._statement[0]

    def sql(self, *values):
        """(SQL, parameters) with each value where its stand-in was."""
        _model, sql, params = self._statement
        places = [
            (_adapted(stand_in), _adapted(value))
            for stand_in, value in zip(self._stand_ins, values, strict=True)
        ]
        return sql, [
            next((value for stand_in, value in places if param == stand_in), param)
            for param in params
        ]

    def run(self, *values):
        return self.model.objects.raw(*self.sql(*values))


class PreparedList:
    """A paginated list: build(*stand_ins) (an ordered QuerySet) and its count, each built once;
    rows(*values) gives django.core.paginator.Paginator a request's list, whose page's bounds
    go in as parameters, as LIMIT and OFFSET."""

    def __init__(self, build, *stand_ins):
        self._listed = PreparedQuery(build, *stand_ins)
        self._counted = PreparedQuery(
            lambda *values: build(*values).order_by().values("pk"), *stand_ins
        )

    def rows(self, *values):
        return _Rows(self._listed, self._counted, values)


class _Rows:
    def __init__(self, listed, counted, values):
        self._listed, self._counted, self._values = listed, counted, values

    def count(self):
        sql, params = self._counted.sql(*self._values)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
            return cursor.fetchone()[0]

    def __getitem__(self, bounds):
        sql, params = self._listed.sql(*self._values)
        limit = bounds.stop - bounds.start
        return list(
            self._listed.model.objects.raw(
                f"{sql} LIMIT %s OFFSET %s", [*params, limit, bounds.start]
            )
        )


def _adapted(value):
    # Times are in the compiled parameters as the database backend adapts them.
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value
