"""Closed campaigns and responses with chosen scores, for the aggregate and export tests."""

import secrets
from datetime import timedelta

from questionnaire.core.aggregates.groups import DERIVED, OVERALL
from questionnaire.core.instrument import CURRENT_VERSION
from questionnaire.models import SCORE_FIELDS, Answer, Campaign, Response


def closed_campaign(organisation, *, today, name="Spring wave", closed_days_ago=1):
    return Campaign.objects.create(
        organisation=organisation,
        name=name,
        opens_on=today - timedelta(days=closed_days_ago + 14),
        closes_on=today - timedelta(days=closed_days_ago),
    )


def _expanded(scores):
    """A type, source or overall score given sets the cells it is made of too (HR sees
    those as the mean of the cells); a cell given itself wins."""
    values = {}
    for code in sorted(scores, key=lambda code: code != OVERALL):
        if code in DERIVED:
            values |= {cell: scores[code] for cell in DERIVED[code]}
    return values | scores


def add_responses(campaign, department, count, *, answers=None, **scores):
    """`count` responses in `department` (None: none given); every scale scores 50 unless
    given (None for "not enough answers"); a type, source or overall score sets its cells
    too; `answers` (item -> value) are stored for each."""
    values = {field: 50.0 for field in SCORE_FIELDS} | _expanded(scores)
    rows = Response.objects.bulk_create(
        [
            Response(
                campaign=campaign,
                department=department,
                submitted_on=campaign.opens_on,
                language="nl",
                instrument_version=CURRENT_VERSION,
                token_hash=secrets.token_hex(32),
                **values,
            )
            for _ in range(count)
        ]
    )
    if answers:
        Answer.objects.bulk_create(
            [
                Answer(response=row, item=item, value=value)
                for row in rows
                for item, value in answers.items()
            ]
        )
    return rows
