"""Reads compiled to SQL once per process, then run with new values.

Building and compiling a queryset with subqueries costs Django more than the database's answer:
the quotes of a release, with the rank each speaker held on its date, took ~2.5 ms to build and
compile and 0.6 ms to run. A read that runs on every render (the release page after an edit)
is a `CompiledRead`: its queryset is built and compiled on first use, per database connection,
language and time zone (all can change the SQL), and each later call only swaps in its values
and turns the rows into model instances as Django's own iterable does (related objects of
select_related, annotations, then prefetch_related).

Reads that need nothing of each other can go to the database together (read_together()): on
PostgreSQL one round trip for all of them, which is most of what a small read costs."""

import datetime
import operator
import uuid
from collections import defaultdict
from contextlib import ExitStack
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.models import prefetch_related_objects
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils import timezone, translation


class CompiledRead:
    """`build(*values)` returns a QuerySet of `model` instances or of values_list() tuples;
    calling the CompiledRead with values returns the list that queryset would. Values are ints,
    strings, UUIDs, dates (or None for a date) or datetimes, each reaching the SQL
    as a parameter (adapted as Django adapts them for the database) and never changing its
    shape: no lists, no Python branches on them. The first compilation checks it.

    On PostgreSQL a statement run often is prepared (newsroom/settings/base.py), and after five
    runs PostgreSQL may keep one generic plan for every set of values: a read's best plan must
    not depend on its values."""

    def __init__(self, model, build):
        self._model = model
        self._build = build
        self._compiled = WeakKeyDictionary()

    def __call__(self, *values, limit=None, offset=0):
        """The list the queryset would give; with `limit`, only that many from `offset`."""
        return self._statement(values).run(values, limit=limit, offset=offset)

    def count(self, *values):
        """How many rows the queryset has."""
        return self._statement(values).count(values)

    def bind(self, *values):
        """This read with its values, for read_together()."""
        return _Bound(self, values)

    def _statement(self, values, context=None):
        """The statement for `values` in `context` (_context(), which reads that go together
        share: it is the same for all of them)."""
        using = router.db_for_read(self._model)
        compiled = self._compiled.setdefault(connections[using], {})
        # The values' types can change the SQL: a None date is compiled on its own.
        key = (*(context or _context()), *map(type, values))
        if key not in compiled:
            compiled[key] = _Compiled(self._build, values, using)
        return compiled[key]


def _context():
    """What else can change a read's SQL: the language (a translated name's column) and the
    time zone (the zone of a TruncDate)."""
    return translation.get_language(), timezone.get_current_timezone_name()


class _Bound:
    def __init__(self, read, values):
        self.read, self.values = read, values


def _statements(reads):
    """The statement of each of `reads` (_Bound), in one context."""
    context = _context()
    return [read.read._statement(read.values, context) for read in reads]


def read_together(*reads):
    """The lists each of `reads` (CompiledRead.bind(*values)) would return. On PostgreSQL their
    statements go out in one round trip, in psycopg's pipeline mode (each its own statement,
    prepared or not as the connection's options say, each answer kept apart); elsewhere they run
    one after another."""
    statements = _statements(reads)
    connection = statements[0].connection
    if connection.vendor != "postgresql" or len(reads) == 1:
        return [
            statement.run(read.values) for statement, read in zip(statements, reads, strict=True)
        ]
    if any(statement.connection is not connection for statement in statements):
        raise ValueError("Reads that go together read the same database")
    connection.ensure_connection()
    with ExitStack() as open_cursors, connection.connection.pipeline():
        cursors = []
        for statement, read in zip(statements, reads, strict=True):
            cursors.append(open_cursors.enter_context(statement.connection.cursor()))
            cursors[-1].execute(statement.sql, statement.bound_params(read.values))
        found = [cursor.fetchall() for cursor in cursors]
    return [statement.results(rows) for statement, rows in zip(statements, found, strict=True)]


class CompiledList:
    """A paginated list: build(*values) (an ordered QuerySet of model instances) and its count
    (the same rows, unordered, only their ids), each a CompiledRead; rows(*values) gives
    django.core.paginator.Paginator a request's list, whose page's bounds go in as LIMIT and
    OFFSET parameters."""

    def __init__(self, model, build):
        self._listed = CompiledRead(model, build)
        self._counted = CompiledRead(model, lambda *values: _ids(build(*values).order_by()))

    def rows(self, *values):
        return _Rows(self, values)


def _ids(queryset):
    """The ids of `queryset`'s rows, as values_list() tuples. django-modeltranslation's
    QuerySets (a model with translated fields) read values_list() through an iterable of their
    own, which adds the fallback languages' columns: asked for ids only, they are turned off."""
    if hasattr(queryset, "rewrite"):
        queryset = queryset.rewrite(False)
    return queryset.values_list("pk")


class _Rows:
    def __init__(self, compiled_list, values):
        self._list, self._values = compiled_list, values

    def count(self):
        return self._list._counted.count(*self._values)

    def __getitem__(self, bounds):
        return self._list._listed(
            *self._values, limit=bounds.stop - bounds.start, offset=bounds.start
        )


def _marker(value, round, index):
    """A stand-in for `value` that no constant of a query is likely to equal."""
    if isinstance(value, datetime.datetime):
        return datetime.datetime(1901 + round, 1, 1, 0, 0, index, tzinfo=datetime.UTC)
    if isinstance(value, datetime.date) or value is None:
        # None only for dates: Django writes other Nones into the SQL (IS NULL).
        return datetime.date(1901 + round, 1, 1 + index)
    if isinstance(value, bool):
        raise TypeError("CompiledRead values cannot be booleans (the SQL may differ)")
    if isinstance(value, int):
        return -1_000_000_000 - 1_000 * round - index
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=2**127 + 1_000 * round + index)
    if isinstance(value, str):
        return f"compiled-read-marker-{round}-{index}"
    raise TypeError(f"CompiledRead values are ints, strings, UUIDs or dates, not {value!r}")


def _adapters(connection, marker):
    """The forms in which Django may pass a value of the marker's type to the database."""
    if isinstance(marker, datetime.datetime):
        return (_same, connection.ops.adapt_datetimefield_value)
    if isinstance(marker, datetime.date):
        return (_same, connection.ops.adapt_datefield_value)
    if isinstance(marker, uuid.UUID):
        return (_same, operator.attrgetter("hex"))
    return (_same,)


def _same(value):
    return value


def _wrapper(param, adapted):
    return _same if type(param) is type(adapted) else type(param)


class _Compiled:
    def __init__(self, build, values, using):
        connection = connections[using]
        shapes = []
        for round in (0, 1):
            markers = [_marker(value, round, index) for index, value in enumerate(values)]
            queryset = build(*markers)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            # Each parameter that is a marker in one of its database forms, with the type the
            # backend wrapped it in, if any (psycopg's Int4 for some integers).
            slots = {
                position: (index, adapt, _wrapper(param, adapt(marker)))
                for position, param in enumerate(params)
                for index, marker in enumerate(markers)
                for adapt in _adapters(connection, marker)
                if param == adapt(marker)
            }
            constants = [param for position, param in enumerate(params) if position not in slots]
            indexes = {position: index for position, (index, *_) in slots.items()}
            shapes.append((sql, len(params), indexes, constants))
        if shapes[0] != shapes[1] or len(set(indexes.values())) != len(values):
            raise ValueError(f"{build!r}: each value must be a parameter of one fixed SQL")
        self.connection = connection
        self.using = using
        self.sql, self.params, self.slots = sql, list(params), slots
        self.compiler = compiler
        select = compiler.select[: compiler.col_count]
        self.converters = compiler.get_converters([column[0] for column in select])
        if queryset._iterable_class is ValuesListIterable:
            self.instance = tuple
        elif queryset._iterable_class is ModelIterable:
            self.instance = _Instances(compiler, using).make
        else:
            raise TypeError(f"{build!r}: CompiledRead reads instances or values_list() tuples")
        self.prefetch = queryset._prefetch_related_lookups

    def bound_params(self, values):
        params = list(self.params)
        for position, (index, adapt, wrap) in self.slots.items():
            if values[index] is None:
                params[position] = None
            else:
                params[position] = wrap(adapt(values[index]))
        return params

    def count(self, values):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({self.sql}) counted", self.bound_params(values))
            return cursor.fetchone()[0]

    def run(self, values, *, limit=None, offset=0):
        sql, params = self.sql, self.bound_params(values)
        if limit is not None:
            sql, params = f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return self.results(cursor.fetchall())

    def results(self, rows):
        """The statement's rows as the queryset gives them."""
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        results = [self.instance(row) for row in rows]
        if self.prefetch:
            prefetch_related_objects(results, *self.prefetch)
        return results


class _Instances:
    """Model instances from rows, as django.db.models.query.ModelIterable makes them: the
    model's fields, the related objects of select_related(), the annotations."""

    def __init__(self, compiler, using):
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        self.using = using
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.fields = slice(start, end)
        self.init_list = [column[0].target.attname for column in compiler.select[start:end]]
        self.populators = get_related_populators(klass_info, compiler.select, using)
        self.annotations = compiler.annotation_col_map

    def make(self, row):
        instance = self.model.from_db(self.using, self.init_list, row[self.fields])
        for populator in self.populators:
            populator.populate(row, instance)
        for name, position in self.annotations.items():
            setattr(instance, name, row[position])
        return instance


def attach(owners, name, related):
    """Gives each of `owners` the `related` objects pointing to it (by the foreign key behind
    the reverse relation `name`) as prefetch_related(name) would: `owner.<name>.all()` reads
    them without a query, and each knows its owner. For related objects read by a
    CompiledRead, which prefetch_related_objects() would read again with a compiled query."""
    key = getattr(type(owners[0]), name).field
    by_owner = defaultdict(list)
    for instance in related:
        by_owner[getattr(instance, key.attname)].append(instance)
    for owner in owners:
        instances = by_owner[getattr(owner, key.target_field.attname)]
        for instance in instances:
            key.set_cached_value(instance, owner)
        # As django.db.models.query.prefetch_one_level stores them.
        queryset = getattr(owner, name).get_queryset()
        queryset._result_cache = instances
        queryset._prefetch_done = True
        if not hasattr(owner, "_prefetched_objects_cache"):
            owner._prefetched_objects_cache = {}
        owner._prefetched_objects_cache[key.remote_field.cache_name] = queryset
