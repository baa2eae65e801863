"""HR's PDF export, rendered at most once at a time and kept for a closed campaign.

WeasyPrint needs seconds for a large organisation's report (about 5 s at 117 departments),
and a request worker rendering it serves nobody else meanwhile. So:

- a closed campaign's PDF is kept per frozen snapshot and language (ExportCache) and
  served from there until something it shows changes (its fingerprint);
- the cache row is locked while one request renders it; a second request for the same
  export does not wait for the lock (which would hold a second worker) but gets a page
  that reloads itself a few seconds later (ExportBeingRendered), by when the PDF is kept.

An open campaign's report (participation only) changes with every response and is quick
to render: it is rendered each time. On SQLite (development) rows are not locked, so two
simultaneous requests may both render; the result is the same.
"""

from __future__ import annotations

import hashlib
import re

from django.db import OperationalError, transaction

from . import exports
from .aggregates import Dashboard
from .models import AggregateSnapshot, ExportCache

# PostgreSQL's lock_not_available: SELECT ... FOR UPDATE NOWAIT found the row locked.
LOCK_NOT_AVAILABLE = "55P03"
# The day the document was made is in it; the same report made on another day is the same.
_CREATED = re.compile(r'<meta name="dcterms\.created" content="[^"]*">')


class ExportBeingRendered(Exception):
    """Another request is rendering this very export right now."""


def campaign_pdf(dashboard: Dashboard, *, site_url: str) -> bytes:
    """The campaign's PDF report: kept, or rendered now (and kept when the campaign is
    closed). Raises ExportBeingRendered while another request renders the same one."""
    html = exports.dashboard_pdf_html(dashboard, site_url=site_url)
    snapshot = _frozen_snapshot(dashboard)
    if snapshot is None:
        return exports.pdf_from_html(html, site_url=site_url)
    key = {"snapshot": snapshot, "taken_on": snapshot.taken_on, "language": dashboard.language}
    fingerprint = hashlib.sha256(_CREATED.sub("", html).encode()).hexdigest()
    kept = ExportCache.objects.filter(**key, fingerprint=fingerprint).values_list("pdf")[:1]
    if kept:
        return bytes(kept[0][0])
    ExportCache.objects.get_or_create(**key)  # the row to lock, empty the first time
    with transaction.atomic():
        row = _locked(key)
        if row.fingerprint != fingerprint:  # else another request has just rendered it
            row.pdf = exports.pdf_from_html(html, site_url=site_url)
            row.fingerprint = fingerprint
            row.save(update_fields=["pdf", "fingerprint"])
        return bytes(row.pdf)


def _frozen_snapshot(dashboard: Dashboard) -> AggregateSnapshot | None:
    if not dashboard.scores_released:
        return None
    return AggregateSnapshot.objects.filter(campaign=dashboard.campaign).first()


def _locked(key: dict) -> ExportCache:
    try:
        return ExportCache.objects.select_for_update(nowait=True).get(**key)
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == LOCK_NOT_AVAILABLE:
            raise ExportBeingRendered from error
        raise
