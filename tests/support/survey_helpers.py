"""Helpers for the questionnaire tests: the steps' URLs and forms as a browser sends them."""

from django.core import signing

from questionnaire.core.instrument import instrument
from questionnaire.respondent.answers_cookie import COOKIE_NAME, COOKIE_SALT, session_key

STEPS = instrument().steps


def start_url(campaign) -> str:
    return f"/s/{campaign.public_id}/"


def step_url(campaign, number: int) -> str:
    return f"/s/{campaign.public_id}/step/{number}/"


def step_form(number: int, answers: dict, go: str = "next") -> dict:
    """The posted form of step `number` with those of `answers` that belong to it."""
    codes = {item.code for item in STEPS[number - 1].items}
    form = {code: "na" if value is None else str(value) for code, value in answers.items()}
    return {"go": go, **{code: value for code, value in form.items() if code in codes}}


def answer_every_step(client, campaign, answers: dict) -> None:
    for number in range(1, len(STEPS)):
        response = client.post(step_url(campaign, number), step_form(number, answers))
        assert response.status_code == 200, response.content.decode()[:500]


def submit(client, campaign, answers: dict):
    return client.post(step_url(campaign, len(STEPS)), step_form(len(STEPS), answers, "submit"))


def survey_state(client) -> dict:
    """The questionnaire state the respondent's browser carries in its signed cookie."""
    cookie = client.cookies.get(COOKIE_NAME)
    if cookie is None or not cookie.value:
        return {}
    return signing.loads(cookie.value, salt=COOKIE_SALT)


def set_survey_state(client, state: dict) -> None:
    client.cookies[COOKIE_NAME] = signing.dumps(state, salt=COOKIE_SALT, compress=True)


def progress(client, campaign) -> dict | None:
    return survey_state(client).get(session_key(campaign))
