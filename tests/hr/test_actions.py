"""Action plans: added from the dashboard for a closed wave, refused when forged, audited,
listed on the dashboard, and followed into the next closed wave with the change of their
area in their group (checked against SciPy's Welch interval), or why it is not shown."""

import html
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from scipy import stats

from questionnaire.core.aggregates.followup import NotInWave, area_change
from questionnaire.core.aggregates.groups import ClosedWaves
from questionnaire.core.roles import MANAGER, hr_role_grant
from questionnaire.models import ActionPlanItem, AuditEvent, Campaign, Department, Organisation
from tests.support.aggregates_factory import add_responses, closed_campaign

AREA = "informational_supervisor"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def waves(org_a, departments_a, today):
    """Spring (closed 200 days ago) and Autumn (closed yesterday). Care's informational
    support from the supervisor: 6 at 25 and 6 at 50 in Spring (37.5), 6 at 50 and 6 at 75
    in Autumn (62.5). Kitchen has 8 (its headcount) each time; Office 3, hidden (combined with 3 who
    gave no department)."""
    care, kitchen, office = departments_a
    spring = closed_campaign(org_a, today=today, name="Spring", closed_days_ago=200)
    autumn = closed_campaign(org_a, today=today, name="Autumn", closed_days_ago=1)
    for wave, low, high in ((spring, 25.0, 50.0), (autumn, 50.0, 75.0)):
        add_responses(wave, care, 6, **{AREA: low, "pressure": 40.0})
        add_responses(wave, care, 6, **{AREA: high, "pressure": 60.0})
        add_responses(wave, kitchen, 4, **{AREA: 30.0})
        add_responses(wave, kitchen, 4, **{AREA: 70.0})
        add_responses(wave, office, 3, **{AREA: 10.0})
        add_responses(wave, None, 3, **{AREA: 90.0})  # shown with Office, combined
    return spring, autumn


def _add(client, campaign, **fields):
    data = {
        "group": str(fields.pop("department").pk) if "department" in fields else "organisation",
        "area": AREA,
        "what": "Monthly one-to-one talks with each nurse",
        "owner": "Head of Home care",
        "due_on": (campaign.closes_on + timedelta(days=60)).isoformat(),
        "status": "planned",
        "note": "",
    } | fields
    return client.post(reverse("hr:action_create", kwargs={"pk": campaign.pk}), data)


@pytest.fixture
def reader(client, hr_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    return client


def test_a_reader_adds_an_action_and_sees_it_on_the_dashboard(reader, waves, departments_a):
    spring, _autumn = waves
    response = _add(reader, spring, department=departments_a[0])
    assert response.status_code == 302
    action = ActionPlanItem.objects.get()
    assert (action.department, action.area, action.status) == (departments_a[0], AREA, "planned")
    page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": spring.pk})).text)
    assert "Monthly one-to-one talks with each nurse" in page
    assert "Owner: Head of Home care" in page
    assert "Care – Informational support – Supervisor" in page


def test_the_next_wave_shows_the_change_of_the_area_with_welchs_interval(
    reader, waves, departments_a
):
    spring, autumn = waves
    _add(reader, spring, department=departments_a[0])
    low, high = _welch_with_the_organisations_spread(care_n=12)
    page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text)
    assert "Actions of the previous wave, “Spring”, and what became of their areas" in page
    assert (
        f"In “Autumn”: from 37.5 to 62.5, +25.0 (95% interval {low:+.1f} … {high:+.1f}): "
        "clearly higher (better)."
    ).replace("+", "") in page.replace("+", "")
    # The wave the action was made for shows the same follow-up under its own plan.
    spring_page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": spring.pk})).text)
    assert "In “Autumn”: from 37.5 to 62.5, +25.0" in spring_page


def _organisation_scores(care: list[float]) -> list[float]:
    """Every score of AREA in one wave of `waves`: Care's, then Kitchen, Office and the
    three who gave no department."""
    return care + [30.0] * 4 + [70.0] * 4 + [10.0] * 3 + [90.0] * 3


def _welch_with_the_organisations_spread(care_n: int) -> tuple[float, float]:
    """The 95 % Welch interval of Care's difference, from SciPy's t quantile, with Care's
    number of answers and the organisation's spread in each wave (followup.py: a group's
    own spread is never used)."""
    before = _organisation_scores([25.0] * 6 + [50.0] * 6)
    after = _organisation_scores([50.0] * 6 + [75.0] * 6)
    se_after = stats.tvar(after) / care_n
    se_before = stats.tvar(before) / care_n
    df = (se_after + se_before) ** 2 / (se_after**2 / (care_n - 1) + se_before**2 / (care_n - 1))
    margin = stats.t.ppf(0.975, df) * (se_after + se_before) ** 0.5
    return round(25.0 - margin, 1), round(25.0 + margin, 1)


def test_a_groups_own_spread_is_never_shown(reader, org_a, today):
    """Six people of one department who all answered alike in both waves: an interval from
    their own spread would be 0.0 … 0.0 and tell each one's value."""
    alike = Department.objects.create(organisation=org_a, name="Alike", headcount=6)
    spring = closed_campaign(org_a, today=today, name="Spring", closed_days_ago=200)
    autumn = closed_campaign(org_a, today=today, name="Autumn", closed_days_ago=1)
    others = Department.objects.create(organisation=org_a, name="Others", headcount=12)
    for wave in (spring, autumn):
        add_responses(wave, alike, 6, **{AREA: 50.0})
        add_responses(wave, others, 6, **{AREA: 0.0})
        add_responses(wave, others, 6, **{AREA: 100.0})
    _add(reader, spring, department=alike)
    page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text)
    sentence = page.split("In “Autumn”: from 50.0 to 50.0, 0.0 (95% interval ")[1].split(")")[0]
    assert sentence != "0.0 … 0.0"
    low, high = (float(bound.replace("−", "-")) for bound in sentence.split(" … "))
    assert low < -10 and high > 10  # the spread of the organisation's 0s, 50s and 100s
    assert "no clear change." in page


def test_no_clear_change_and_the_hidden_and_the_organisation(reader, waves, departments_a):
    spring, autumn = waves
    _add(reader, spring, department=departments_a[1], what="Kitchen talks")  # 50 -> 50
    _add(reader, spring, department=departments_a[2], what="Office talks")  # 3 responses
    page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text)
    assert "In “Autumn”: from 50.0 to 50.0, 0.0" in page
    assert "no clear change." in page
    assert "Not shown in “Autumn”: hidden to protect small groups" in page
    assert "from 10.0" not in page  # Office's value is never computed into a sentence


def test_a_scale_asked_differently_is_not_compared(reader, waves, departments_a):
    spring, autumn = waves
    Campaign.objects.filter(pk=spring.pk).update(instrument_version=2)
    spring.refresh_from_db()
    _add(reader, spring, department=departments_a[0], area="emotional_supervisor")
    page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text)
    assert "Not shown in “Autumn”: asked differently in this wave's questionnaire." in page


def test_a_group_not_in_the_later_wave_gives_its_reason(waves, departments_a, today):
    spring, autumn = waves
    closed = ClosedWaves({}, today=today)
    change = area_change(
        AREA, "x", 999_999, (spring, closed.groups(spring)), (autumn, closed.groups(autumn))
    )
    assert isinstance(change.difference, NotInWave)
    assert change.verdict == "hidden"


def test_the_actions_of_a_wave_without_a_later_one_wait_for_it(reader, waves, departments_a):
    _spring, autumn = waves
    _add(reader, autumn, department=departments_a[0])
    page = html.unescape(reader.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text)
    assert "Followed up once the next wave has closed." in page


def test_a_finding_links_to_the_form_prefilled_with_its_group_and_area(reader, waves):
    _spring, autumn = waves
    page = reader.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text
    assert "Plan an action" in page
    form = reader.get(
        reverse("hr:action_create", kwargs={"pk": autumn.pk}), {"area": "pressure", "group": "x"}
    )
    text = html.unescape(form.text)
    assert form.status_code == 200
    assert '<option value="pressure" selected>' in text
    assert "what can be dropped, shared or planned differently" in text  # HR's advice


def test_an_edit_is_audited_in_sentences(reader, waves, departments_a):
    spring, _autumn = waves
    _add(reader, spring, department=departments_a[0])
    action = ActionPlanItem.objects.get()
    url = reverse("hr:action_edit", kwargs={"pk": spring.pk, "action_pk": action.pk})
    data = {
        "group": str(departments_a[0].pk),
        "area": AREA,
        "what": "Weekly talks",
        "owner": "Head of Home care",
        "due_on": action.due_on.isoformat(),
        "status": "under_way",
        "note": "",
    }
    assert reader.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.what) == ("under_way", "Weekly talks")
    delete = reverse("hr:action_delete", kwargs={"pk": spring.pk, "action_pk": action.pk})
    assert reader.post(delete).status_code == 302
    assert not ActionPlanItem.objects.exists()
    log = html.unescape(
        reader.get(reverse("hr:audit_log", kwargs={"organisation_pk": spring.organisation_id})).text
    )
    assert [e.action for e in AuditEvent.objects.order_by("pk")] == [
        "action_added",
        "action_changed",
        "action_deleted",
    ]
    assert "Planned an action for Care in Spring on Informational support – Supervisor" in log
    assert "status from planned to under way" in log
    assert "Deleted the action for Care in Spring" in log
    assert "informational_supervisor" not in log and "under_way" not in log


def test_each_changed_field_of_an_action_is_said_in_words(reader, waves, departments_a):
    spring, _autumn = waves
    _add(reader, spring, department=departments_a[0])
    action = ActionPlanItem.objects.get()
    url = reverse("hr:action_edit", kwargs={"pk": spring.pk, "action_pk": action.pk})
    due = action.due_on + timedelta(days=31)
    data = {
        "group": "organisation",
        "area": "pressure",
        "what": "Fewer evening shifts",
        "owner": "Director",
        "due_on": due.isoformat(),
        "status": "planned",
        "note": "",
    }
    assert reader.post(url, data).status_code == 302

    log = html.unescape(
        reader.get(reverse("hr:audit_log", kwargs={"organisation_pk": spring.organisation_id})).text
    )
    before = f"{action.due_on.day} {action.due_on:%B} {action.due_on.year}"
    after = f"{due.day} {due:%B} {due.year}"
    assert (
        "Changed the action for the whole organisation in Spring on Work pressure: "
        "area from Informational support – Supervisor to Work pressure; "
        f"group from Care to the whole organisation; due date from {before} to {after}; "
        "owner from Head of Home care to Director; its text."
    ) in " ".join(log.split())


# --- forged input: refused with a message, nothing stored, never a 500 ---------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("what", "", "This field is required."),
        ("what", "   ", "This field is required."),
        ("what", "x" * 501, "at most 500 characters"),
        ("owner", "", "This field is required."),
        ("owner", "x" * 101, "at most 100 characters"),
        ("note", "x" * 501, "at most 500 characters"),
        ("area", "organisation", "Select a valid choice."),
        ("area", "nonsense", "Select a valid choice."),
        ("status", "finished", "Select a valid choice."),
        ("group", "999999", "Select a valid choice."),
        ("due_on", "2000-01-01", "The due date cannot be before the wave opened"),
        ("due_on", "not a date", "Enter a valid date."),
    ],
)
def test_forged_values_are_refused_and_nothing_is_stored(reader, waves, field, value, message):
    spring, _autumn = waves
    response = _add(reader, spring, **{field: value})
    assert response.status_code == 400
    assert message in html.unescape(response.text)
    assert not ActionPlanItem.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="action").exists()


def test_a_department_of_another_organisation_is_refused(reader, waves, org_b):
    spring, _autumn = waves
    elsewhere = Department.objects.create(organisation=org_b, name="Elsewhere")
    response = _add(reader, spring, department=elsewhere)
    assert response.status_code == 400
    assert "Select a valid choice." in response.text
    assert not ActionPlanItem.objects.exists()


def test_a_department_added_after_the_wave_is_not_one_of_its_groups(reader, waves, org_a):
    spring, _autumn = waves
    reader.get(reverse("hr:dashboard", kwargs={"pk": spring.pk}))  # frozen now
    later = Department.objects.create(organisation=org_a, name="Laundry")
    response = _add(reader, spring, department=later)
    assert response.status_code == 400
    assert not ActionPlanItem.objects.exists()


def test_a_wave_that_has_not_closed_refuses_actions(reader, campaign_a):
    get = reader.get(reverse("hr:action_create", kwargs={"pk": campaign_a.pk}))
    post = _add(reader, campaign_a)
    for response in (get, post):
        assert response.status_code == 409
        assert "Actions are planned for a wave that has closed" in html.unescape(response.text)
    assert not ActionPlanItem.objects.exists()


def test_an_action_of_another_wave_or_organisation_is_a_404(reader, waves, departments_a, today):
    spring, autumn = waves
    _add(reader, spring, department=departments_a[0])
    action = ActionPlanItem.objects.get()
    wrong_wave = reverse("hr:action_edit", kwargs={"pk": autumn.pk, "action_pk": action.pk})
    assert reader.get(wrong_wave).status_code == 404
    other = Organisation.objects.create(name="Other")
    theirs = closed_campaign(other, today=today, name="Theirs")
    url = reverse("hr:action_edit", kwargs={"pk": theirs.pk, "action_pk": action.pk})
    assert reader.get(url).status_code == 404
    assert reader.post(url, {"what": "taken"}).status_code == 404
    action.refresh_from_db()
    assert action.what == "Monthly one-to-one talks with each nurse"


@pytest.fixture
def care_manager(client, org_a, departments_a):
    """Mia, team manager of Care only."""
    mia = get_user_model().objects.create_user("mia")
    hr_role_grant(user=mia, organisation=org_a, role=MANAGER, departments=[departments_a[0]])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(mia)
    return client


def test_a_team_manager_plans_for_their_department_and_sees_only_its_plan(
    care_manager, waves, departments_a
):
    spring, _autumn = waves
    care, kitchen, _office = departments_a
    ActionPlanItem.objects.create(
        campaign=spring,
        department=kitchen,
        area=AREA,
        what="Kitchen huddles",
        owner="Chef",
        due_on=spring.closes_on + timedelta(days=30),
    )
    ActionPlanItem.objects.create(
        campaign=spring,
        area="pressure",
        what="Staffing review",
        owner="Director",
        due_on=spring.closes_on + timedelta(days=30),
    )
    form = html.unescape(
        care_manager.get(reverse("hr:action_create", kwargs={"pk": spring.pk})).text
    )
    assert "Care" in form and "Kitchen" not in form

    assert _add(care_manager, spring, department=care).status_code == 302
    page = html.unescape(care_manager.get(reverse("hr:dashboard", kwargs={"pk": spring.pk})).text)
    assert "Monthly one-to-one talks with each nurse" in page
    assert "Kitchen huddles" not in page and "Staffing review" not in page


@pytest.mark.parametrize("group", ["kitchen", "organisation"])
def test_a_team_manager_cannot_plan_for_another_group(care_manager, waves, departments_a, group):
    spring, _autumn = waves
    fields = {"department": departments_a[1]} if group == "kitchen" else {}
    response = _add(care_manager, spring, **fields)
    assert response.status_code == 400
    assert not ActionPlanItem.objects.exists()


def test_a_team_manager_cannot_edit_or_delete_another_groups_action(
    care_manager, waves, departments_a
):
    spring, _autumn = waves
    action = ActionPlanItem.objects.create(
        campaign=spring,
        department=departments_a[1],
        area=AREA,
        what="Kitchen huddles",
        owner="Chef",
        due_on=spring.closes_on + timedelta(days=30),
    )
    kwargs = {"pk": spring.pk, "action_pk": action.pk}
    assert care_manager.get(reverse("hr:action_edit", kwargs=kwargs)).status_code == 404
    assert care_manager.post(reverse("hr:action_delete", kwargs=kwargs)).status_code == 404
    assert ActionPlanItem.objects.filter(pk=action.pk).exists()
