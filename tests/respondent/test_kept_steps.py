"""Keeping the picked first steps with the response: only when the respondent ticks the box,
removable again, deleted with the response, never half-saved from a tampered form."""

import pytest
from django.conf import settings

from questionnaire.models import KeptFirstStep, PersonalReport, Response
from questionnaire.respondent.deletion import response_delete
from tests.support.results_factory import make_response

# KNOWN_ANSWERS' weak areas include the supervisor (two steps) and material support.
SUPERVISOR_STEPS = ["supervisor-lean-on-colleagues", "confidential-talk"]


@pytest.fixture
def known(campaign_a):
    return make_response(campaign_a)


def _post(client, token, data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(f"/r/{token}/report.pdf", {"lang": "en", **data})


def _kept(response) -> set[str]:
    return set(KeptFirstStep.objects.filter(response=response).values_list("code", flat=True))


def _page(client, token) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(f"/r/{token}/").content.decode()


def test_without_the_box_nothing_is_kept(client, known):
    response, token = known
    download = _post(client, token, {"step": SUPERVISOR_STEPS})
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert KeptFirstStep.objects.count() == 0
    assert not PersonalReport.objects.filter(response=response).exists()  # picks: not stored
    assert "You keep" not in _page(client, token)


def test_with_the_box_the_picks_are_kept_and_ticked_again(client, known):
    response, token = known
    download = _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert _kept(response) == set(SUPERVISOR_STEPS)
    page = _page(client, token)
    assert (
        'value="supervisor-lean-on-colleagues" id="step-supervisor-lean-on-colleagues" checked>'
        in page
    )
    assert 'value="material-name-a-task" id="step-material-name-a-task">' in page
    assert (
        'name="keep" value="yes" id="keep-steps" aria-describedby="keep-steps-help" checked>'
        in page
    )
    assert "You keep 2 first steps with your answers." in page


def test_the_box_is_unticked_by_default_and_says_what_is_stored(client, known):
    page = _page(client, known[1])
    assert 'name="keep" value="yes" id="keep-steps" aria-describedby="keep-steps-help">' in page
    assert "alongside your anonymous answers" in page
    assert "Only you see them, never HR." in page


def test_keeping_again_replaces_the_kept_steps(client, known):
    response, token = known
    _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})
    _post(client, token, {"step": ["material-name-a-task"], "keep": "yes"})
    assert _kept(response) == {"material-name-a-task"}


def test_the_remove_button_deletes_the_kept_steps(client, known):
    response, token = known
    _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})
    assert f'action="/r/{token}/steps/forget/"' in _page(client, token)
    back = client.post(f"/r/{token}/steps/forget/")
    assert back.status_code == 302 and back["Location"] == f"/r/{token}/#advice-heading"
    assert _kept(response) == set()
    assert "You keep" not in _page(client, token)


def test_unticking_the_box_forgets_the_kept_steps(client, known):
    response, token = known
    _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})
    assert _post(client, token, {"step": SUPERVISOR_STEPS}).status_code == 200
    assert _kept(response) == set()


def test_removing_needs_a_post_and_a_valid_link(client, known):
    response, token = known
    _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})
    assert client.get(f"/r/{token}/steps/forget/").status_code == 405
    assert client.post(f"/r/{token[::-1]}/steps/forget/").status_code == 404
    assert _kept(response) == set(SUPERVISOR_STEPS)


def test_deleting_the_response_deletes_its_kept_steps(client, known):
    response, token = known
    _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})
    response_delete(response=response)
    assert not Response.objects.filter(pk=response.pk).exists()
    assert KeptFirstStep.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"step": ["supervisor-lean-on-colleagues", "no-such-step"]},
            "The form sent a first step your results do not offer: no-such-step.",
        ),
        (  # a real step, but of an area that is not weak for this respondent
            {"step": ["informational-intervision"]},
            "The form sent a first step your results do not offer: informational-intervision.",
        ),
        (
            {"step": ["supervisor-lean-on-colleagues"] * 11},
            "The form sent more first steps (11) than your results offer (10).",
        ),
        (
            {"step": ["supervisor-lean-on-colleagues", "supervisor-lean-on-colleagues"]},
            "The form sent the same first step more than once.",
        ),
        ({"keep": "1"}, "The box to keep your first steps can only be ticked or not."),
        ({"keep": ["yes", "yes"]}, "The box to keep your first steps can only be ticked or not."),
        ({"admin": "1"}, "The form contained a field this page does not have: admin."),
    ],
)
def test_a_tampered_form_is_refused_and_nothing_is_kept(client, known, data, message):
    response, token = known
    _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes"})  # kept before
    refused = _post(client, token, {"step": SUPERVISOR_STEPS, "keep": "yes", **data})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert message in page
    assert "Nothing was saved or changed." in page
    assert f'href="/r/{token}/"' in page
    assert _kept(response) == set(SUPERVISOR_STEPS)  # unchanged, not half-replaced


def test_a_file_instead_of_ticked_boxes_is_refused(client, known):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response, token = known
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = client.post(
        f"/r/{token}/report.pdf",
        {"keep": "yes", "step": SimpleUploadedFile("steps.txt", b"supervisor-lean-on-colleagues")},
    )
    assert refused.status_code == 400
    assert "The form sent a file" in refused.content.decode()
    assert _kept(response) == set()


def test_a_refusal_is_in_the_page_language(client, known):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    refused = client.post(f"/r/{known[1]}/report.pdf", {"keep": "oui"})
    assert refused.status_code == 400
    assert "La case pour conserver vos actions" in refused.content.decode()
