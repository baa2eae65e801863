"""HR's own charts: work pressure against support per department, and the answer bars."""

import math
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from questionnaire.core import charts
from questionnaire.core.aggregates import HIGH_PRESSURE_FROM, LOW_SUPPORT_BELOW, AnswerCount
from questionnaire.core.charts import Point, placement
from questionnaire.core.privacy import COMPLEMENTARY, TOO_FEW, Hidden
from questionnaire.hr.dashboard import charts as charts_hr

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (the chart's own output, not untrusted input)


def _scatter(points):
    return charts_hr.pressure_support_scatter(
        points, title="Pressure and support", description="A scatter.", chart_id="chart-ps"
    )


def _texts(svg) -> list[str]:
    return [element.text for element in _parse(svg).iter(f"{SVG}text")]


def _zone(svg):
    """The shaded corner: (left, top, right, bottom) in SVG coordinates."""
    rect = next(r for r in _parse(svg).iter(f"{SVG}rect") if r.get("fill") == charts_hr.ZONE_FILL)
    left, top = float(rect.get("x")), float(rect.get("y"))
    return left, top, left + float(rect.get("width")), top + float(rect.get("height"))


def _plot_scale(svg):
    """The chart's own scale, read from its plot area: SVG (x, y) -> (support, pressure)."""
    area = next(r for r in _parse(svg).iter(f"{SVG}rect") if r.get("class") == "plot-area")
    left, top = float(area.get("x")), float(area.get("y"))
    width, height = float(area.get("width")), float(area.get("height"))

    def values(x, y):
        return 100 * (x - left) / width, 100 * (top + height - y) / height

    return values


def _dots(svg) -> dict[int, tuple[float, float, str, float, float]]:
    """Per number: the dot's (x, y) in SVG units, its label and the values it says."""
    dots = {}
    for element in _parse(svg).iter():
        if element.get("class") != "point":
            continue
        if element.tag == f"{SVG}circle":
            x, y = float(element.get("cx")), float(element.get("cy"))
        else:
            x = float(element.get("x")) + float(element.get("width")) / 2
            y = float(element.get("y")) + float(element.get("height")) / 2
        dots[int(element.get("data-number"))] = (
            x,
            y,
            element.get("data-label"),
            float(element.get("data-support")),
            float(element.get("data-pressure")),
        )
    return dots


def _labels(svg) -> dict[int, tuple[float, float]]:
    """Per number: the centre of the label that shows it, in SVG units."""
    labels = {}
    for group in _parse(svg).iter(f"{SVG}g"):
        if "label" not in (group.get("class") or "").split():
            continue
        rect = group.find(f"{SVG}rect")
        x = float(rect.get("x")) + float(rect.get("width")) / 2
        y = float(rect.get("y")) + float(rect.get("height")) / 2
        for number in group.get("data-numbers").split():
            labels[int(number)] = (x, y)
    return labels


def _circles(svg) -> list[tuple[float, float]]:
    return [(x, y) for x, y, *_rest in _dots(svg).values()]


def _inside(point, box) -> bool:
    x, y = point
    left, top, right, bottom = box
    return left <= x <= right and top <= y <= bottom


def test_the_scatter_is_labelled_svg_without_style_attributes():
    svg = _scatter([Point("Care", 70.0, 60.0), Point("Whole organisation", 60.0, 55.0, True)])
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Pressure and support"
    assert root.get("aria-describedby") == "chart-ps-desc"
    assert "style=" not in svg
    assert "<style" not in svg


def test_a_department_with_high_pressure_and_low_support_lands_in_the_shaded_corner():
    svg = _scatter([Point("Kitchen", 80.0, 20.0), Point("Care", 30.0, 80.0)])
    kitchen, care = _circles(svg)
    assert _inside(kitchen, _zone(svg))
    assert not _inside(care, _zone(svg))


def test_the_corner_starts_where_the_dashboard_flags_a_group():
    on_the_edge = Point("Edge", HIGH_PRESSURE_FROM, LOW_SUPPORT_BELOW - 0.1)
    svg = _scatter([on_the_edge])
    assert _inside(_circles(svg)[0], _zone(svg))


def test_the_key_names_each_point_with_its_values():
    svg = _scatter([Point("Care", 70.0, 60.0), Point("Kitchen", 30.0, 80.0)])
    texts = _texts(svg)
    assert "1. Care: work pressure 70, support 60" in texts
    assert "2. Kitchen: work pressure 30, support 80" in texts
    assert {"1", "2"} <= set(texts)


def test_hidden_groups_are_not_drawn_and_the_key_says_why():
    svg = _scatter(
        [
            Point("Care", 70.0, 60.0),
            Point("Office", Hidden(TOO_FEW, 5), Hidden(TOO_FEW, 5)),
            Point("Kitchen", Hidden(COMPLEMENTARY, 5), Hidden(COMPLEMENTARY, 5)),
        ]
    )
    assert len(_circles(svg)) == 1
    key = " ".join(_texts(svg))
    # Too few and a complement read the same: the key does not tell which is which.
    assert "Office: not drawn (hidden to protect small groups" in key
    assert "Kitchen: not drawn (hidden to protect small groups" in key


def test_without_its_key_the_scatter_draws_the_same_points_and_the_key_is_text():
    """The PDF writes the key under the chart as text: the same lines, the same numbers
    on the chart, and no key line left in the SVG."""
    points = [
        Point("Care", 70.0, 60.0),
        Point("Kitchen", 30.0, 80.0),
        Point("Office", Hidden(TOO_FEW, 5), Hidden(TOO_FEW, 5)),
    ]
    with translation.override("en"):
        whole = _scatter(points)
        bare = charts_hr.pressure_support_scatter(
            points, title="Pressure and support", description="…", chart_id="chart-ps", key=False
        )
        key = charts_hr.scatter_key(points)
    assert key == [
        "1. Care: work pressure 70, support 60",
        "2. Kitchen: work pressure 30, support 80",
        "Office: not drawn (hidden to protect small groups and individual answers (every figure "
        "rests on at least 6 responses))",
    ]
    assert _circles(bare) == _circles(whole)
    # The chart with its key has the bare chart's texts, then the key (wrapped to its width).
    on_chart = _texts(bare)
    assert {"1", "2"} <= set(on_chart)
    assert _texts(whole)[: len(on_chart)] == on_chart
    assert " ".join(" ".join(_texts(whole)[len(on_chart) :]).split()) == " ".join(key)


def test_the_organisation_is_a_square_so_it_is_told_apart_without_colour():
    svg = _scatter([Point("Care", 70.0, 60.0), Point("Whole organisation", 60.0, 55.0, True)])
    root = _parse(svg)
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "point"]) == 1
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("class") == "point"]) == 1
    labels = [g.get("class") for g in root.iter(f"{SVG}g") if g.get("data-numbers")]
    assert sorted(labels) == ["label label-group", "label label-total"]


def _check_every_point_is_where_its_values_are(points):
    svg = _scatter(points)
    values = _plot_scale(svg)
    dots, labels = _dots(svg), _labels(svg)
    drawn = [p for p in points if isinstance(p.pressure, float) and isinstance(p.support, float)]
    assert len(dots) == len(drawn) and set(labels) == set(dots)
    by_label = {p.label: p for p in drawn}
    for number, (x, y, label, support, pressure) in dots.items():
        point = by_label[label]
        assert (support, pressure) == (point.support, point.pressure)
        # The dot sits on its values (to the drawing's 0.1 unit)...
        drawn_support, drawn_pressure = values(x, y)
        assert abs(drawn_support - point.support) < 0.05
        assert abs(drawn_pressure - point.pressure) < 0.05
        # ...and its number within half an answer step (12.5 points) of them.
        label_support, label_pressure = values(*labels[number])
        distance = math.hypot(label_support - point.support, label_pressure - point.pressure)
        assert distance <= 12.5, (label, distance)
    return svg


def test_the_organisation_is_drawn_where_its_values_are_among_departments_alike():
    # The case the old chart got wrong: the organisation, drawn last among departments
    # with nearly its values, was pushed down into another band.
    points = [Point(f"Dept {i}", 73.0 + (i % 3) * 0.4, 40.0 + (i % 2)) for i in range(6)]
    points.append(Point("Whole organisation", 73.0, 40.5, True))
    svg = _check_every_point_is_where_its_values_are(points)
    x, y, *_rest = _dots(svg)[7]
    assert round(_plot_scale(svg)(x, y)[1]) == 73


@pytest.mark.parametrize(
    "points",
    [
        # Many groups at identical values.
        [Point(f"Dept {i}", 50.0, 50.0) for i in range(12)],
        # A tight cluster of distinct values.
        [Point(f"Dept {i}", 60.0 + (i % 4) * 2.5, 30.0 + (i // 4) * 2.5) for i in range(16)],
        # The ends of the scale and the corners.
        [
            Point("Low low", 0.0, 0.0),
            Point("High high", 100.0, 100.0),
            Point("High pressure, no support", 100.0, 0.0),
            Point("No pressure, full support", 0.0, 100.0),
            Point("Also low low", 0.0, 0.0),
            Point("Near low low", 1.0, 2.0),
            Point("Whole organisation", 0.0, 0.0, True),
        ],
        # Organisation and departments all at the same values.
        [Point("Care", 62.5, 37.5), Point("Whole organisation", 62.5, 37.5, True)],
    ],
    ids=["identical", "cluster", "ends", "organisation-alike"],
)
def test_every_point_is_drawn_within_half_an_answer_step_of_its_values(points):
    _check_every_point_is_where_its_values_are(points)


def _many_departments(count):
    """`count` departments spread over the middle of the chart as a large organisation's
    are (a fixed pseudo-random spread, some at the same values), and the organisation."""
    points, seed = [], 7
    for number in range(count):
        seed = (seed * 1103515245 + 12345) % 2**31
        pressure = 30.0 + (seed % 400) / 10
        seed = (seed * 1103515245 + 12345) % 2**31
        support = 35.0 + (seed % 350) / 10
        points.append(Point(f"Dept {number}", pressure, support))
    points.append(Point("Whole organisation", 50.0, 52.5, True))
    return points


def test_at_120_departments_every_point_is_at_its_values_and_labelled_near_them():
    svg = _check_every_point_is_where_its_values_are(_many_departments(120))
    # Every group has its number on the chart and a line in the key.
    assert sorted(_labels(svg)) == list(range(1, 122))
    assert sum(1 for text in _texts(svg) if ": work pressure " in text) == 121


def _placed_by_trying_every_candidate(x, y, width, height, *, limit, placed, dots, area):
    """The placement rule written out whole: every candidate's full collision, the least
    (then the nearest, then the first) chosen."""
    best = None
    for cx, cy in placement._candidates(x, y, limit):
        box = placement.Box(cx, cy, width, height)
        if not box.inside(*area):
            continue
        overlap = sum(box.overlap(other) for other in placed)
        covered = sum(1 for dot in dots if dot != (x, y) and box.covers(*dot))
        cost = (overlap * 100 + covered, math.hypot(cx - x, cy - y))
        if cost[0] == 0:
            return box
        if best is None or cost < best[:2]:
            best = (*cost, box)
    return best[2] if best is not None else placement.Box(x, y, width, height)


def test_labels_are_placed_as_when_every_candidate_is_tried_in_full():
    """Giving up a candidate once it collides more than the best so far chooses the same
    places as adding up every collision of every candidate, on a crowded chart too."""
    area, limit = (78, 16, 398, 336), 35.2
    for count in (12, 60, 120):
        points = [(78 + 3.2 * p.support, 336 - 3.2 * p.pressure) for p in _many_departments(count)]
        placed, expected = [], []
        for x, y in points:
            kwargs = {"limit": limit, "placed": list(expected), "dots": points, "area": area}
            expected.append(_placed_by_trying_every_candidate(x, y, 27, 22, **kwargs))
            placed.append(placement.place(x, y, 27, 22, **{**kwargs, "placed": list(placed)}))
        assert placed == expected
        # A crowded chart: some labels could not be placed without touching another.
        if count == 120:
            assert any(a.overlap(b) for i, a in enumerate(placed) for b in placed[i + 1 :])
        # Every label at once, as a chart places them: the same places, the same again
        # when the chart is drawn again, and new ones when one point moves.
        labels = tuple((x, y, 27, 22) for x, y in points)
        whole = {"limit": limit, "dots": tuple(points), "area": area}
        assert list(placement.place_all(labels, **whole)) == expected
        assert list(placement.place_all(labels, **whole)) == expected
        moved = ((labels[0][0] + 30, *labels[0][1:]), *labels[1:])
        dots = (moved[0][:2], *points[1:])
        assert placement.place_all(moved, **{**whole, "dots": dots})[0].x != expected[0].x


def test_groups_with_the_same_values_share_one_label_with_consecutive_numbers():
    svg = _scatter(
        [Point("Care", 50.0, 50.0), Point("Office", 20.0, 80.0), Point("Kitchen", 50.0, 50.0)]
    )
    texts = _texts(svg)
    assert "1,2" in texts and "3" in texts
    assert "2. Kitchen: work pressure 50, support 50" in texts
    assert "3. Office: work pressure 20, support 80" in texts


def test_labels_of_nearby_groups_do_not_overlap_when_there_is_room():
    svg = _scatter([Point(f"Dept {i}", 50.0 + 4 * i, 50.0) for i in range(4)])
    labels = list(_labels(svg).values())
    for index, (x1, y1) in enumerate(labels):
        for x2, y2 in labels[index + 1 :]:
            assert abs(x1 - x2) >= 22 or abs(y1 - y2) >= 22
    # A label moved off its dot is tied to it by a leader line.
    leaders = [p for p in _parse(svg).iter(f"{SVG}path") if p.get("class") == "leader"]
    dots = _dots(svg)
    moved = [n for n, (x, y) in _labels(svg).items() if math.dist((x, y), dots[n][:2]) > 0.5]
    assert len(leaders) == len(moved) > 0


def test_the_answer_bar_splits_by_share_and_writes_the_shares():
    answers = [
        AnswerCount("Never – Rarely", 5, 25.0),
        AnswerCount("Sometimes", 0, 0.0),
        AnswerCount("Often", 10, 50.0),
        AnswerCount("Always", 5, 25.0),
    ]
    svg = charts_hr.distribution_bar(answers, chart_id="chart-answers-c1")
    root = _parse(svg)
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths == [75.0, 150.0, 75.0]
    assert _texts(svg) == ["25%", "50%", "25%"]
    # The list of answers next to the bar says the same for screen readers.
    assert root.get("aria-hidden") == "true"


@pytest.mark.parametrize("fill", charts_hr.DISTRIBUTION_FILLS)
def test_the_shares_written_on_the_answer_bar_are_readable(fill):
    assert charts.contrast_ratio(fill, charts.ink_for(fill)) >= charts.MIN_CONTRAST
