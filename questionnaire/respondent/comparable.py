"""What a respondent's scores are compared with: the organisation's averages, left out
where that wave asked a scale with other questions (docs/instrument-versions.md)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from ..core.aggregates import AskedDifferently
from ..core.instrument import comparable_scales, instrument
from ..core.privacy import Hidden, Reference
from ..models import Response


def comparable_reference(response: Response, reference: Reference | None) -> Reference | None:
    """`reference` with the scales its wave asked with other questions than `response` left
    out (AskedDifferently): a previous wave may have been answered with an older instrument
    version (docs/instrument-versions.md). None when nothing comparable is left."""
    if reference is None:
        return None
    ours = instrument(response.instrument_version)
    theirs = instrument(reference.campaign.instrument_version)
    comparable = _comparable(ours.version, theirs.version)
    # A scale the response's own version does not ask has nothing to be compared with.
    means = {
        code: mean
        if code in comparable
        else AskedDifferently(for_respondent=True, not_asked=not theirs.asks(code))
        for code, mean in reference.means.items()
        if ours.asks(code)
    }
    if all(isinstance(mean, Hidden) for mean in means.values()):
        return None
    return replace(reference, means=means)


@cache
def _comparable(ours: int, theirs: int) -> frozenset[str]:
    """comparable_scales of two versions, worked out once per pair: the instruments never
    change while the app runs, and comparing every item of both took a tenth of a results
    page's time."""
    return comparable_scales(instrument(ours), instrument(theirs))
