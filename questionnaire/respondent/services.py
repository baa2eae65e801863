"""Writes of the respondent's side: storing a submitted questionnaire, keeping picked first
steps with it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import cache
from typing import cast

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, Field, QuerySet
from django.utils import timezone

from ..core.access_codes import code_spend
from ..core.compiled_query import CompiledInsert, CompiledQuery
from ..core.instrument import LANGUAGES, instrument
from ..core.scoring import score_response
from ..models import (
    SCORE_FIELDS,
    Answer,
    Campaign,
    DeletedSubmission,
    Department,
    KeptFirstStep,
    Response,
)
from .tokens import new_report_token, token_hash


class AlreadySubmitted(Exception):
    """This submission key was used before: the response exists, nothing new was stored."""


class SubmissionDeleted(Exception):
    """The respondent deleted the response of this submission key: nothing is stored again."""


def submission_key_hash(submission_key: str) -> str:
    return hashlib.sha256(submission_key.encode()).hexdigest()


def submission_deleted(submission_key: str) -> bool:
    """Whether the response of this submission key was stored and then deleted."""
    return bool(_DELETED.fetch(submission_key_hash(submission_key)))


def _deleted(key_hash: str) -> QuerySet[DeletedSubmission]:
    return DeletedSubmission.objects.filter(submission_key_hash=key_hash).only("pk")[:1]


# Every submission asks these: their SQL is compiled once per process
# (core/compiled_query.py). The stand-ins are values no row has.
_DELETED = CompiledQuery(_deleted, ["submission-key-hash-stand-in"])


def submission_deleted_exists(key_hash: str) -> Exists:
    """submission_deleted as an expression, given the submission key's hash
    (submission_key_hash), for a query that fetches something else too (the
    questionnaire's pages ask it along with the campaign, in one query)."""
    return Exists(DeletedSubmission.objects.filter(submission_key_hash=key_hash))


def response_submit(
    *,
    campaign: Campaign,
    department: Department | None,
    language: str,
    answers: Mapping[str, int | None],
    submission_key: str,
    report_token: str | None = None,
    access_code: str | None = None,
) -> tuple[Response, str]:
    """Store a response, its answers and its scores in one transaction.

    Returns the response and its plain report token (`report_token` when the caller drew it
    in advance, else a new one); only the token's hash is stored. The day is the only time
    kept. Raises AlreadySubmitted when `submission_key` was used before, so a double click
    or a replayed form never stores a second response, and SubmissionDeleted when its
    response was deleted, so a replayed form never brings it back. With `access_code` (a
    campaign on codes), the code is spent in the same transaction: codes.CodeRefused when
    it was spent already, and nothing is stored.
    """
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not one of {sorted(LANGUAGES)}")
    if department is not None and department.organisation_id != campaign.organisation_id:
        raise ValueError("the department belongs to another organisation")
    if submission_deleted(submission_key):
        raise SubmissionDeleted
    questions = instrument(campaign.instrument_version)
    scores = score_response(questions, answers)  # also refuses unknown item codes
    token = report_token or new_report_token()
    response = Response(
        campaign=campaign,
        department=department,
        submitted_on=timezone.localdate(),
        language=language,
        instrument_version=questions.version,
        token_hash=token_hash(token),
        submission_key_hash=submission_key_hash(submission_key),
        **{field: scores[field] for field in SCORE_FIELDS},
    )
    # Field checks only: uniqueness is the database's to enforce inside the transaction,
    # and the campaign and department are the rows given (checked above), not asked again.
    response.full_clean(
        exclude=["campaign", "department"], validate_unique=False, validate_constraints=False
    )
    with transaction.atomic():
        if not _inserted(response):
            raise AlreadySubmitted
        if access_code is not None:
            code_spend(campaign, access_code)  # CodeRefused rolls the response back
        _answers_insert(response, answers)
    return response, token


def _answers_insert(response: Response, answers: Mapping[str, int | None]) -> None:
    """Insert the response's answers in one statement.

    On PostgreSQL the statement bulk_create writes for them (INSERT ... SELECT * FROM
    UNNEST of one array per column), run directly: building some forty Answer instances
    and preparing each value through the ORM cost more CPU than the rest of the
    submission's inserts. Elsewhere (SQLite in development) bulk_create itself."""
    if not answers:
        return
    if connection.vendor != "postgresql":
        Answer.objects.bulk_create(
            Answer(response=response, item=code, value=value) for code, value in answers.items()
        )
        return
    codes = list(answers)
    with connection.cursor() as cursor:
        cursor.execute(
            _answers_unnest_sql(), [[response.pk] * len(codes), codes, list(answers.values())]
        )


@cache
def _answers_unnest_sql() -> str:
    """bulk_create's UNNEST insert of answers: their columns, each cast to an array of its
    type without a length (no truncation: a too long value is refused as by the ORM)."""
    fields = [cast("Field", Answer._meta.get_field(name)) for name in ("response", "item", "value")]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    types = [str(field.db_type(connection)).split("(")[0] for field in fields]
    arrays = ", ".join(f"(%s)::{db_type}[]" for db_type in types)
    table = quote(Answer._meta.db_table)
    # The model's own table, columns and types; the values go as parameters.
    return f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays})"  # noqa: S608  # nosec B608


# bulk_create([response], ignore_conflicts=True), its SQL written once per process.
_INSERT_IGNORING_CONFLICTS = CompiledInsert(Response, ignore_conflicts=True)


def _inserted(response: Response) -> bool:
    """Insert the response unless one with its submission key is stored already (a double
    click, a second tab, a replayed form); whether this one was stored.

    INSERT ... ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite): a racing duplicate waits
    for the first one's transaction and is then skipped, never refused. A refused INSERT
    would be an error in the database, and PostgreSQL logs the failing statement whole
    (log_min_error_statement = error by default): every score, the campaign, the hashes.
    The statement's row count says whether it stored the response, without asking again.
    """
    if _INSERT_IGNORING_CONFLICTS.insert(response):
        return True
    if Response.objects.filter(submission_key_hash=response.submission_key_hash).exists():
        return False
    # Skipped for another reason: the random id or the token collided with a stored one.
    raise IntegrityError("the response conflicts with a stored one")


def kept_step_codes(response: Response) -> frozenset[str]:
    """The first steps the respondent chose to keep with their response."""
    return frozenset(kept.code for kept in _KEPT_STEPS.fetch(response.pk))


def _kept_steps(response_id: int) -> QuerySet[KeptFirstStep]:
    return KeptFirstStep.objects.filter(response_id=response_id).only("code")


# Every results page asks it: its SQL is compiled once per process. No response has the
# stand-in id.
_KEPT_STEPS = CompiledQuery(_kept_steps, [-4_417_103])


def kept_steps_replace(*, response: Response, codes: Sequence[str]) -> None:
    """Keep exactly `codes` (already checked against the response's advice, see
    forms.clean_kept_picks) with the response, in place of what was kept before."""
    with transaction.atomic():
        KeptFirstStep.objects.filter(response=response).delete()
        KeptFirstStep.objects.bulk_create(
            KeptFirstStep(response=response, code=code) for code in codes
        )


def kept_steps_forget(*, response: Response) -> None:
    """Delete every first step kept with the response."""
    KeptFirstStep.objects.filter(response=response).delete()
