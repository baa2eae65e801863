"""Trends over all waves: each wave from its own frozen figures and k, hidden values as
gaps, intervals that match an independent t interval, true summaries, bounded queries."""

import statistics
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from scipy import stats

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.aggregates.snapshot import forget_kept_figures
from questionnaire.core.instrument import OVERALL, PRESSURE
from questionnaire.hr.dashboard import dashboard_charts, report_charts
from questionnaire.models import Campaign
from tests.support.aggregates_factory import add_responses, closed_campaign

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _wave(org, today, name, days_ago, groups, **extra):
    """A closed wave with groups of (count, scores) responses without a department."""
    wave = closed_campaign(org, today=today, name=name, closed_days_ago=days_ago)
    if extra:
        Campaign.objects.filter(pk=wave.pk).update(**extra)
        wave.refresh_from_db()
    for count, scores in groups:
        add_responses(wave, None, count, **scores)
    return wave


def _trend(dashboard, code):
    return next(trend for trend in dashboard.trends if trend.code == code)


def _three_waves(org, today):
    _wave(org, today, "2024", 400, [(4, {"pressure": 25.0}), (4, {"pressure": 50.0})])
    _wave(org, today, "2025", 200, [(4, {"pressure": 25.0}), (4, {"pressure": 50.0})])
    return _wave(org, today, "2026", 1, [(5, {"pressure": 75.0}), (5, {"pressure": 100.0})])


def test_each_wave_is_a_point_at_its_value_with_its_t_interval(org_a, today):
    current = _three_waves(org_a, today)
    trend = _trend(campaign_dashboard(current, today=today), PRESSURE)
    assert [p.wave for p in trend.points] == ["2024", "2025", "2026"]
    assert [p.value for p in trend.points] == [37.5, 37.5, 87.5]
    # An independent t interval of each wave's mean (SciPy), to the printed decimal.
    for point, scores in zip(
        trend.points,
        ([25.0] * 4 + [50.0] * 4, [25.0] * 4 + [50.0] * 4, [75.0] * 5 + [100.0] * 5),
        strict=True,
    ):
        n = len(scores)
        margin = stats.t.ppf(0.975, n - 1) * statistics.stdev(scores) / n**0.5
        assert point.low == pytest.approx(max(statistics.fmean(scores) - margin, 0), abs=0.06)
        assert point.high == pytest.approx(min(statistics.fmean(scores) + margin, 100), abs=0.06)
    assert trend.summary == (
        "From 37.5 in 2024 to 87.5 in 2026 over 3 waves shown; clearly higher than the "
        "previous wave."
    )


def test_no_change_is_claimed_when_the_last_interval_includes_zero(org_a, today):
    _wave(org_a, today, "Before", 200, [(5, {"overall": 40.0}), (5, {"overall": 60.0})])
    current = _wave(org_a, today, "Now", 1, [(5, {"overall": 45.0}), (5, {"overall": 65.0})])
    trend = _trend(campaign_dashboard(current, today=today), OVERALL)
    assert [p.value for p in trend.points] == [50.0, 55.0]
    assert trend.summary.endswith("; no clear change since the previous wave.")
    assert "higher" not in trend.summary and "lower" not in trend.summary


def test_a_hidden_wave_is_a_gap_with_its_reason_and_stays_hidden_when_k_changes(org_a, today):
    # Four responses in 2025: below k + 1, hidden when its figures were frozen with k 5;
    # with k 3 they would be enough, but the wave keeps its frozen k.
    _wave(org_a, today, "2024", 400, [(4, {"pressure": 25.0}), (4, {"pressure": 50.0})])
    small = _wave(org_a, today, "2025", 200, [(1, {"pressure": 25.0}), (3, {"pressure": 100.0})])
    campaign_dashboard(small, today=today)  # the first look freezes it with k = 5
    org_a.min_group_size = 3
    org_a.save()
    current = _wave(org_a, today, "2026", 1, [(4, {"pressure": 25.0}), (4, {"pressure": 75.0})])

    dashboard = campaign_dashboard(current, today=today)
    trend = _trend(dashboard, PRESSURE)
    gap = trend.points[1]
    assert gap.value is None and gap.low is None and gap.high is None
    assert gap.reason.startswith("hidden to protect small groups")
    # The hidden mean (81.2) is nowhere: not in the data, the summary or the chart.
    chart = dict(dashboard_charts(dashboard)["trends"])[trend]
    for text in (trend.summary, chart, str(trend)):
        assert "81" not in text
    assert trend.summary.startswith("From 37.5 in 2024 to 50.0 in 2026 over 2 waves shown")
    assert trend.summary.endswith("this wave cannot be compared with the previous one.")


def test_only_closed_waves_up_to_this_one_in_date_order(org_a, today):
    later = _wave(org_a, today, "Later", 1, [(6, {})])
    middle = _wave(org_a, today, "Middle", 100, [(6, {})])
    _wave(org_a, today, "First", 300, [(6, {})])
    Campaign.objects.create(
        organisation=org_a, name="Open", opens_on=today, closes_on=today + (today - today)
    )
    waves = [p.wave for p in campaign_dashboard(middle, today=today).trends[0].points]
    assert waves == ["First", "Middle"]
    assert [p.wave for p in campaign_dashboard(later, today=today).trends[0].points] == [
        "First",
        "Middle",
        "Later",
    ]


def test_a_scale_asked_differently_in_an_older_version_is_a_gap(org_a, today):
    _wave(org_a, today, "Version 1", 200, [(6, {})], instrument_version=1)
    current = _wave(org_a, today, "Version 2", 1, [(6, {})])
    dashboard = campaign_dashboard(current, today=today)
    emotional, informational = _trend(dashboard, "emotional"), _trend(dashboard, "informational")
    assert emotional.points[0].value is None
    assert emotional.points[0].reason == "asked differently in this wave's questionnaire"
    assert informational.points[0].value == 50.0


def test_the_first_wave_has_no_trends(org_a, today):
    current = _wave(org_a, today, "Only", 1, [(6, {})])
    assert campaign_dashboard(current, today=today).trends == ()


def test_the_chart_draws_each_point_and_interval_at_its_values(org_a, today):
    dashboard = campaign_dashboard(_three_waves(org_a, today), today=today)
    trend = _trend(dashboard, PRESSURE)
    root = ET.fromstring(dict(dashboard_charts(dashboard)["trends"])[trend])  # noqa: S314
    assert root.get("role") == "img" and root.find(f"{SVG}desc").text == trend.summary
    area = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "plot-area")
    top, height = float(area.get("y")), float(area.get("height"))

    def value(y):
        return 100 * (top + height - float(y)) / height

    dots = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "point"]
    intervals = [p for p in root.iter(f"{SVG}path") if p.get("class") == "interval"]
    assert len(dots) == len(intervals) == 3
    for dot, interval, point in zip(dots, intervals, trend.points, strict=True):
        assert value(dot.get("cy")) == pytest.approx(point.value, abs=0.05)
        upper, lower = interval.get("d").split()[2].lstrip("V"), interval.get("d").split()[1]
        assert value(lower) == pytest.approx(point.high, abs=0.05)
        assert value(upper) == pytest.approx(point.low, abs=0.05)


def test_the_reports_compact_chart_writes_only_its_values_each_at_its_point(org_a, today):
    """The PDF's small multiples: no axis or wave labels (the report says them once), each
    value written just above (or below) its interval, and a gap a dash."""
    _wave(org_a, today, "2024", 400, [(4, {"pressure": 25.0}), (4, {"pressure": 50.0})])
    small = _wave(org_a, today, "2025", 200, [(1, {"pressure": 25.0}), (3, {"pressure": 100.0})])
    current = _wave(org_a, today, "2026", 1, [(5, {"pressure": 75.0}), (5, {"pressure": 100.0})])
    assert campaign_dashboard(small, today=today).k == 5  # so 2025 is hidden
    dashboard = campaign_dashboard(current, today=today)
    trend = _trend(dashboard, PRESSURE)
    charts = report_charts(dashboard, dashboard.pressure_support)
    root = ET.fromstring(dict(charts["trends"])[trend])  # noqa: S314
    area = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "plot-area")
    top, height = float(area.get("y")), float(area.get("height"))
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "point"]
    texts = list(root.iter(f"{SVG}text"))
    written = [t.text for t in texts]
    # Two values and the gap's dash: no ticks (0, 50, 100) and no wave names.
    assert written == ["38", "–", "88"]
    assert [float(dot.get("data-value")) for dot in dots] == [37.5, 87.5]
    for dot, text in zip(dots, (texts[0], texts[2]), strict=True):
        value = 100 * (top + height - float(dot.get("cy"))) / height
        assert value == pytest.approx(float(dot.get("data-value")), abs=0.05)
        assert text.get("x") == dot.get("cx")  # centred on its own wave
        high = float(dot.get("data-high"))
        label_y, interval_top = float(text.get("y")), top + height * (1 - high / 100)
        # Just above the interval's top, or, with no room, just below its bottom.
        assert 0 < interval_top - label_y <= 8 or label_y > float(dot.get("cy"))
    gap = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "gap")
    assert gap.get("data-wave") == "1"


def test_the_page_shows_charts_table_and_summaries(client, hr_a, org_a, today):
    current = _three_waves(org_a, today)
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("hr:dashboard", kwargs={"pk": current.pk})).text
    assert 'id="chart-trend-pressure"' in text and 'id="table-trends-caption"' in text
    assert "From 37.5 in 2024 to 87.5 in 2026 over 3 waves shown" in text


@pytest.mark.parametrize("earlier", [1, 4])
def test_the_dashboard_reads_every_wave_in_one_query(
    org_a, today, earlier, django_assert_max_num_queries
):
    for index in range(earlier):
        _wave(org_a, today, f"Wave {index}", 400 - 50 * index, [(6, {})])
    current = _wave(org_a, today, "Now", 1, [(6, {})])
    campaign_dashboard(current, today=today)  # the first look freezes every wave
    forget_kept_figures()  # as in a process that has not read them yet
    # the departments, and the earlier waves listed once for the comparison and the trends
    # with their snapshots' versions (this wave's snapshot is cached on the campaign), then
    # the figures the process does not keep yet in one more: not one more per wave
    with django_assert_max_num_queries(3):
        dashboard = campaign_dashboard(current, today=today)
    assert len(dashboard.trends[0].points) == earlier + 1
    # Kept in the process now: listed only.
    with django_assert_max_num_queries(2):
        again = campaign_dashboard(current, today=today)
    assert again.trends == dashboard.trends


def test_every_chart_on_the_page_is_labelled_and_the_heat_maps_share_the_legend(
    client, hr_a, org_a, today
):
    current = _three_waves(org_a, today)
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("hr:dashboard", kwargs={"pk": current.pk})).text
    charts = text.split("<svg")[1:]
    labelled = [c for c in charts if 'role="img"' in c.split(">")[0]]
    # The answer bars repeat a list beside them and are hidden from screen readers.
    assert all('aria-hidden="true"' in c.split(">")[0] for c in charts if c not in labelled)
    for chart in labelled:
        chart_id = chart.split('id="')[1].split('"')[0]
        assert f'<title id="{chart_id}-title">' in chart and f'<desc id="{chart_id}-desc">' in chart
    for table in ("table-matrix", "table-departments", "table-pressure", "table-trends"):
        assert f'id="{table}-caption"' in text
    assert 'id="chart-heatmap-legend"' in text and "it has its own chart with support" in text


def test_each_wave_is_named_in_the_language_of_the_page(org_a, today):
    """As the comparison names the previous wave (docs/names-in-languages.md)."""
    _wave(org_a, today, "Voorjaar", 200, [(6, {})], name_translations={"fr": "Printemps"})
    current = _wave(org_a, today, "Najaar", 1, [(6, {})], name_translations={"fr": "Automne"})
    with translation.override("fr"):
        trend = campaign_dashboard(current, today=today).trends[0]
    assert [point.wave for point in trend.points] == ["Printemps", "Automne"]
    assert "Printemps" in trend.summary and "Voorjaar" not in trend.summary
    with translation.override("nl"):
        points = campaign_dashboard(current, today=today).trends[0].points
    assert [point.wave for point in points] == ["Voorjaar", "Najaar"]
