"""Where to put a label near a point without covering the labels already placed.

A chart that must draw every point where its values are cannot push a point away to make
room (that moves it to another value). Instead the point stays put and its label may
move a little, never further than `limit` from it, with a leader line back to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MARGIN = 2.0  # labels keep this far apart


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle by its centre and size."""

    x: float
    y: float
    width: float
    height: float

    def overlap(self, other: Box, margin: float = MARGIN) -> float:
        """The area two boxes share, each grown by `margin` (0 when they are apart)."""
        dx = (self.width + other.width) / 2 + margin - abs(self.x - other.x)
        dy = (self.height + other.height) / 2 + margin - abs(self.y - other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def covers(self, x: float, y: float) -> bool:
        return abs(self.x - x) <= self.width / 2 and abs(self.y - y) <= self.height / 2

    def inside(self, left: float, top: float, right: float, bottom: float) -> bool:
        return (
            left <= self.x - self.width / 2
            and self.x + self.width / 2 <= right
            and top <= self.y - self.height / 2
            and self.y + self.height / 2 <= bottom
        )


_DIRECTIONS = 16


def _candidates(x: float, y: float, limit: float):
    """Centres to try, nearest first: the point itself, then rings up to `limit`."""
    yield x, y
    rings = [limit * share for share in (0.35, 0.55, 0.75, 1.0)]
    for radius in rings:
        for step in range(_DIRECTIONS):
            # Start below-right, where a label reads naturally after its point.
            angle = math.pi / 4 + 2 * math.pi * step / _DIRECTIONS
            yield x + radius * math.cos(angle), y + radius * math.sin(angle)


def _within_reach(
    x: float, y: float, width: float, height: float, limit: float, placed: list[Box]
) -> list[Box]:
    """The placed boxes that some candidate (its centre at most `limit` from the point on
    each axis) could overlap: with 120 groups on a chart, testing every candidate against
    every box made the dashboard's scatter cost about half a second; the others add 0."""
    return [
        other
        for other in placed
        if abs(other.x - x) < limit + (width + other.width) / 2 + MARGIN
        and abs(other.y - y) < limit + (height + other.height) / 2 + MARGIN
    ]


def place(
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    limit: float,
    placed: list[Box],
    dots: list[tuple[float, float]],
    area: tuple[float, float, float, float],
) -> Box:
    """A box for a label of the point (x, y): the nearest candidate that overlaps no box
    in `placed`, covers no other point of `dots` and stays within `area`; when every
    candidate within `limit` collides, the one that collides least (the key and the table
    still give every value, so a crowded label is a nuisance, a moved point a falsehood)."""
    best: tuple[float, float, Box] | None = None
    near_boxes = _within_reach(x, y, width, height, limit, placed)
    near_dots = [
        (dx, dy)
        for dx, dy in dots
        if (dx, dy) != (x, y)
        and abs(dx - x) <= limit + width / 2
        and abs(dy - y) <= limit + height / 2
    ]
    for cx, cy in _candidates(x, y, limit):
        box = Box(cx, cy, width, height)
        if not box.inside(*area):
            continue
        overlap = sum(box.overlap(other) for other in near_boxes)
        covered = sum(1 for dx, dy in near_dots if box.covers(dx, dy))
        cost = (overlap * 100 + covered, math.hypot(cx - x, cy - y))
        if cost[0] == 0:
            return box
        if best is None or cost < best[:2]:
            best = (*cost, box)
    if best is None:  # the area is smaller than the box: centre it on the point
        return Box(x, y, width, height)
    return best[2]
