"""The campaign a questionnaire request is about, with whether this browser's submission
was deleted, in one query whose SQL is compiled once per process.

Every page of the questionnaire asks this, and building and compiling the ORM query each
time cost more than the rest of the step's view (bench/profile_journey.py: some 1.5 ms of
a 6 ms request). The ORM still writes the SQL, once, for the database in use; each request
only runs it with its own values (Campaign.objects.raw, which also converts the columns).
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection

from ..models import Campaign
from .services import submission_deleted_exists, submission_key_hash

# Stand-ins compiled into the SQL, replaced by each request's values.
_PUBLIC_ID = "public-id-to-be-replaced"
_SUBMISSION_KEY = "submission-key-to-be-replaced"


@lru_cache(maxsize=8)
def _compiled(vendor: str, asks_deleted: bool) -> tuple[str, tuple]:
    """The SQL and its parameters (with the stand-ins) for the database `vendor`."""
    campaigns = Campaign.objects.filter(public_id=_PUBLIC_ID).order_by()
    if asks_deleted:
        deleted = submission_deleted_exists(_SUBMISSION_KEY)
        campaigns = campaigns.annotate(submission_was_deleted=deleted)
    return campaigns.query.sql_with_params()


def campaign_by_public_id(public_id: str, *, submission_key: str | None = None) -> Campaign | None:
    """The campaign with this public id, or None. With `submission_key` (the browser has a
    questionnaire of it under way), its `submission_was_deleted` says whether that
    submission was stored and then deleted (services.submission_deleted)."""
    sql, template = _compiled(connection.vendor, submission_key is not None)
    values = {_PUBLIC_ID: public_id}
    if submission_key is not None:
        values[submission_key_hash(_SUBMISSION_KEY)] = submission_key_hash(submission_key)
    parameters = [values.get(v, v) if isinstance(v, str) else v for v in template]
    campaign = next(iter(Campaign.objects.raw(sql, parameters)), None)
    if campaign is not None and submission_key is not None:
        # SQLite gives EXISTS as 0 or 1. (An extra column of the query: mypy cannot know it.)
        deleted = bool(getattr(campaign, "submission_was_deleted"))  # noqa: B009
        setattr(campaign, "submission_was_deleted", deleted)  # noqa: B010
    return campaign
