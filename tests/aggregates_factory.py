"""Closed campaigns and responses with chosen scores, for the aggregate and export tests."""

import secrets
from datetime import timedelta

from questionnaire.instrument import CURRENT_VERSION
from questionnaire.models import SCORE_FIELDS, Answer, Campaign, Response


def closed_campaign(organisation, *, today, name="Spring wave", closed_days_ago=1):
    return Campaign.objects.create(
        organisation=organisation,
        name=name,
        opens_on=today - timedelta(days=closed_days_ago + 14),
        closes_on=today - timedelta(days=closed_days_ago),
    )


def add_responses(campaign, department, count, *, answers=None, **scores):
    """`count` responses in `department` (None: none given); every scale scores 50 unless
    given (None for "not enough answers"); `answers` (item -> value) are stored for each."""
    values = {field: 50.0 for field in SCORE_FIELDS} | scores
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
