"""Server-side SVG charts: valid, labelled, readable, and honest about missing values."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from questionnaire.core import charts
from questionnaire.core.privacy import Hidden

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (the charts' own output, not untrusted input)


def _heatmap(values=((80, None), (20, 50)), **extra):
    return charts.heatmap(
        ["Care", "Kitchen"],
        ["Colleagues", "Supervisor"],
        [list(row) for row in values],
        title="Support by department",
        description="Departments as rows, sources as columns.",
        chart_id="chart-test",
        **extra,
    )


def _bars(values=(("Material", 80), ("Emotional", None)), **extra):
    return charts.bar_chart(
        list(values), title="By type", description="Bars.", chart_id="chart-bars", **extra
    )


def _need():
    return charts.need_chart(
        [("Material", 75, 50), ("Emotional", 50, None)],
        title="Need",
        description="Need and received.",
        chart_id="chart-need",
        need_label="Need",
        received_label="Received",
    )


def _texts(svg):
    return [element.text for element in _parse(svg).iter(f"{SVG}text")]


def _all_text(svg):
    """The chart's text in one string (long texts are wrapped over several lines)."""
    return " ".join(_texts(svg))


@pytest.mark.parametrize("make", [_heatmap, _bars, _need])
def test_every_chart_is_labelled_svg(make):
    root = _parse(make())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.text and desc.text
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert root.get("viewBox")


@pytest.mark.parametrize("make", [_heatmap, _bars, _need])
def test_charts_use_no_style_attributes_or_elements(make):
    root = _parse(make())
    assert all(element.get("style") is None for element in root.iter())
    assert root.find(f".//{SVG}style") is None


def test_a_missing_value_says_not_enough_answers_and_is_hatched():
    svg = _heatmap()
    assert "not enough answers" in _all_text(svg)
    assert 'fill="url(#chart-test-hatch)"' in svg
    assert '<pattern id="chart-test-hatch"' in svg
    assert _texts(_bars())[-1] == "not enough answers"


def test_a_hidden_value_shows_its_reason():
    text = _all_text(_heatmap(values=((80, Hidden("too_few", 5)), (20, 50))))
    assert text.count("hidden to protect small groups and individual answers") == 1


def test_a_zero_is_drawn_as_zero_not_as_missing():
    texts = _texts(_heatmap(values=((0, 0), (0, 0))))
    assert texts.count("0") == 4
    assert "enough" not in " ".join(texts)


def test_cells_show_the_number_and_the_band_in_words():
    text = _all_text(_heatmap())
    assert "80 often or always" in text
    assert "20 rarely or never" in text and "50 sometimes" in text


def test_bars_show_value_and_band():
    texts = _texts(_bars((("Material", 37.5), ("Informational", 62.5), ("Emotional", 37.4))))
    assert "38 – sometimes" in texts
    assert "63 – often or always" in texts
    assert "37 – rarely or never" in texts


def test_references_are_drawn_only_where_there_is_a_number():
    svg = _bars(
        (("A", 50), ("B", 50), ("C", 50)),
        references=[80, None, Hidden("too_few", 5)],
        reference_label="Average of your organisation",
    )
    assert svg.count(f'stroke="{charts.REFERENCE_INK}" stroke-width="4"') == 2  # 1 + legend
    assert "Average of your organisation" in _texts(svg)


def test_text_is_escaped():
    svg = charts.heatmap(
        ['<script>alert("x")</script>'],
        ["A & B"],
        [[50]],
        title="T <b>",
        description="D",
        chart_id="chart-escape",
    )
    _parse(svg)  # still well-formed
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_values_must_match_the_labels():
    with pytest.raises(ValueError):
        charts.heatmap(["A"], ["x", "y"], [[1]], title="t", description="d", chart_id="c")


def test_a_generic_colour_scale_can_be_given():
    svg = charts.heatmap(
        ["A"],
        ["Pressure"],
        [[90]],
        title="t",
        description="d",
        chart_id="c",
        fill_for=lambda score: "#b91c1c" if score > 60 else "#166534",
        words_for=None,
    )
    assert 'fill="#b91c1c"' in svg
    assert _texts(svg) == ["Pressure", "A", "90"]


@pytest.mark.parametrize("fill", [*charts.BAND_FILLS.values(), charts.MISSING_FILL])
def test_text_on_every_fill_has_at_least_4_5_to_1_contrast(fill):
    assert charts.contrast_ratio(charts.ink_for(fill), fill) >= 4.5


def test_text_on_the_hatching_stays_readable():
    assert charts.contrast_ratio(charts.DARK_INK, charts.HATCH_INK) >= 4.5


def test_bands_change_at_37_5_and_62_5_and_numbers_round_half_up():
    assert charts.band_fill(37.4) == charts.BAND_FILLS["low"]
    assert charts.band_fill(37.5) == charts.BAND_FILLS["partial"]
    assert charts.band_fill(62.5) == charts.BAND_FILLS["good"]
    assert (charts.rounded(12.5), charts.rounded(62.5), charts.rounded(62.49)) == (13, 63, 62)


def _narrow_charts():
    labels = ["Material and financial support", "Respecting support"]
    return [
        charts.narrow_heatmap(
            labels,
            ["Colleagues", "Leidinggevende", "Third parties"],
            [[80, None, 20], [50, 62.5, 37.4]],
            title="Matrix",
            description="Types by sources.",
            chart_id="chart-narrow-matrix",
        ),
        charts.narrow_bar_chart(
            [(labels[0], 80), (labels[1], None)],
            title="By type",
            description="Bars.",
            chart_id="chart-narrow-bars",
            references=[40, Hidden("too_few", 5)],
            reference_label="Average of your organisation",
        ),
        charts.narrow_need_chart(
            [(labels[0], 75, 50), (labels[1], 50, None)],
            title="Need",
            description="Need and received.",
            chart_id="chart-narrow-need",
            need_label="Need",
            received_label="Received",
        ),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_narrow_charts_fit_a_phone_at_full_size_with_text_of_12_px_or_more(index):
    root = _parse(_narrow_charts()[index])
    assert root.get("viewBox").split()[2] == str(charts.NARROW_WIDTH)
    sizes = [float(text.get("font-size")) for text in root.iter(f"{SVG}text")]
    assert min(sizes) >= 12
    # No text starts outside the drawing (long labels are wrapped onto more lines).
    assert all(0 <= float(text.get("x")) <= charts.NARROW_WIDTH for text in root.iter(f"{SVG}text"))


def test_every_coloured_cell_and_bar_has_its_words_beside_it():
    matrix, bars, need = (_all_text(svg) for svg in _narrow_charts())
    assert "80 often or always" in matrix and "20 rarely or never" in matrix
    assert "63 often or always" in matrix and "37 rarely or never" in matrix
    assert "50 sometimes" in matrix and "not enough answers" in matrix
    assert "Material and financial support: 80 – often or always" in bars
    assert "Need: 75 · Received: 50" in need and "Received: not enough answers" in need


def test_the_bands_are_one_hue_getting_darker_not_a_red_to_green_verdict():
    low, partial, good = (charts.BAND_FILLS[code] for code in ("low", "partial", "good"))
    luminance = [charts.luminance(fill) for fill in (low, partial, good)]
    assert luminance == sorted(luminance, reverse=True)
    for fill in (low, partial, good):
        red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
        assert blue >= red and blue >= green  # blue throughout: no red, amber or green


def test_narrow_chart_labels_follow_the_languages_punctuation():
    with translation.override("fr"):
        svg = charts.narrow_bar_chart(
            [("Soutien informatif", 50)], title="t", description="d", chart_id="chart-fr"
        )
    assert "Soutien informatif\u00a0: 50 – parfois" in _texts(svg)


def test_the_scale_end_is_written_inside_the_narrow_drawing():
    root = _parse(_narrow_charts()[1])
    hundred = next(text for text in root.iter(f"{SVG}text") if text.text == "100")
    # "100" is centred on its tick: half of its three 12-unit digits must fit.
    assert float(hundred.get("x")) + 1.5 * 12 * 0.6 <= charts.NARROW_WIDTH


# --- the continuous ramp of HR's heat maps ------------------------------------------------

_EVERY_TENTH = [score / 10 for score in range(1001)]


def test_text_on_every_fill_of_the_continuous_ramp_has_at_least_4_5_to_1_contrast():
    worst = min(
        charts.contrast_ratio(charts.ramp_ink(charts.ramp_fill(s)), charts.ramp_fill(s))
        for s in _EVERY_TENTH
    )
    assert worst >= charts.MIN_CONTRAST


def test_the_ramp_gets_darker_with_every_point_and_shows_differences_inside_a_band():
    luminance = [charts.luminance(charts.ramp_fill(score)) for score in range(101)]
    assert all(later < earlier for earlier, later in zip(luminance, luminance[1:], strict=False))
    # 40 and 60 are both "sometimes" yet get different fills.
    assert charts.ramp_fill(40) != charts.ramp_fill(60)
    assert charts.ramp_fill(0) == charts.RAMP_STOPS[0]
    assert charts.ramp_fill(100) == charts.RAMP_STOPS[-1]


def test_the_ramp_is_one_blue_hue_with_no_red_or_green_verdict():
    for score in range(101):
        fill = charts.ramp_fill(score)
        red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
        assert blue >= green >= red


def test_a_heat_map_on_the_ramp_fills_each_cell_by_its_value_and_keeps_the_band_words():
    svg = _heatmap(values=((40, 60), (20, 90)), fill_for=charts.ramp_fill, ink_for=charts.ramp_ink)
    fills = [r.get("fill") for r in _parse(svg).iter(f"{SVG}rect")]
    assert [charts.ramp_fill(v) for v in (40, 60, 20, 90)] == [f for f in fills if f != "none"]
    text = _all_text(svg)
    assert "40 sometimes" in text and "60 sometimes" in text and "90 often or always" in text
    for text_element in _parse(svg).iter(f"{SVG}text"):
        assert text_element.get("fill") in (charts.DARK_INK, charts.RAMP_DARK_INK, "#ffffff")


def test_the_ramp_legend_marks_the_band_limits_and_names_the_bands():
    svg = charts.ramp_legend(title="Scale", description="Light to dark.", chart_id="legend")
    root = _parse(svg)
    assert root.get("role") == "img"
    ticks = [float(p.get("data-score")) for p in root.iter(f"{SVG}path") if p.get("data-score")]
    assert ticks == [0, 37.5, 62.5, 100]
    texts = _texts(svg)
    assert [t for t in texts if t[0].isdigit()] == ["0", "37.5", "62.5", "100"]
    assert {"rarely or never", "sometimes", "often or always"} <= set(texts)
    slices = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "none"]
    assert slices[0].get("fill") == charts.ramp_fill(0.5)
    assert slices[-1].get("fill") == charts.ramp_fill(99.5)
