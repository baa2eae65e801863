"""seed_demo: the demo data other tools and the README rely on."""

import json
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from questionnaire.instrument import instrument
from questionnaire.models import SCORE_FIELDS, Answer, Campaign, HRMembership, Response
from questionnaire.scoring import score_response


def _seed(responses, *extra):
    out = StringIO()
    call_command("seed_demo", "--responses", str(responses), *extra, stdout=out)
    return out.getvalue()


def test_it_creates_the_asked_number_of_responses_in_the_open_wave(db, today):
    _seed(40)
    open_wave = Campaign.objects.get(opens_on__lte=today, closes_on__gte=today)
    assert open_wave.responses.count() == 40
    assert Response.objects.count() == 40 + 20  # plus half as many in the previous wave


def test_running_it_again_changes_nothing(db):
    _seed(30)
    before = (Response.objects.count(), Answer.objects.count(), Campaign.objects.count())
    _seed(30)
    assert (Response.objects.count(), Answer.objects.count(), Campaign.objects.count()) == before


def test_it_tops_the_open_wave_up_when_asked_for_more(db, today):
    _seed(10)
    _seed(25)
    assert Campaign.objects.get(closes_on__gte=today).responses.count() == 25


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
    assert info["dashboard_url"].endswith(f"/hr/campaigns/{campaign.pk}/")
    # The login throttle (django-axes) judges every login by its request.
    login = RequestFactory().post(info["login_url"])
    user = authenticate(login, username=info["hr_username"], password=info["hr_password"])
    assert user is not None
    assert HRMembership.objects.filter(user=user, organisation=campaign.organisation).exists()


def test_text_output_says_where_to_click(db):
    output = _seed(3)
    assert "http://127.0.0.1:8000/s/" in output
    assert "hr-demo" in output


def test_the_printed_links_open_the_questionnaire_and_the_dashboard(client, db):
    info = json.loads(_seed(6, "--json", "--site", "http://testserver"))
    path = info["survey_url"].removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    client.post(
        info["login_url"].removeprefix("http://testserver"),
        {"username": info["hr_username"], "password": info["hr_password"]},
    )
    dashboard = client.get(info["dashboard_url"].removeprefix("http://testserver"))
    assert dashboard.status_code == 200
    assert "Bevraging najaar 2026" in dashboard.content.decode()
