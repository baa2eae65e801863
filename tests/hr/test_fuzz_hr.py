"""Fuzzing HR's side: login, campaign and department forms, dashboard and exports.

Random, malformed and duplicated fields, odd Unicode, dates far out of range, wrong
methods, missing CSRF tokens: never a 5xx, every 4xx a page saying what happened, a form
with errors shown again, and no respondent data touched.
"""

from datetime import date
from urllib.parse import quote, urlsplit

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from questionnaire.models import Answer, Campaign, Department, Response
from tests.support.fuzz_helpers import (
    WRONG_METHODS,
    assert_not_a_server_error,
    content_types,
    form_pairs,
    fuzz_settings,
    mostly,
    nasty_text,
    post_raw,
    raw_body,
    raw_escapes,
    urlencoded,
    with_csrf_cookie,
)
from tests.support.personas import HR_PASSWORD
from tests.support.results_factory import make_response

FORM = "application/x-www-form-urlencoded"
CAMPAIGN_FIELDS = ["name", "opens_on", "closes_on", "default_language", "csrfmiddlewaretoken"]
DEPARTMENT_FIELDS = ["name", "headcount", "csrfmiddlewaretoken"]


near_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
dates = mostly(
    near_days.map(date.isoformat),
    st.one_of(
        st.dates().map(date.isoformat),
        st.sampled_from(["0001-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "0000-00-00"]),
        st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
        nasty_text,
    ),
)
names = mostly(st.text(st.characters(codec="utf-8"), min_size=1, max_size=60), nasty_text)
campaign_values = {
    "name": names,
    "opens_on": dates,
    "closes_on": dates,
    "default_language": mostly(st.sampled_from(["nl", "fr", "en"]), nasty_text),
}
# Every field of the page, or only some of them.
campaign_forms = st.fixed_dictionaries(campaign_values) | st.fixed_dictionaries(
    {}, optional=campaign_values
)
headcounts = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "1e3", "1_000", "٣", "0x10", "-0", "1.5"]),
    nasty_text,
)


def _form(values: dict, extra: list) -> str:
    """The fields a page sends (each once, some left out) and odd extra ones."""
    return urlencoded([*values.items(), *extra])


@pytest.fixture
def hr_client(both_a):
    """Organisation A's one HR person (reader and custodian), so every HR page is open to
    the fuzzed requests; which role opens which page is tests/hr/test_permissions.py's."""
    client = Client()
    client.force_login(both_a)
    return client


@pytest.fixture
def csrf_checked_hr_client(both_a):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(both_a)
    return client


@pytest.fixture
def respondent_data(campaign_a, departments_a):
    """Answers already given, which no HR form may change."""
    make_response(campaign_a, department=departments_a[0])
    make_response(campaign_a)
    return Response.objects.count(), Answer.objects.count()


def _respondent_data_unchanged(respondent_data) -> None:
    assert (Response.objects.count(), Answer.objects.count()) == respondent_data


@fuzz_settings
@given(
    values=campaign_forms,
    extra=mostly(st.just([]), form_pairs(CAMPAIGN_FIELDS)),
)
def test_creating_a_campaign_saves_a_valid_one_or_shows_the_form_again(
    hr_client, org_a, respondent_data, values, extra
):
    before = set(Campaign.objects.values_list("pk", flat=True))
    path = f"/hr/organisations/{org_a.pk}/campaigns/new/"
    response = hr_client.post(path, _form(values, extra), content_type=FORM)
    assert_not_a_server_error(response)
    created = list(Campaign.objects.exclude(pk__in=before))
    if response.status_code == 302:
        (campaign,) = created
        campaign.full_clean()
        assert campaign.organisation == org_a and campaign.opens_on <= campaign.closes_on
        assert_not_a_server_error(hr_client.get(response.url))  # its dashboard
    else:  # the form again, with what was wrong (an empty form too)
        assert response.status_code == 400 and created == []
        assert 'name="name"' in response.content.decode()
    _respondent_data_unchanged(respondent_data)


@fuzz_settings
@given(
    values=campaign_forms,
    extra=mostly(st.just([]), form_pairs(CAMPAIGN_FIELDS)),
)
def test_editing_a_campaign_saves_valid_values_or_changes_nothing(
    hr_client, campaign_a, respondent_data, values, extra
):
    path = f"/hr/campaigns/{campaign_a.pk}/edit/"
    before = Campaign.objects.values().get(pk=campaign_a.pk)
    response = hr_client.post(path, _form(values, extra), content_type=FORM)
    assert_not_a_server_error(response)
    after = Campaign.objects.get(pk=campaign_a.pk)
    if response.status_code == 302:
        after.full_clean()
        assert_not_a_server_error(hr_client.get(response.url))
    else:
        assert response.status_code == 400
        assert Campaign.objects.values().get(pk=campaign_a.pk) == before
    _respondent_data_unchanged(respondent_data)


@fuzz_settings
@given(
    values=st.fixed_dictionaries(
        {},
        optional={"name": st.text(min_size=1, max_size=210) | nasty_text, "headcount": headcounts},
    ),
    extra=form_pairs(DEPARTMENT_FIELDS),
    edit=st.booleans(),
)
def test_department_forms_save_a_valid_department_or_show_the_form_again(
    hr_client, org_a, departments_a, respondent_data, values, extra, edit
):
    if edit:
        path = f"/hr/departments/{departments_a[2].pk}/edit/"
    else:
        path = f"/hr/organisations/{org_a.pk}/departments/new/"
    before = list(Department.objects.order_by("pk").values())
    response = hr_client.post(path, _form(values, extra), content_type=FORM)
    assert_not_a_server_error(response)
    if response.status_code == 302:
        for department in Department.objects.all():
            department.full_clean()
    else:
        assert response.status_code == 400
        assert list(Department.objects.order_by("pk").values()) == before
    _respondent_data_unchanged(respondent_data)


@fuzz_settings
@given(body=raw_body, content_type=content_types, target=st.sampled_from(["campaign", "dept"]))
def test_malformed_bodies_never_break_an_hr_form(
    hr_client, org_a, campaign_a, respondent_data, body, content_type, target
):
    paths = {
        "campaign": f"/hr/campaigns/{campaign_a.pk}/edit/",
        "dept": f"/hr/organisations/{org_a.pk}/departments/new/",
    }
    assert_not_a_server_error(post_raw(hr_client, paths[target], body, content_type))
    _respondent_data_unchanged(respondent_data)


@fuzz_settings
@given(
    body=raw_body,
    content_type=content_types,
    target=st.sampled_from(["campaign", "delete", "login", "missing"]),
)
def test_malformed_bodies_through_the_csrf_check_never_break_hr_pages(
    hr_client, org_a, campaign_a, departments_a, respondent_data, body, content_type, target
):
    paths = {
        "campaign": f"/hr/campaigns/{campaign_a.pk}/edit/",
        "delete": f"/hr/departments/{departments_a[0].pk}/delete/",
        "login": "/accounts/login/",
        "missing": "/hr/no-such-page/",
    }
    client = with_csrf_cookie(hr_client)
    response = post_raw(client, paths[target], body, content_type)
    assert_not_a_server_error(response)
    assert response.status_code in (400, 403, 404)
    assert Department.objects.count() == 3
    _respondent_data_unchanged(respondent_data)


@fuzz_settings
@given(
    query=st.one_of(
        raw_escapes, form_pairs(["department", "format", "lang", "page"]).map(urlencoded)
    ),
    page=st.sampled_from(["", "export.csv", "export.xlsx", "poster/"]),
)
def test_query_parameters_never_break_the_dashboard_or_its_exports(
    hr_client, campaign_a, respondent_data, query, page
):
    response = hr_client.get(f"/hr/campaigns/{campaign_a.pk}/{page}?{query}")
    assert_not_a_server_error(response)
    assert response.status_code == 200


@fuzz_settings
@given(number=st.integers(min_value=-(10**30), max_value=10**30).map(str) | nasty_text)
def test_any_hr_object_number_is_the_page_or_a_not_found_page(hr_client, number):
    pk = quote(number, safe="")
    for path in (
        f"/hr/campaigns/{pk}/",
        f"/hr/campaigns/{pk}/edit/",
        f"/hr/departments/{pk}/edit/",
        f"/hr/organisations/{pk}/departments/",
    ):
        assert_not_a_server_error(hr_client.get(path))


# Usernames up to 255 characters: a longer one is a known 500 on PostgreSQL (the login
# throttle stores the raw username in a 255-character column), pinned by the test below.
login_text = nasty_text.map(lambda text: text[:255])


@fuzz_settings
@given(
    values=st.fixed_dictionaries(
        {}, optional={"username": login_text, "password": nasty_text, "next": nasty_text}
    ),
    extra=form_pairs(["password", "next", "csrfmiddlewaretoken"]),
)
def test_the_login_form_logs_in_or_explains(hr_a, values, extra):
    client = Client()
    response = client.post("/accounts/login/", _form(values, extra), content_type=FORM)
    assert_not_a_server_error(response)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_a_very_long_username_is_a_wrong_login_not_a_server_error(hr_a):
    response = Client().post("/accounts/login/", {"username": "0" * 256, "password": " "})
    assert_not_a_server_error(response)
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "0" * 255


@fuzz_settings
@given(next_url=nasty_text | raw_escapes)
def test_a_right_password_with_any_next_address_stays_on_this_site(hr_a, next_url):
    client = Client()
    body = {"username": "alice", "password": HR_PASSWORD, "next": next_url}
    response = client.post("/accounts/login/", body)
    assert_not_a_server_error(response)
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.netloc in ("", "testserver") and target.scheme in ("", "http", "https")


def test_wrong_methods_on_hr_pages_get_a_page_and_change_nothing(
    hr_client, org_a, campaign_a, departments_a, respondent_data
):
    paths = [
        "/hr/",
        f"/hr/organisations/{org_a.pk}/campaigns/new/",
        f"/hr/organisations/{org_a.pk}/departments/",
        f"/hr/organisations/{org_a.pk}/departments/new/",
        f"/hr/departments/{departments_a[2].pk}/edit/",
        f"/hr/departments/{departments_a[2].pk}/delete/",
        f"/hr/campaigns/{campaign_a.pk}/",
        f"/hr/campaigns/{campaign_a.pk}/edit/",
        f"/hr/campaigns/{campaign_a.pk}/export.csv",
    ]
    for path in paths:
        for method in WRONG_METHODS:
            response = hr_client.generic(method, path, "name=x", content_type=FORM)
            assert response.status_code == 405, (method, path)
            assert_not_a_server_error(response, method)
    for method in WRONG_METHODS:  # the login page takes PUT as a POST, OPTIONS and HEAD
        response = Client().generic(method, "/accounts/login/", "username=x", content_type=FORM)
        assert_not_a_server_error(response, method)
    assert Department.objects.count() == 3 and Campaign.objects.count() == 1
    _respondent_data_unchanged(respondent_data)


@fuzz_settings
@given(
    values=st.fixed_dictionaries({}, optional=campaign_values), extra=form_pairs(CAMPAIGN_FIELDS)
)
def test_hr_forms_without_their_csrf_token_change_nothing(
    csrf_checked_hr_client, org_a, departments_a, values, extra
):
    client = csrf_checked_hr_client
    for path in (
        f"/hr/organisations/{org_a.pk}/campaigns/new/",
        f"/hr/organisations/{org_a.pk}/departments/new/",
        f"/hr/departments/{departments_a[2].pk}/delete/",
        "/accounts/logout/",
    ):
        response = client.post(path, _form(values, extra), content_type=FORM)
        assert response.status_code == 403
        assert "<h1>The form has expired</h1>" in response.content.decode()
    assert Campaign.objects.count() == 0 and Department.objects.count() == 3
