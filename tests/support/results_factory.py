"""Responses with known answers for the results, PDF and deletion tests.

Stored through the survey's own submit service (respondent.services.response_submit), so
these tests do not depend on the questionnaire views but store exactly what a submission
stores.
"""

from __future__ import annotations

import secrets

from questionnaire.core.instrument import instrument
from questionnaire.models import Response
from questionnaire.respondent.services import response_submit

# A respondent whose scores are worked out by hand in the comments (item scores 0-100;
# cli_2..4 are reverse items; None = not applicable; a missing code = skipped).
KNOWN_ANSWERS = {
    # colleagues
    "col_mat_1": 100, "col_mat_2": 75,   # material-colleagues 87.5
    "col_inf_1": 75, "col_inf_2": 75,    # informational-colleagues 75
    "col_res_1": 50, "col_res_2": 75,    # respecting-colleagues 62.5
    "col_emo_1": 100, "col_emo_2": 100,  # emotional-colleagues 100 (strongest)
    # supervisor
    "sup_mat_1": 0, "sup_mat_2": 25,     # material-supervisor 12.5
    "sup_inf_1": 25, "sup_inf_2": 25,    # informational-supervisor 25
    "sup_res_1": 0, "sup_res_2": 0,      # respecting-supervisor 0 (weakest, tied)
    "sup_emo_1": None, "sup_emo_2": None,  # emotional-supervisor: not enough answers
    # third parties
    "thp_mat_1": 50, "thp_mat_2": 50,    # material-third parties 50
    "thp_inf_1": 75, "thp_inf_2": 50,    # informational-third parties 62.5
    "thp_res_1": 25, "thp_res_2": 50,    # respecting-third parties 37.5
    "thp_emo_1": 0,                      # emotional-third parties 0 (1 of 2 answered)
    # pressure 75; climate (75 + 50 + 75 + 100) / 4 = 75
    "pre_1": 100, "pre_2": 75, "pre_3": 75, "pre_4": 50,
    "cli_1": 75, "cli_2": 50, "cli_3": 25, "cli_4": 0,
    # needs
    "need_mat": 75, "need_inf": 50, "need_res": 100, "need_emo": 50,
}  # fmt: skip

# Worked out by hand from KNOWN_ANSWERS:
# types: material (100+75+0+25+50+50)/6 = 50; informational 325/6 = 54.17;
#        respecting 200/6 = 33.33 (low); emotional (100+100+0)/3 = 66.67 (3 of 6 answered)
# sources: colleagues 650/8 = 81.25; supervisor 75/6 = 12.5 (low); third parties 300/7 = 42.86
# overall 1025/21 = 48.81; gaps (need - received): material 25 (large), informational -4.17,
#        respecting 66.67 (large), emotional -16.67
EXPECTED = {
    "material": 50.0,
    "informational": 325 / 6,
    "respecting": 200 / 6,
    "emotional": 200 / 3,
    "colleagues": 81.25,
    "supervisor": 12.5,
    "third_parties": 300 / 7,
    "overall": 1025 / 21,
    "pressure": 75.0,
    "climate": 75.0,
}


def make_response(
    campaign, answers=None, *, language="nl", department=None, submitted_on=None
) -> tuple[Response, str]:
    """A saved response with its answers and stored scores, and its report token."""
    response, token = response_submit(
        campaign=campaign,
        department=department,
        language=language,
        answers=KNOWN_ANSWERS if answers is None else answers,
        submission_key=secrets.token_urlsafe(16),
    )
    # The service stamps today's date; tests of retention and comparisons set another day.
    day = submitted_on or campaign.opens_on
    if response.submitted_on != day:
        Response.objects.filter(pk=response.pk).update(submitted_on=day)
        response.submitted_on = day
    return response, token


def uniform_answers(value: int) -> dict[str, int]:
    """Every item answered with the same value (reverse items included)."""
    return {item.code: value for item in instrument().items}
