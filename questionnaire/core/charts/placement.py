"""Where to put a label near a point without covering the labels already placed.

A chart that must draw every point where its values are cannot push a point away to make
room (that moves it to another value). Instead the point stays put and its label may
move a little, never further than `limit` from it, with a leader line back to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

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
    each axis) could overlap: the others add 0, and with a hundred groups on a chart
    testing every candidate against every box was most of the scatter's cost."""
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
    still give every value, so a crowded label is a nuisance, a moved point a falsehood).

    A candidate's collision is the area it shares with the boxes (Box.overlap) times 100
    plus the points it covers. It is added up box by box and given up as soon as it
    exceeds the least found so far: on a crowded chart most candidates are dropped after
    a box or two, and the one chosen is the same as when every sum is made whole."""
    half_width, half_height = width / 2, height / 2
    # Per placed box within reach: how far apart the centres must be on each axis for the
    # two (each grown by MARGIN) not to overlap, and its centre (Box.overlap's terms).
    boxes = [
        ((width + other.width) / 2 + MARGIN, (height + other.height) / 2 + MARGIN, other.x, other.y)
        for other in _within_reach(x, y, width, height, limit, placed)
    ]
    near_dots = [
        (dx, dy)
        for dx, dy in dots
        if (dx, dy) != (x, y)
        and abs(dx - x) <= limit + half_width
        and abs(dy - y) <= limit + half_height
    ]
    left, top, right, bottom = area
    best: tuple[float, float, float, float] | None = None  # (collision, distance, x, y)
    for cx, cy in _candidates(x, y, limit):
        if not (
            left <= cx - half_width
            and cx + half_width <= right
            and top <= cy - half_height
            and cy + half_height <= bottom
        ):
            continue
        ceiling = best[0] if best is not None else math.inf
        collision = _collision(cx, cy, boxes, near_dots, half_width, half_height, ceiling)
        if collision == 0:
            return Box(cx, cy, width, height)
        if collision > ceiling:
            continue
        distance = math.hypot(cx - x, cy - y)
        if best is None or (collision, distance) < best[:2]:
            best = (collision, distance, cx, cy)
    if best is None:  # the area is smaller than the box: centre it on the point
        return Box(x, y, width, height)
    return Box(best[2], best[3], width, height)


Label = tuple[float, float, float, float]  # its point (x, y), its width and height


@lru_cache(maxsize=16)
def place_all(
    labels: tuple[Label, ...],
    *,
    limit: float,
    dots: tuple[tuple[float, float], ...],
    area: tuple[float, float, float, float],
) -> tuple[Box, ...]:
    """A box for each label in turn, each placed (`place`) clear of the ones before it.

    The places follow from these arguments alone, and a page of a closed wave draws the
    same chart on every visit: the last few charts' places are kept, and a chart with
    any other point, label or area is placed afresh."""
    placed: list[Box] = []
    near = list(dots)
    for x, y, width, height in labels:
        placed.append(place(x, y, width, height, limit=limit, placed=placed, dots=near, area=area))
    return tuple(placed)


def _collision(
    cx: float,
    cy: float,
    boxes: list[tuple[float, float, float, float]],
    dots: list[tuple[float, float]],
    half_width: float,
    half_height: float,
    ceiling: float,
) -> float:
    """The collision of a box centred on (cx, cy): its overlap with `boxes` times 100 plus
    the `dots` it covers; anything above `ceiling` once it is known to exceed it (every
    term is positive, so the sum only grows)."""
    overlap = 0.0
    for reach_x, reach_y, other_x, other_y in boxes:
        dx = reach_x - abs(cx - other_x)
        if dx <= 0:
            continue
        dy = reach_y - abs(cy - other_y)
        if dy <= 0:
            continue
        overlap += dx * dy
        if overlap * 100 > ceiling:
            return math.inf
    boxes_part, covered = overlap * 100, 0
    for dot_x, dot_y in dots:
        if abs(cx - dot_x) <= half_width and abs(cy - dot_y) <= half_height:
            covered += 1
            if boxes_part + covered > ceiling:
                return math.inf
    return boxes_part + covered
