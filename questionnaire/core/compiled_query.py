"""A query of the respondent's pages whose SQL the ORM writes once per process and database,
each request only running it with its own values.

Building a QuerySet and compiling it (joins of select_related, the columns, the order)
costs more CPU than the database spends answering a lookup by a unique index, and those
pages ask the same lookups on every request. `CompiledQuery` takes a function that builds
the QuerySet from stand-in values, has the ORM compile it once per database, and then runs
that SQL with each call's values in the stand-ins' places. The rows become model instances
exactly as a QuerySet makes them: the ORM's own converters and its select_related
populators, so related objects (and a missing reverse one-to-one) behave as they would
from the QuerySet itself. Those converters and populators, like the SQL, depend on the
query alone: they are worked out with it, once, not for every call (asking each column
for its converters cost about as much CPU as the lookup's own round trip).

A stand-in must be a value no real query uses (a string or an int of its own), given as
it would appear among the compiled parameters; `tests/core/test_compiled_query.py` checks
each query against its QuerySet.

`CompiledInsert` does the same for the INSERT of one row, as bulk_create([row]) writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Field, Model, QuerySet
from django.db.models.constants import OnConflict
from django.db.models.query import get_related_populators
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)


class _RowReader:
    """How the compiled query's rows become instances, as the ORM's ModelIterable makes
    them (with select_related's objects and annotations): its converters and populators
    depend on the compiled query alone, so they are worked out once with it."""

    def __init__(self, compiler: SQLCompiler, alias: str):
        klass_info = compiler.klass_info
        if klass_info is None:  # as_sql() sets it for a query of model instances
            raise TypeError("a compiled query must return model instances, not values")
        select = compiler.select
        fields = klass_info["select_fields"]
        self.compiler = compiler
        self.model = klass_info["model"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        # The conversions results_iter() would look up on every call.
        columns = [column[0] for column in select[0 : compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise TypeError("a compiled query may not select a composite primary key")
        self.converters = compiler.get_converters(columns)
        # django-stubs describe a later Django's signature (fetch_mode); 5.2 takes these three.
        self.populators = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]
        self.annotations = list(compiler.annotation_col_map.items())

    def instances(self, alias: str, rows: list) -> list:
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        instances = []
        for row in rows:
            instance = self.model.from_db(alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


class CompiledQuery(Generic[M]):
    def __init__(self, build: Callable[..., QuerySet[M]], stand_ins: Sequence[object]):
        self._build = build
        self._stand_ins = tuple(stand_ins)
        self._compiled: dict[tuple[str, str], tuple[_RowReader, str, tuple[Any, ...]]] = {}

    def queryset(self, *values: object) -> QuerySet[M]:
        """The QuerySet the SQL comes from, with these values (for tests and comparison)."""
        return self._build(*values)

    def _compiler(self, alias: str) -> tuple[_RowReader, str, tuple[Any, ...]]:
        key = (alias, connections[alias].vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiler = self._build(*self._stand_ins).query.get_compiler(using=alias)
            sql, parameters = compiler.as_sql()  # also sets select, klass_info, col_count
            for stand_in in self._stand_ins:
                if sum(1 for p in parameters if p == stand_in) != 1:
                    raise ValueError(f"the stand-in {stand_in!r} must be one parameter")
            reader = _RowReader(compiler, alias)
            compiled = self._compiled[key] = (reader, sql, tuple(parameters))
        return compiled

    def fetch(self, *values: object, alias: str = "default") -> list[M]:
        """The model instances the query finds with `values` in the stand-ins' places."""
        if len(values) != len(self._stand_ins):
            raise TypeError(f"expected {len(self._stand_ins)} values")
        reader, sql, template = self._compiler(alias)
        replace = dict(zip(self._stand_ins, values, strict=True))
        parameters: list[Any] = [replace.get(p, p) if _hashable(p) else p for p in template]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, parameters)
            rows = cursor.fetchall()
        return reader.instances(alias, rows)


def _hashable(value: object) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


class CompiledInsert(Generic[M]):
    """One row's INSERT, as bulk_create([row], ignore_conflicts=...) runs it, with the SQL
    the ORM wrote for the first row on each database: later rows only have their values
    prepared, each by its field as the ORM prepares it (pre_save, get_db_prep_save). For
    rows of plain values (no expression), whose SQL does not depend on them."""

    def __init__(self, model: type[M], *, ignore_conflicts: bool = False):
        self._model = model
        self._on_conflict = OnConflict.IGNORE if ignore_conflicts else None
        self._compiled: dict[tuple[str, str], tuple[str, list[Field]]] = {}

    def _statement(self, row: M, alias: str) -> tuple[str, list[Field]]:
        key = (alias, connections[alias].vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            fields = [f for f in self._model._meta.concrete_fields if not f.generated]
            query = InsertQuery(self._model, on_conflict=self._on_conflict)
            query.insert_values(fields, [row])
            [(statement, parameters)] = query.get_compiler(using=alias).as_sql()
            if len(parameters) != len(fields):
                raise ValueError("each column's value must be one parameter")
            compiled = self._compiled[key] = (statement, fields)
        return compiled

    def insert(self, row: M, *, alias: str = "default") -> bool:
        """Insert `row` (with ignore_conflicts, nothing when it conflicts with a stored one);
        afterwards it counts as saved, as after bulk_create. Whether the row was stored:
        the statement's row count, 0 when a conflict skipped it."""
        if row.pk is None:
            row.pk = row._meta.pk.get_pk_value_on_save(row)
        # As bulk_create checks the related rows (django-stubs do not list this method).
        row._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
        statement, fields = self._statement(row, alias)
        connection = connections[alias]
        values = [field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(statement, values)
            stored = cursor.rowcount == 1
        row._state.adding = False
        row._state.db = alias
        return stored
