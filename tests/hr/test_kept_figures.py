"""A closed wave's frozen figures kept decoded in the process (aggregates/snapshot.py, on
PostgreSQL): each viewer's page still shows only what that viewer may see, and only the
figures stored now, whatever a page read before."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from questionnaire.core.aggregates import campaign_dashboard, snapshot_take, with_frozen_figures
from questionnaire.core.aggregates.snapshot import Snapshot, forget_kept_figures, frozen_figures
from questionnaire.hr.actions import AREA_CODES
from questionnaire.models import ActionPlanItem, AggregateSnapshot, Campaign, Department
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.hr_pdf import english_client

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the figures are kept on PostgreSQL only"
)


def _page(client, campaign) -> str:
    """The page's text as read (tags and the charts' coordinates left out)."""
    response = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk}))
    assert response.status_code == 200
    return re.sub(r"<[^>]+>", " ", response.text)


def _kept(campaign) -> Snapshot | None:
    """The campaign's figures as a dashboard reads them."""
    return frozen_figures(with_frozen_figures(Campaign.objects.filter(pk=campaign.pk)).get())


@on_postgresql
def test_the_figures_are_read_once_per_process_and_no_page_changes_them(
    shown_wave, hr_a, manager_a
):
    reader = english_client(hr_a)
    _page(reader, shown_wave)  # the first look freezes them
    kept = _kept(shown_wave)
    assert _kept(shown_wave) is kept
    _page(reader, shown_wave)
    _page(english_client(manager_a), shown_wave)
    reader.get(reverse("hr:export_csv", kwargs={"pk": shown_wave.pk}))
    assert _kept(shown_wave) is kept
    assert kept == Snapshot.load(AggregateSnapshot.objects.get(campaign=shown_wave))


def test_a_manager_after_a_reader_sees_her_department_only_and_the_reader_then_all(
    shown_wave, hr_a, manager_a
):
    reader, mia = english_client(hr_a), english_client(manager_a)
    page = _page(reader, shown_wave)
    assert "Kitchen" in page and "80.0" in page and "Office" in page
    page = _page(mia, shown_wave)
    assert "Care" in page and "61.9" in page
    assert "Kitchen" not in page and "Office" not in page and "80.0" not in page
    page = _page(reader, shown_wave)
    assert "Kitchen" in page and "80.0" in page and "Office" in page


def test_figures_changed_in_place_are_shown_as_stored_now(shown_wave, hr_a, departments_a):
    """No code changes a snapshot, but were one changed (even in the transaction that read
    it), the page shows what is stored."""
    reader = english_client(hr_a)
    assert "61.9" in _page(reader, shown_wave)
    assert "61.9" in _page(reader, shown_wave)
    stored = AggregateSnapshot.objects.get(campaign=shown_wave)
    kitchen = departments_a[1].pk
    data = stored.data
    data["headcounts"] = [row for row in data["headcounts"] if row[0] != kitchen]
    data["cells"] = [cell for cell in data["cells"] if cell[0] != kitchen]
    AggregateSnapshot.objects.filter(pk=stored.pk).update(data=data)
    page = _page(reader, shown_wave)
    # Care and Office alone: (420 + 240) / 13.
    assert "50.8" in page and "61.9" not in page and "80.0" not in page


def test_a_wave_frozen_again_shows_its_new_figures(shown_wave, hr_a, departments_a):
    reader = english_client(hr_a)
    assert "61.9" in _page(reader, shown_wave)
    add_responses(shown_wave, departments_a[2], 7, overall=40.0)  # Office: 13 at 40
    AggregateSnapshot.objects.filter(campaign=shown_wave).delete()
    page = _page(reader, shown_wave)
    # (420 + 640 + 520) / 28, taken again with Office's new responses.
    assert "56.4" in page and "61.9" not in page


def test_a_renamed_department_and_a_changed_action_show_at_once(
    shown_wave, hr_a, departments_a, today
):
    kitchen = departments_a[1]
    action = ActionPlanItem.objects.create(
        campaign=shown_wave,
        department=kitchen,
        area=AREA_CODES[0],
        what="Agree on breaks",
        owner="Team leader",
        due_on=today + timedelta(days=30),
    )
    reader = english_client(hr_a)
    page = _page(reader, shown_wave)
    assert "Kitchen" in page and "Agree on breaks" in page
    Department.objects.filter(pk=kitchen.pk).update(name="Scullery")
    ActionPlanItem.objects.filter(pk=action.pk).update(what="Agree on rosters")
    page = _page(reader, shown_wave)
    assert "Scullery" in page and "Kitchen" not in page
    assert "Agree on rosters" in page and "Agree on breaks" not in page


@on_postgresql
def test_a_snapshot_changed_by_the_transaction_that_wrote_it_is_read_again(shown_wave, today):
    """The row's version names the command that wrote it, not only the transaction."""
    data = snapshot_take(shown_wave, today=today).data
    AggregateSnapshot.objects.filter(campaign=shown_wave).delete()
    stored = AggregateSnapshot.objects.create(
        campaign=shown_wave, min_group_size=5, taken_on=today, data=data
    )
    assert _kept(shown_wave).k == 5
    AggregateSnapshot.objects.filter(pk=stored.pk).update(min_group_size=6)
    assert _kept(shown_wave).k == 6


@on_postgresql
def test_a_dashboard_from_kept_figures_is_the_one_worked_out_afresh(
    shown_wave, hr_a, departments_a, today
):
    care, kitchen, office = departments_a
    earlier = closed_campaign(org_a := shown_wave.organisation, today=today, closed_days_ago=60)
    add_responses(earlier, care, 6, overall=50.0)
    add_responses(earlier, kitchen, 2, overall=90.0)  # hidden: too few
    add_responses(earlier, office, 7, overall=30.0)
    english_client(hr_a).get(reverse("hr:dashboard", kwargs={"pk": shown_wave.pk}))  # freezes

    def dashboard():
        campaigns = with_frozen_figures(Campaign.objects.filter(organisation=org_a))
        return campaign_dashboard(campaigns.get(pk=shown_wave.pk), today=today)

    kept = dashboard()
    kept_again = dashboard()
    forget_kept_figures()
    fresh = dashboard()
    assert kept.comparison is not None and kept.trends
    for part in ("heatmap", "pressure_support", "departments", "matrix", "distributions"):
        assert getattr(kept, part) == getattr(fresh, part) == getattr(kept_again, part)
    for part in ("rankings", "comparison", "trends", "group_trends"):
        assert getattr(kept, part) == getattr(fresh, part) == getattr(kept_again, part)
