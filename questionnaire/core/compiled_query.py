"""A query of the respondent's pages whose SQL the ORM writes once per process and database,
each request only running it with its own values.

Building a QuerySet and compiling it (joins of select_related, the columns, the order)
costs more CPU than the database spends answering a lookup by a unique index, and those
pages ask the same lookups on every request. `CompiledQuery` takes a function that builds
the QuerySet from stand-in values, has the ORM compile it once per database, and then runs
that SQL with each call's values in the stand-ins' places. The rows become model instances
exactly as a QuerySet makes them: the ORM's own converters and its select_related
populators, so related objects (and a missing reverse one-to-one) behave as they would
from the QuerySet itself.

A stand-in must be a value no real query uses (a string or an int of its own), given as
it would appear among the compiled parameters; `tests/core/test_compiled_query.py` checks
each query against its QuerySet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)


class CompiledQuery(Generic[M]):
    def __init__(self, build: Callable[..., QuerySet[M]], stand_ins: Sequence[object]):
        self._build = build
        self._stand_ins = tuple(stand_ins)
        self._compiled: dict[tuple[str, str], tuple[SQLCompiler, str, tuple[Any, ...]]] = {}

    def queryset(self, *values: object) -> QuerySet[M]:
        """The QuerySet the SQL comes from, with these values (for tests and comparison)."""
        return self._build(*values)

    def _compiler(self, alias: str) -> tuple[SQLCompiler, str, tuple[Any, ...]]:
        key = (alias, connections[alias].vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiler = self._build(*self._stand_ins).query.get_compiler(using=alias)
            sql, parameters = compiler.as_sql()  # also sets select, klass_info, col_count
            for stand_in in self._stand_ins:
                if sum(1 for p in parameters if p == stand_in) != 1:
                    raise ValueError(f"the stand-in {stand_in!r} must be one parameter")
            compiled = self._compiled[key] = (compiler, sql, tuple(parameters))
        return compiled

    def fetch(self, *values: object, alias: str = "default") -> list[M]:
        """The model instances the query finds with `values` in the stand-ins' places."""
        if len(values) != len(self._stand_ins):
            raise TypeError(f"expected {len(self._stand_ins)} values")
        compiler, sql, template = self._compiler(alias)
        replace = dict(zip(self._stand_ins, values, strict=True))
        parameters: list[Any] = [replace.get(p, p) if _hashable(p) else p for p in template]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, parameters)
            rows = cursor.fetchall()
        return _instances(compiler, alias, rows)


def _hashable(value: object) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _instances(compiler: SQLCompiler, alias: str, rows: list) -> list:
    """The rows as instances, as the ORM's ModelIterable builds them (with select_related's
    objects and annotations)."""
    klass_info = compiler.klass_info
    if klass_info is None:  # as_sql() sets it for a query of model instances
        raise TypeError("a compiled query must return model instances, not values")
    select = compiler.select
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    # django-stubs describe a later Django's signature (fetch_mode); 5.2 takes these three.
    populators = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]
    instances = []
    for row in compiler.results_iter([rows]):
        instance = klass_info["model"].from_db(alias, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, instance)
        for name, position in compiler.annotation_col_map.items():
            setattr(instance, name, row[position])
        instances.append(instance)
    return instances
