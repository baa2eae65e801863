"""Validation of the questionnaire's posted forms: small explicit checks, no form classes.

A browser that follows our pages only ever sends what these functions accept. Anything else
(an unknown field, a value off the scale, a department of another organisation) is a
tampered or broken request: it raises BadSurveyPost with a message for the 400 page, and
the caller stores nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ..core.instrument import CHOICE_VALUES, Step
from ..models import Campaign

NOT_APPLICABLE = "na"
NOT_SAID = "none"
BACK, NEXT, SUBMIT = "back", "next", "submit"
NAVIGATION_FIELD = "go"
# The step whose answers the form carries, when the form is posted to the address of the
# step it leads to (Next and Back post there, so the address bar shows the step on screen).
ANSWERED_FIELD = "answered"
CSRF_FIELD = "csrfmiddlewaretoken"
_VALUES = {str(value): value for value in CHOICE_VALUES}


class BadSurveyPost(Exception):
    """A posted questionnaire form that our pages could not have sent."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _unexpected_field(name: str) -> str:
    return _("The form contained a field this page does not have: %(field)s.") % {
        "field": name[:40]
    }


def _only_fields(post: QueryDict, allowed: set[str]) -> None:
    unexpected = sorted(set(post) - allowed)
    if unexpected:
        raise BadSurveyPost(_unexpected_field(unexpected[0]))
    for field in post:
        if len(post.getlist(field)) > 1:
            raise BadSurveyPost(
                _("The form sent more than one answer for %(field)s.") % {"field": field[:40]}
            )


def refuse_files(files: MultiValueDict) -> None:
    """The questionnaire's forms have no file field: a form with a file part (its name an
    unknown field as much as a text part's) was not sent by our pages."""
    if files:
        raise BadSurveyPost(_unexpected_field(sorted(files)[0]))


def clean_step(post: QueryDict, step: Step, *, is_last: bool) -> tuple[dict[str, int | None], str]:
    """The step's answers (item code -> value, None = not applicable; skipped items are
    absent) and where the respondent wants to go: BACK, NEXT or SUBMIT."""
    codes = [item.code for item in step.items]
    _only_fields(post, {CSRF_FIELD, NAVIGATION_FIELD, ANSWERED_FIELD, *codes})
    go = post.get(NAVIGATION_FIELD)
    if go not in (BACK, SUBMIT if is_last else NEXT):
        raise BadSurveyPost(_("The form did not say whether to go back or forward."))
    answers: dict[str, int | None] = {}
    for code in codes:
        raw = post.get(code)
        if raw is None or raw == "":
            continue
        if raw == NOT_APPLICABLE:
            answers[code] = None
        elif raw in _VALUES:
            answers[code] = _VALUES[raw]
        else:
            raise BadSurveyPost(
                _("The answer to question %(code)s is not one of the choices offered.")
                % {"code": code}
            )
    return answers, go


def clean_answered_step(post: QueryDict, *, shown: int, step_count: int) -> int:
    """The number of the step whose answers a form posted to step `shown` carries: that
    step itself, or, for a form that says so, the step before it (Next) or after it (Back)."""
    raw = post.get(ANSWERED_FIELD)
    if raw is None or raw == str(shown):
        return shown
    allowed = {NEXT: shown - 1, BACK: shown + 1}.get(post.get(NAVIGATION_FIELD, ""))
    if allowed is None or not 1 <= allowed <= step_count or raw != str(allowed):
        raise BadSurveyPost(_("The form does not fit the step it was sent to."))
    return int(raw)


def clean_code_text(post: QueryDict) -> str:
    """The access code as typed (checked against the campaign's codes by codes.code_enter)."""
    _only_fields(post, {CSRF_FIELD, "code"})
    text = post.get("code", "")
    if len(text) > 40:
        raise BadSurveyPost(_("An access code has twelve letters and digits."))
    return text


def clean_department(post: QueryDict, campaign: Campaign) -> int | None:
    """The chosen department's id, or None when the respondent skipped or preferred not to
    say. Only departments of the campaign's own organisation are accepted."""
    _only_fields(post, {CSRF_FIELD, "department"})
    raw = post.get("department")
    if raw is None or raw in ("", NOT_SAID):
        return None
    # ASCII digits of a sane length only: int() accepts other digits, a database column
    # does not accept numbers beyond 64 bits.
    well_formed = raw.isascii() and raw.isdigit() and len(raw) <= 18
    if not well_formed or not campaign.organisation.departments.filter(pk=int(raw)).exists():
        raise BadSurveyPost(_("The department you sent is not one of this organisation's."))
    return int(raw)


# The picks form on the results page (templates/results/_advice.html).
STEP_FIELD = "step"
KEEP_FIELD = "keep"
KEEP_VALUE = "yes"
PICKS_FIELDS = {CSRF_FIELD, STEP_FIELD, KEEP_FIELD, "lang"}


class BadPicks(Exception):
    """A picks form our results page could not have sent; nothing is stored."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def wants_to_keep(post: QueryDict) -> bool:
    """Whether the respondent ticked the box to keep their picks (checked strictly by
    clean_kept_picks)."""
    return KEEP_FIELD in post


def clean_kept_picks(
    post: QueryDict, *, has_files: bool, offered: Sequence[str]
) -> tuple[str, ...]:
    """The first-step codes to keep, when the keep box is ticked: every code one the
    respondent's results offer, each once. Raises BadPicks otherwise."""
    if has_files:
        raise BadPicks(_("The form sent a file, but this page only has boxes to tick."))
    unexpected = sorted(set(post) - PICKS_FIELDS)
    if unexpected:
        raise BadPicks(_unexpected_field(unexpected[0]))
    if post.getlist(KEEP_FIELD) != [KEEP_VALUE]:
        raise BadPicks(_("The box to keep your first steps can only be ticked or not."))
    codes = post.getlist(STEP_FIELD)
    if len(codes) > len(offered):
        raise BadPicks(
            _("The form sent more first steps (%(sent)s) than your results offer (%(offered)s).")
            % {"sent": len(codes), "offered": len(offered)}
        )
    for code in codes:
        if code not in offered:
            raise BadPicks(
                _("The form sent a first step your results do not offer: %(step)s.")
                % {"step": code[:40]}
            )
    if len(set(codes)) != len(codes):
        raise BadPicks(_("The form sent the same first step more than once."))
    return tuple(codes)
