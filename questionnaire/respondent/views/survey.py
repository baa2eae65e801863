"""The respondent's questionnaire: the campaign's entry page, the five steps, submission.

No account and no JavaScript: every step is a plain form whose answers go to the session
(answers_cookie) on Back and on Next, so nothing is lost by a reload or a closed tab.
A form our pages could not have sent gets a 400 page and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from functools import lru_cache, wraps

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ...core import db_outage
from ...core.access_codes import CodeRefused, CodeThrottled, code_enter, normalise
from ...core.instrument import (
    CHOICE_VALUES,
    CHOICES,
    LANGUAGES,
    NOT_APPLICABLE_LABEL,
    instrument,
    translate,
)
from ...core.languages import active_language
from ...core.privacy import k_for
from ...models import Campaign, Department
from .. import answers_cookie
from ..campaign_lookup import campaign_by_public_id, organisation_departments
from ..forms import (
    BACK,
    NOT_APPLICABLE,
    SUBMIT,
    BadSurveyPost,
    clean_answered_step,
    clean_code_text,
    clean_department,
    clean_step,
    refuse_files,
)
from ..services import (
    AlreadySubmitted,
    SubmissionDeleted,
    response_submit,
    submission_deleted,
)
from ..throttle_views import code_throttled


class SurveyRequest(HttpRequest):
    """The request a view wrapped in `_with_survey_state` gets: it carries the state."""

    survey_state: answers_cookie.SurveyState


# The shape of models.new_public_id(): anything else (a NUL byte, which PostgreSQL refuses
# in a query, or odd Unicode) is no campaign, without asking the database.
_PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def _campaign(request: HttpRequest, public_id: str) -> Campaign:
    if not _PUBLIC_ID.fullmatch(public_id):
        raise Http404
    state = getattr(request, "survey_state", None) or {}
    entry = state.get(answers_cookie.session_key_for(public_id))
    # Whether this browser's submission was deleted is asked in the same query.
    submission_key = entry["submission_key"] if entry is not None else None
    campaign = campaign_by_public_id(public_id, submission_key=submission_key)
    if campaign is None:
        raise Http404
    _use_campaign_language(request, campaign)
    return campaign


def _use_campaign_language(request: HttpRequest, campaign: Campaign) -> None:
    """Speak the campaign's default language to respondents who have not chosen one with
    the switcher and whose browser asks for none of ours (LocaleMiddleware would fall back
    to the site's default, which may not be the organisation's language)."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or _browser_asks_for_ours(request):
        return
    translation.activate(campaign.default_language)
    request.LANGUAGE_CODE = campaign.default_language


def _browser_asks_for_ours(request: HttpRequest) -> bool:
    for part in request.headers.get("Accept-Language", "").split(","):
        tag, _, quality = part.strip().lower().partition(";q=")
        if tag.split("-")[0] in LANGUAGES and quality.strip() not in ("0", "0.0", "0.00", "0.000"):
            return True
    return False


def _bad_request(request: HttpRequest, campaign: Campaign, error: BadSurveyPost) -> HttpResponse:
    context = {"campaign": campaign, "problem": error.message}
    return render(request, "survey/bad_request.html", context, status=400)


def _not_open(request: HttpRequest, campaign: Campaign, *, kept: bool = False) -> HttpResponse:
    context = {
        "campaign": campaign,
        "status": campaign.status(timezone.localdate()),
        "answers_kept": kept,
    }
    return render(request, "survey/not_open.html", context)


def _answers_deleted(request: SurveyRequest, campaign: Campaign) -> HttpResponse:
    """The page for a questionnaire whose response the respondent deleted: reached by
    replaying a request from before the submission (the back button, an old tab, a saved
    cookie). Nothing is stored again, and the browser forgets the deleted answers."""
    answers_cookie.forget(request.survey_state, campaign)
    context = {"campaign": campaign, "is_open": _is_open(campaign)}
    return render(request, "survey/deleted.html", context)


def _was_deleted(request: SurveyRequest, campaign: Campaign) -> bool:
    """Whether the browser's questionnaire for `campaign` was submitted and then deleted."""
    entry = request.survey_state.get(answers_cookie.session_key(campaign))
    if entry is None:
        return False
    asked = getattr(campaign, "submission_was_deleted", None)  # by _campaign, usually
    return asked if asked is not None else submission_deleted(entry["submission_key"])


def _with_survey_state(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Give the view the respondent's questionnaire state (request.survey_state) and write
    it back to their cookie when the view changed it."""

    @wraps(view)
    def wrapper(request: SurveyRequest, *args, **kwargs) -> HttpResponse:
        request.survey_state = answers_cookie.load(request)
        try:
            response = view(request, *args, **kwargs)
        except DatabaseError as error:
            if not db_outage.is_outage(error):
                raise
            # The database went away (mid-submission too: nothing was stored, and the
            # state is not marked submitted). Keep what this request sent on the device,
            # so trying again once the database is back submits the same answers; the
            # page's "Try again" posts them again, in case the view had not kept them yet.
            response = db_outage.outage_response(request, error, resend=True)
        answers_cookie.store(request.survey_state, response)
        return response

    return wrapper


def _is_open(campaign: Campaign) -> bool:
    return campaign.status(timezone.localdate()) == Campaign.OPEN


@never_cache
@require_http_methods(["GET", "POST"])
@_with_survey_state
def start(request: SurveyRequest, public_id: str) -> HttpResponse:
    """What the questionnaire is about, what HR will see, and an optional department."""
    campaign = _campaign(request, public_id)
    if _was_deleted(request, campaign):
        return _answers_deleted(request, campaign)
    if not _is_open(campaign):
        return _not_open(request, campaign)
    if request.method == "POST" and _on_codes(campaign):
        return _start_with_code(request, campaign)
    if request.method == "POST":
        try:
            refuse_files(request.FILES)
            department_id = clean_department(request.POST, campaign)
        except BadSurveyPost as error:
            return _bad_request(request, campaign, error)
        answers_cookie.start(request.survey_state, campaign, department_id=department_id)
        return redirect("survey:step", public_id=public_id, number=1)
    return _render_start(request, campaign)


def _render_start(
    request: SurveyRequest, campaign: Campaign, *, code_error: str = "", status: int = 200
) -> HttpResponse:
    progress = answers_cookie.progress(request.survey_state, campaign)
    questions = instrument(campaign.instrument_version)
    on_codes = _on_codes(campaign)
    context = {
        "campaign": campaign,
        "on_codes": on_codes,
        "code": request.POST.get("code") or request.GET.get("code", ""),
        "code_error": code_error,
        "departments": () if on_codes else organisation_departments(campaign),
        "chosen_department": progress["department"],
        "submitted_token": answers_cookie.report_token(progress) if progress["submitted"] else None,
        "item_count": len(questions.items),
        "step_count": len(questions.steps),
        "k": k_for(campaign.organisation),
    }
    return render(request, "survey/start.html", context, status=status)


def _on_codes(campaign: Campaign) -> bool:
    return campaign.access == Campaign.ACCESS_CODES


def _start_with_code(request: SurveyRequest, campaign: Campaign) -> HttpResponse:
    """A campaign on access codes: an unspent code of this campaign lets one in, with the
    code's department. Tries count per campaign and per code, not per client address
    (codes.code_enter)."""
    try:
        refuse_files(request.FILES)
        code = code_enter(campaign=campaign, text=clean_code_text(request.POST))
    except BadSurveyPost as error:
        return _bad_request(request, campaign, error)
    except CodeRefused as refused:
        return _render_start(request, campaign, code_error=refused.message, status=400)
    except CodeThrottled as throttled:
        return code_throttled(request, campaign, throttled)
    answers_cookie.start(
        request.survey_state,
        campaign,
        department_id=code.batch.department_id,
        code=normalise(request.POST["code"]),
    )
    return redirect("survey:step", public_id=campaign.public_id, number=1)


@lru_cache(maxsize=128)
def _step_questions(version: int, number: int, language: str) -> tuple[tuple[str, str], ...]:
    """Per question of the step: its code and its radio group's HTML with no answer
    checked. The groups are the same for every respondent but for the checked answer, so
    they are rendered once per language and kept in memory: a step has some sixty radio
    buttons, and rendering them through the template engine on every request cost more
    than the rest of the page."""
    step = instrument(version).steps[number - 1]
    labels = [(str(choice.value), translate(choice.label, language)) for choice in CHOICES]
    context = {
        "options": labels,
        "not_applicable": (NOT_APPLICABLE, translate(NOT_APPLICABLE_LABEL, language)),
        "scale_low": translate(CHOICES[0].label, language),
        "scale_high": translate(CHOICES[-1].label, language),
    }
    template = get_template("survey/_question.html")
    rows = []
    for item in step.items:
        text = translate(item.text, language)
        rows.append((item.code, template.render({**context, "code": item.code, "text": text})))
    return tuple(rows)


def _questions(
    campaign: Campaign, number: int, answers: answers_cookie.AnswersSoFar, language: str
) -> list[SafeString]:
    """The step's radio groups with the respondent's answers checked."""
    questions = []
    for code, html in _step_questions(campaign.instrument_version, number, language):
        given = _given(answers.get(code, _SKIPPED))
        if given is not None:
            radio = f'name="{code}" value="{given}">'
            html = html.replace(radio, radio[:-1] + " checked>")
        # Our template's escaped output; only " checked" is added, after a known answer.
        questions.append(mark_safe(html))  # noqa: S308  # nosec B308 B703
    return questions


_SKIPPED = object()
_GIVEN: dict[int | None, str] = {None: NOT_APPLICABLE, **{v: str(v) for v in CHOICE_VALUES}}


def _given(answer) -> str | None:
    """The value of the radio to check: only one of the scale's, never anything else."""
    if answer is _SKIPPED:
        return None
    return _GIVEN.get(answer)


@never_cache
@require_http_methods(["GET", "POST"])
@_with_survey_state
def step(request: SurveyRequest, public_id: str, number: int) -> HttpResponse:
    """One step of questions. POST keeps the answers, then goes back, on, or submits."""
    campaign = _campaign(request, public_id)
    questions = instrument(campaign.instrument_version)
    if not 1 <= number <= len(questions.steps):
        return _bad_request(request, campaign, _step_out_of_range(number))
    if _was_deleted(request, campaign):
        return _answers_deleted(request, campaign)
    progress = answers_cookie.progress(request.survey_state, campaign)
    if progress["submitted"]:
        # A double click or a replayed form after the submission: the results are ready.
        return redirect("results:detail", answers_cookie.report_token(progress))
    if not _is_open(campaign):
        return _not_open(request, campaign, kept=bool(progress["answers"]))
    if _on_codes(campaign) and not progress.get("code"):
        return redirect("survey:start", public_id=public_id)
    if request.method == "POST":
        return _post_step(request, campaign, number)
    return _render_step(request, campaign, number, progress)


def _post_step(request: SurveyRequest, campaign: Campaign, number: int) -> HttpResponse:
    """Keep the posted step's answers, then submit, or show the step the form leads to.

    Next and Back post to the address of the step they lead to (formaction), with the
    number of the answered step, and that step is shown in this response: one request per
    step instead of a POST and a redirected GET, and the address bar shows the step on
    screen. A form posted to its own step's address (a page from before this change)
    still works. Posting only replaces that step's answers with the ones sent, so a reload
    that posts the same form again changes nothing."""
    steps = instrument(campaign.instrument_version).steps
    try:
        refuse_files(request.FILES)
        answered = clean_answered_step(request.POST, shown=number, step_count=len(steps))
        current = steps[answered - 1]
        answers, go = clean_step(request.POST, current, is_last=answered == len(steps))
    except BadSurveyPost as error:
        return _bad_request(request, campaign, error)
    codes = [item.code for item in current.items]
    answers_cookie.save_answers(request.survey_state, campaign, item_codes=codes, answers=answers)
    if go == SUBMIT:
        return _submit(request, campaign)
    if answered == number:  # posted to its own address: move on from there
        if go == BACK and number == 1:
            return redirect("survey:start", public_id=campaign.public_id)
        number = number - 1 if go == BACK else number + 1
    progress = answers_cookie.progress(request.survey_state, campaign)
    return _render_step(request, campaign, number, progress)


def _step_out_of_range(number: int) -> BadSurveyPost:
    return BadSurveyPost(_("This questionnaire has no step %(number)s.") % {"number": number})


def _render_step(request: HttpRequest, campaign: Campaign, number: int, progress) -> HttpResponse:
    questions = instrument(campaign.instrument_version)
    language = active_language(fallback="nl")
    current = questions.steps[number - 1]
    answers = progress["answers"]
    earlier_items = [item for step in questions.steps[: number - 1] for item in step.items]
    context = {
        "campaign": campaign,
        "number": number,
        "step_count": len(questions.steps),
        "is_last": number == len(questions.steps),
        "title": translate(current.title, language),
        "intro": translate(current.intro, language),
        "steps": [translate(step.title, language) for step in questions.steps],
        "questions": _questions(campaign, number, answers, language),
        "open_earlier": sum(1 for item in earlier_items if item.code not in answers),
    }
    return render(request, "survey/step.html", context)


def _submit(request: SurveyRequest, campaign: Campaign) -> HttpResponse:
    """Store the response once per submission key, then show its results."""
    progress = answers_cookie.progress(request.survey_state, campaign)
    # A department deleted since the respondent chose it: store the answers without one,
    # as if they had preferred not to say, rather than lose them to an error page.
    department = None
    if progress["department"] is not None:
        department = Department.objects.filter(
            pk=progress["department"], organisation_id=campaign.organisation_id
        ).first()
    # AlreadySubmitted: the same session submitted a moment ago (double click, second tab);
    # its token derives from the same submission key, so both end on the same results page.
    token = answers_cookie.report_token(progress)
    try:
        with suppress(AlreadySubmitted):
            response_submit(
                campaign=campaign,
                department=department,
                language=active_language(fallback="nl"),
                answers=progress["answers"],
                submission_key=progress["submission_key"],
                report_token=token,
                access_code=progress.get("code") if _on_codes(campaign) else None,
            )
    except CodeRefused as refused:
        # Nothing was stored; the answers stay on the device for another code.
        return _bad_request(request, campaign, BadSurveyPost(refused.message))
    except SubmissionDeleted:  # deleted between this step's check and now
        return _answers_deleted(request, campaign)
    answers_cookie.mark_submitted(request.survey_state, campaign)
    # The address itself: redirect() would first try it as a URL name (a failed reverse).
    return HttpResponseRedirect(reverse("results:detail", args=[token]))
