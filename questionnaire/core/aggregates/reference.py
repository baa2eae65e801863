"""What a respondent may compare their own scores with: the organisation's averages.

Those averages are the whole organisation's frozen figures, the same for every respondent
of that organisation (the one thing that differs per respondent, whether their own
response is among them, is worked out per call). Working them out reads every
department's figures and applies the suppression rules to all of them, which grows with
the organisation's departments, on every visit of every respondent's results page
(bench/profile_journey.py --earlier-departments 120 measures it). So on PostgreSQL they are kept in
the process per frozen figures (`_kept_means`), found by the snapshot's content digest
(md5 of its data, worked out by the database): a snapshot is never changed, and a
different one, even with the same id after a rollback, has another digest. What is kept
is the organisation's averages and k, nothing of any response; SQLite (development) works
them out every time.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import date

from django.db import connection
from django.db.models import F, Func, QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from ...models import SCORE_FIELDS, AggregateSnapshot, Campaign, Response
from .. import privacy
from ..compiled_query import CompiledQuery
from ..privacy import Hidden
from .comparison import previous_campaign
from .groups import closed_groups
from .snapshot import frozen_earlier, is_frozen, wave_dates


def respondent_reference(response: Response, *, today: date) -> privacy.Reference | None:
    """Organisation averages a respondent may see next to their own scores, or None.

    The respondent's own campaign once it has closed, otherwise the organisation's latest
    campaign that closed before theirs opened. Both are the whole organisation's figures as
    HR sees them (frozen, with k responses besides one the reader may know: their own).
    """
    campaign: Campaign | None = response.campaign
    if not _released(response.campaign, today):
        campaign = _previous_wave(response.campaign)
        if campaign is not None and not _released(campaign, today):
            campaign = None
    if campaign is None:
        return None
    means, k = _organisation_means(campaign, today)
    if all(isinstance(mean, Hidden) for mean in means.values()):
        return None
    own = campaign.pk == response.campaign_id
    return privacy.Reference(campaign=campaign, includes_own_response=own, means=means, k=k)


def _previous_wave(campaign: Campaign) -> Campaign | None:
    """comparison.previous_campaign, reading of each earlier wave only the dates its
    figures were frozen with, not the figures: decoding every earlier wave's figures took
    most of a results page's time in an organisation of many departments. The previous
    wave's figures are read only when its averages are not kept (`_organisation_means`).
    A frozen campaign's earlier waves are those of its figures: the full listing."""
    if frozen_earlier(campaign) is not None:
        return previous_campaign(campaign)
    opens_on = wave_dates(campaign)[0]
    dated = []
    for wave in _OTHER_WAVES.fetch(campaign.organisation_id, campaign.pk):
        # As snapshot.wave_dates: the dates of the day its figures were frozen, where kept.
        # (An annotation of the query: mypy cannot know it.)
        frozen_dates = getattr(wave, "frozen_dates")  # noqa: B009
        frozen = json.loads(frozen_dates) if frozen_dates else None
        closes_on = date.fromisoformat(frozen[1]) if frozen else wave.closes_on
        dated.append((closes_on, wave.pk, wave))
    earlier = sorted((entry for entry in dated if entry[0] < opens_on), key=lambda e: e[:2])
    return earlier[-1][2] if earlier else None


def _other_waves(organisation_id: int, campaign_id: int) -> QuerySet[Campaign]:
    """The organisation's other campaigns, each with the dates its figures were frozen
    with (frozen_dates, where frozen) and without the figures themselves."""
    return (
        Campaign.objects.filter(organisation_id=organisation_id)
        .exclude(pk=campaign_id)
        .select_related("aggregate_snapshot", "organisation")
        .defer("aggregate_snapshot__data")
        .annotate(frozen_dates=KeyTextTransform("dates", "aggregate_snapshot__data"))
    )


# Every results page of an open wave asks it: its SQL is compiled once per process. The
# stand-ins are ids no row has.
_OTHER_WAVES = CompiledQuery(_other_waves, [-4_417_101, -4_417_102])


Means = dict[str, float | Hidden]
# Frozen figures whose averages are kept, most recently used last.
KEPT_MEANS = 128
_kept_means: OrderedDict[tuple[object, ...], tuple[Means, int]] = OrderedDict()
_kept_lock = threading.Lock()


def _organisation_means(campaign: Campaign, today: date) -> tuple[Means, int]:
    """The whole organisation's averages of a released campaign and the k they rest on."""
    key = _frozen_key(campaign)
    if key is not None:
        with _kept_lock:
            kept = _kept_means.get(key)
            if kept is not None:
                _kept_means.move_to_end(key)
                return dict(kept[0]), kept[1]
    # The snapshot's departments, headcounts and k: the same groups as HR's dashboard,
    # whatever departments the organisation has today (names are not shown here). Takes
    # the snapshot when there is none yet.
    groups, _shown = closed_groups(campaign, {}, today=today)
    means = groups.reference_means(SCORE_FIELDS)
    key = key or _frozen_key(campaign)
    if key is not None:
        with _kept_lock:
            _kept_means[key] = (dict(means), groups.k)
            while len(_kept_means) > KEPT_MEANS:
                _kept_means.popitem(last=False)
    return means, groups.k


def _frozen_key(campaign: Campaign) -> tuple[object, ...] | None:
    """The identity of the campaign's frozen figures, content included (PostgreSQL); None
    when they are not frozen yet, or on another database."""
    if connection.vendor != "postgresql":
        return None
    found = (
        AggregateSnapshot.objects.filter(campaign_id=campaign.pk)
        .annotate(digest=Func(Cast(F("data"), TextField()), function="md5"))
        .values_list("pk", "taken_on", "min_group_size", "digest")
        .first()
    )
    return None if found is None else (campaign.pk, *found)


def _released(campaign: Campaign, today: date) -> bool:
    return is_frozen(campaign) or privacy.scores_released(campaign, today)
