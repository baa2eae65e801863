"""The campaign a questionnaire request is about, with its organisation and whether this
browser's submission was deleted, in one query whose SQL is compiled once per process.

Every page of the questionnaire asks this, and building and compiling the ORM query each
time cost more than the rest of the step's view (bench/profile_journey.py). The ORM still
writes the SQL, once per database (core/compiled_query.py); each request only runs it with
its own values. The organisation comes along (the entry page names it and needs its k),
and the entry page's list of departments is compiled once too.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ..core.compiled_query import CompiledQuery
from ..models import Campaign, Department
from .services import submission_deleted_exists, submission_key_hash


def _campaign(public_id: str) -> QuerySet[Campaign]:
    return Campaign.objects.filter(public_id=public_id).select_related("organisation").order_by()


def _campaign_asking_deleted(public_id: str, key_hash: str) -> QuerySet[Campaign]:
    return _campaign(public_id).annotate(submission_was_deleted=submission_deleted_exists(key_hash))


# Stand-ins compiled into the SQL, replaced by each request's values.
_BY_PUBLIC_ID = CompiledQuery(_campaign, ["public-id-stand-in"])
_BY_PUBLIC_ID_ASKING_DELETED = CompiledQuery(
    _campaign_asking_deleted, ["public-id-stand-in", "submission-key-hash-stand-in"]
)


def _departments(organisation_id: int) -> QuerySet[Department]:
    return Department.objects.filter(organisation_id=organisation_id)


# No organisation has the stand-in id.
_DEPARTMENTS = CompiledQuery(_departments, [-4_417_105])


def organisation_departments(campaign: Campaign) -> list[Department]:
    """The departments a respondent of `campaign` may choose from, in their usual order
    (the entry page asks it on every visit)."""
    return _DEPARTMENTS.fetch(campaign.organisation_id)


def campaign_by_public_id(public_id: str, *, submission_key: str | None = None) -> Campaign | None:
    """The campaign with this public id (its organisation fetched along), or None. With
    `submission_key` (the browser has a questionnaire of it under way), its
    `submission_was_deleted` says whether that submission was stored and then deleted
    (services.submission_deleted)."""
    if submission_key is None:
        found = _BY_PUBLIC_ID.fetch(public_id)
    else:
        found = _BY_PUBLIC_ID_ASKING_DELETED.fetch(public_id, submission_key_hash(submission_key))
    campaign = found[0] if found else None
    if campaign is not None and submission_key is not None:
        # SQLite gives EXISTS as 0 or 1. (An extra column of the query: mypy cannot know it.)
        deleted = bool(getattr(campaign, "submission_was_deleted"))  # noqa: B009
        setattr(campaign, "submission_was_deleted", deleted)  # noqa: B010
    return campaign
