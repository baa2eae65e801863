"""seed_demo: the demo data other tools and the README rely on."""

import json
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from questionnaire.core.instrument import instrument
from questionnaire.core.scoring import score_response
from questionnaire.models import SCORE_FIELDS, Answer, Campaign, HRMembership, Response


def _seed(responses, *extra):
    out = StringIO()
    call_command("seed_demo", "--responses", str(responses), *extra, stdout=out)
    return out.getvalue()


def test_it_creates_a_closed_wave_an_earlier_one_and_an_open_one(db, today):
    _seed(40)
    waves = Campaign.objects.order_by("opens_on")
    assert [wave.status(today) for wave in waves] == ["closed", "closed", "open"]
    # The closed wave HR is pointed to has the asked number; the earlier one half as many,
    # the open one a tenth.
    assert [wave.responses.count() for wave in waves] == [20, 40, 4]


def test_no_department_has_more_responses_than_people(db):
    _seed(300)
    for wave in Campaign.objects.all():
        for department in wave.organisation.departments.all():
            answered = wave.responses.filter(department=department).count()
            assert answered <= department.headcount, (wave.name, department.name)
    closed = Campaign.objects.get(name="Tweede bevraging")
    people = sum(d.headcount for d in closed.organisation.departments.all())
    with_department = closed.responses.exclude(department=None).count()
    assert 0.45 <= with_department / people <= 0.75  # a plausible response rate


def test_asking_for_more_raises_the_headcounts_to_fit(db):
    _seed(300)
    _seed(3000)
    closed = Campaign.objects.get(name="Tweede bevraging")
    for department in closed.organisation.departments.all():
        assert closed.responses.filter(department=department).count() <= department.headcount


def test_running_it_again_changes_nothing(db):
    _seed(30)
    before = (Response.objects.count(), Answer.objects.count(), Campaign.objects.count())
    _seed(30)
    assert (Response.objects.count(), Answer.objects.count(), Campaign.objects.count()) == before


def test_it_tops_the_waves_up_when_asked_for_more(db, today):
    _seed(10)
    _seed(25)
    assert Campaign.objects.get(name="Tweede bevraging").responses.count() == 25
    assert Campaign.objects.get(closes_on__gte=today).responses.count() == 2


def test_stored_scores_match_the_scoring_of_the_stored_answers(db):
    _seed(12)
    for response in Response.objects.prefetch_related("answers"):
        answers = {answer.item: answer.value for answer in response.answers.all()}
        expected = score_response(instrument(response.instrument_version), answers)
        for field in SCORE_FIELDS:
            assert getattr(response, field) == expected[field], field


def test_json_output_has_the_documented_keys_and_a_working_hr_login(db):
    info = json.loads(_seed(5, "--json"))
    assert {"survey_url", "hr_username", "hr_password", "dashboard_url", "login_url"} <= set(info)
    campaign = Campaign.objects.get(public_id=info["survey_url"].rstrip("/").split("/")[-1])
    closed = Campaign.objects.get(organisation=campaign.organisation, name="Tweede bevraging")
    assert info["dashboard_url"].endswith(f"/hr/campaigns/{closed.pk}/")
    # The login throttle (django-axes) judges every login by its request.
    login = RequestFactory().post(info["login_url"])
    user = authenticate(login, username=info["hr_username"], password=info["hr_password"])
    assert user is not None
    assert HRMembership.objects.filter(user=user, organisation=campaign.organisation).exists()


def test_text_output_says_where_to_click(db):
    output = _seed(3)
    assert "http://127.0.0.1:8000/s/" in output
    assert "hr-demo" in output


def test_the_printed_links_open_the_questionnaire_and_a_dashboard_with_figures(client, db):
    info = json.loads(_seed(60, "--json", "--site", "http://testserver"))
    path = info["survey_url"].removeprefix("http://testserver")
    survey = client.get(path)
    assert survey.status_code == 200
    assert "Derde bevraging" in survey.content.decode()  # the open wave
    client.post(
        info["login_url"].removeprefix("http://testserver"),
        {"username": info["hr_username"], "password": info["hr_password"]},
    )
    client.cookies["django_language"] = "en"
    dashboard = client.get(info["dashboard_url"].removeprefix("http://testserver"))
    assert dashboard.status_code == 200
    page = dashboard.content.decode()
    # The waves by their English names, as the demo gives them.
    assert "Second survey" in page
    assert 'id="chart-matrix"' in page  # the closed wave's figures are shown
    assert "First survey" in page  # and compared with the earlier wave


def test_the_demo_names_its_waves_and_departments_in_french_too(client, db):
    info = json.loads(_seed(10, "--json", "--site", "http://testserver"))
    client.cookies["django_language"] = "fr"
    page = client.get(info["survey_url"].removeprefix("http://testserver")).content.decode()
    assert "Troisième enquête" in page and ">Soins à domicile</label>" in page


def test_the_demo_has_a_reader_and_a_separate_access_custodian(db):
    info = json.loads(_seed(3, "--json"))
    organisation = Campaign.objects.get(name="Tweede bevraging").organisation
    logins = {}
    for username, password in [
        (info["hr_username"], info["hr_password"]),
        (info["custodian_username"], info["custodian_password"]),
        (info["manager_username"], info["manager_password"]),
    ]:
        user = authenticate(
            RequestFactory().post(info["login_url"]), username=username, password=password
        )
        assert user is not None
        logins[username] = set(
            HRMembership.objects.filter(user=user, organisation=organisation).values_list(
                "role", flat=True
            )
        )
    assert logins == {
        "hr-demo": {"reader"},
        "custodian-demo": {"custodian"},
        "manager-demo": {"manager"},
    }
    manager = HRMembership.objects.get(user__username="manager-demo")
    assert list(manager.departments.values_list("name", flat=True)) == ["Thuiszorg"]
    # Run again: nothing new, not even in the audit log.
    _seed(3)
    assert organisation.audit_events.filter(action="role_granted").count() == 3


def test_the_demos_team_manager_sees_home_care_and_the_organisation(client, db):
    info = json.loads(_seed(60, "--json", "--site", "http://testserver"))
    assert "manager-demo / demo-manager-password" in _seed(60)
    client.post(
        info["login_url"].removeprefix("http://testserver"),
        {"username": info["manager_username"], "password": info["manager_password"]},
    )
    client.cookies["django_language"] = "en"
    page = client.get(info["dashboard_url"].removeprefix("http://testserver")).content.decode()
    assert "You see the figures of your departments (Home care)" in page
    assert "Whole organisation" in page
    for other in ("Residential care", "Youth care", "Administration", "Kitchen and maintenance"):
        assert other not in page


def test_the_first_wave_is_on_version_2_and_the_later_ones_show_the_change_honestly(client, db):
    info = json.loads(_seed(60, "--json", "--site", "http://testserver"))
    versions = dict(Campaign.objects.values_list("name", "instrument_version"))
    assert versions == {"Eerste bevraging": 2, "Tweede bevraging": 3, "Derde bevraging": 3}
    # Each response is stored with its wave's version, the organisation's score only on 3.
    for response in Response.objects.select_related("campaign"):
        assert response.instrument_version == response.campaign.instrument_version
        assert (response.organisation is None) == (response.instrument_version == 2)
    client.post(
        info["login_url"].removeprefix("http://testserver"),
        {"username": info["hr_username"], "password": info["hr_password"]},
    )
    client.cookies["django_language"] = "en"
    page = client.get(info["dashboard_url"].removeprefix("http://testserver")).content.decode()
    assert "Support from the organisation" in page
    assert "not asked in this wave&#x27;s questionnaire" in page
    assert "asked differently in this wave&#x27;s questionnaire" in page


def test_the_demo_shows_the_loop_of_an_action_followed_into_the_next_wave(client, db):
    """After the first wave HR planned more supervisor support in Home care; the second
    wave's dashboard opens with that action and what became of its area there."""
    import html

    from django.conf import settings
    from django.urls import reverse

    from questionnaire.models import ActionPlanItem

    _seed(300)
    first, second = Campaign.objects.order_by("opens_on")[:2]
    action = ActionPlanItem.objects.get(campaign=first, area="informational_supervisor")
    assert action.department.name == "Thuiszorg"
    assert ActionPlanItem.objects.filter(campaign=second).count() == 2
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="hr-demo"))
    page = html.unescape(client.get(reverse("hr:dashboard", kwargs={"pk": second.pk})).text)
    assert "Actions of the previous wave, “First survey”, and what became of their areas" in page
    assert "Home care – Informational support – Supervisor" in page
    # With the 300 responses of `make run` (deterministic: the demo is seeded).
    assert (
        "In “Second survey”: from 31.2 to 46.2, +15.0 (95% interval 5.8 … 24.2): "
        "clearly higher (better)."
    ) in page
    # The other Home care action's area was asked differently in the second wave.
    assert "Not shown in “Second survey”: asked differently" in page
    _seed(300)  # idempotent
    assert ActionPlanItem.objects.count() == 5
