"""HR's own charts: work pressure against support per department, and the answer bars."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from questionnaire import charts
from questionnaire.aggregates import HIGH_PRESSURE_FROM, LOW_SUPPORT_BELOW, AnswerCount
from questionnaire.hr import charts as charts_hr
from questionnaire.hr.charts import Point
from questionnaire.privacy import COMPLEMENTARY, TOO_FEW, Hidden

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


def _circles(svg) -> list[tuple[float, float]]:
    return [(float(c.get("cx")), float(c.get("cy"))) for c in _parse(svg).iter(f"{SVG}circle")]


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
    assert "Office: not drawn (fewer than 6 responses" in key
    assert "Kitchen: not drawn (hidden so that a smaller hidden group" in key


def test_the_organisation_is_a_square_so_it_is_told_apart_without_colour():
    svg = _scatter([Point("Care", 70.0, 60.0), Point("Whole organisation", 60.0, 55.0, True)])
    squares = [r for r in _parse(svg).iter(f"{SVG}rect") if r.get("fill") == charts_hr.TOTAL_FILL]
    assert len(squares) == 1
    assert len(_circles(svg)) == 1


def test_two_departments_with_the_same_scores_stay_readable():
    svg = _scatter([Point("Care", 50.0, 50.0), Point("Kitchen", 50.0, 50.0)])
    (x1, y1), (x2, y2) = _circles(svg)
    assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 2 * 13


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
