"""Numbers written as the active language writes them: Django's `number_format`,
remembered per language and value.

A dashboard of a hundred groups writes some twenty thousand numbers, nearly all scores
with one decimal between 0 and 100, so the same few hundred texts over and over; each of
Django's calls looks up the language's separators and grouping anew.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils import formats
from django.utils.translation import get_language


def number_format(
    value: float | int, decimal_pos: int | None = None, *, force_grouping: bool = False
) -> str:
    """`django.utils.formats.number_format(value, decimal_pos, force_grouping=...)` in the
    active language."""
    # The type is part of the key: 61 and 61.0 are equal keys but need not read the same.
    return _written(get_language(), type(value).__name__, value, decimal_pos, force_grouping)


@lru_cache(maxsize=8192)
def _written(
    language: str | None,
    kind: str,
    value: float | int,
    decimal_pos: int | None,
    force_grouping: bool,
) -> str:
    return formats.number_format(value, decimal_pos, force_grouping=force_grouping)
