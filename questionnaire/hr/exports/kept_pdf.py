"""HR's PDF export of a closed campaign: rendered off the request, one at a time, and kept.

WeasyPrint needs seconds of CPU for a report (docs/deploy.md gives the figures, measured by
bench/), and a request worker rendering it serves nobody else. So:

- a closed campaign's PDF is kept per frozen snapshot (pk and taken_on) and language
  (ExportCache), and served from there until something it is made from changes (its
  fingerprint covers the rows the report reads, the language, the links, and the code,
  templates and translations that draw it: inputs_fingerprint), found in a few
  queries without building the dashboard;
- a PDF that is not kept yet is rendered in a thread of the worker process, not by the
  request: the request waits up to WAIT_FOR_RENDERING (a small organisation's report is
  ready by then and downloads at once), else answers a page that asks again a few
  seconds later (ExportBeingRendered), by when the PDF is kept;
- the rendering locks the cache row (FOR UPDATE NOWAIT), so the same export is never
  rendered twice at once, and takes a turn (a PostgreSQL advisory lock) so that reports
  are rendered one at a time over all app servers: several rendered at once share the
  cores, and each can then run past gunicorn's timeout.

A rendering cut short (the worker recycled or stopped) leaves nothing locked: its
transaction ends with its connection, and the next request starts it again. An open
campaign's report (participation only) changes with every response and is quick: it is
rendered by the request, still one at a time. On SQLite (development) nothing is locked
and the request renders the report itself.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Q

from ...core import privacy
from ...core.aggregates import campaign_dashboard
from ...core.context_processors import fiche_page_url, fiche_url
from ...core.languages import active_language
from ...models import AggregateSnapshot, Campaign, Department, ExportCache, Organisation
from . import pdf_report

# The name it had before the hr package: log filters and alerts key on it.
logger = logging.getLogger("questionnaire.export_cache")

# Seconds a request waits for a rendering it started before answering "being prepared".
WAIT_FOR_RENDERING = 2.0
# Reports rendered at once over all app servers, and the advisory locks that count them.
RENDERINGS_AT_ONCE = 1
RENDERING_LOCK = 0x5343_5044_0000_0000  # "SCPD": a number no other lock of ours uses
# PostgreSQL's lock_not_available: SELECT ... FOR UPDATE NOWAIT found the row locked.
LOCK_NOT_AVAILABLE = "55P03"


class ExportBeingRendered(Exception):
    """The PDF is being rendered (this export or another one): ask again in a moment."""


def campaign_pdf(campaign: Campaign, *, today: date, site_url: str) -> bytes:
    """The campaign's PDF report in the active language, kept or rendered now; raises
    ExportBeingRendered when it is not ready within WAIT_FOR_RENDERING."""
    if not privacy.scores_released(campaign, today):  # open: nothing frozen to keep it for
        html = pdf_report.dashboard_pdf_html(
            campaign_dashboard(campaign, today=today), site_url=site_url
        )
        with transaction.atomic():
            _take_rendering_turn()
            return pdf_report.pdf_from_html(html, site_url=site_url)
    # A kept PDF is found from what the report is made from, without making it: building
    # the dashboard alone took longer than serving the kept PDF should.
    kept = _kept(campaign, inputs_fingerprint(campaign, site_url=site_url))
    if kept is not None:
        return kept
    dashboard = campaign_dashboard(campaign, today=today)
    html = pdf_report.dashboard_pdf_html(dashboard, site_url=site_url)
    # Taken after the dashboard, which freezes the figures of waves that had none yet.
    fingerprint = inputs_fingerprint(campaign, site_url=site_url)
    snapshot = AggregateSnapshot.objects.get(campaign=campaign)
    key: dict[str, Any] = {
        "snapshot_id": snapshot.pk,
        "taken_on": snapshot.taken_on,
        "language": dashboard.language,
    }
    ExportCache.objects.get_or_create(**key)  # the row the rendering locks
    if connection.vendor != "postgresql":
        # SQLite (development): a second connection from a thread would find the tables
        # locked by this one, so the request renders the report itself.
        _render_and_keep(key, fingerprint, html, site_url, own_connection=False)
    else:
        rendering = threading.Thread(
            target=_render_and_keep, args=(key, fingerprint, html, site_url), daemon=True
        )
        rendering.start()
        rendering.join(WAIT_FOR_RENDERING)
    # Nothing kept: still rendering, or the rendering failed (logged); the next request
    # tries again.
    kept = _kept(campaign, fingerprint)
    if kept is None:
        raise ExportBeingRendered
    return kept


def _kept(campaign: Campaign, fingerprint: str) -> bytes | None:
    """The kept PDF made from these inputs (the fingerprint covers the language and the
    frozen figures' identity)."""
    found = ExportCache.objects.filter(
        snapshot__campaign=campaign, fingerprint=fingerprint
    ).values_list("pdf", flat=True)[:1]
    return bytes(found[0]) if found else None


def _render_and_keep(
    key: dict[str, Any], fingerprint: str, html: str, site_url: str, *, own_connection: bool = True
) -> None:
    """Render the PDF and keep it, unless another thread is rendering it or any report
    (then the next request starts this again). Runs in a thread of its own, with its own
    database connection, closed at the end."""
    try:
        with transaction.atomic():
            row = _locked(key)
            if row.fingerprint == fingerprint:  # another rendering has just kept it
                return
            _take_rendering_turn()
            row.pdf = pdf_report.pdf_from_html(html, site_url=site_url)
            row.fingerprint = fingerprint
            row.save(update_fields=["pdf", "fingerprint"])
    except ExportBeingRendered:
        pass
    except Exception:
        logger.exception("Rendering an HR PDF export failed")
    finally:
        if own_connection:
            connection.close()


def _locked(key: dict[str, Any]) -> ExportCache:
    try:
        return ExportCache.objects.select_for_update(nowait=True).get(**key)
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == LOCK_NOT_AVAILABLE:
            raise ExportBeingRendered from error
        raise


def _take_rendering_turn() -> None:
    """Hold one of the RENDERINGS_AT_ONCE rendering locks until the transaction ends, or
    raise ExportBeingRendered when all are taken (PostgreSQL; SQLite renders freely)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for turn in range(RENDERINGS_AT_ONCE):
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [RENDERING_LOCK + turn])
            if cursor.fetchone()[0]:
                return
    raise ExportBeingRendered


def inputs_fingerprint(campaign: Campaign, *, site_url: str) -> str:
    """A digest of everything a closed campaign's report is made from, read without
    building the report: the rows it reads (the organisation, its departments, its
    campaigns and their frozen figures), the language, the links, and the code, templates,
    stylesheets and translations that turn them into the report. The same digest, the
    same PDF, so a kept PDF is served in a few queries (campaign_pdf).

    The campaigns read are this one and the organisation's waves that closed before it
    opened, the same filter the comparison and the trends use (aggregates/comparison.py,
    aggregates/trends.py): a later wave changes nothing in this report, and a change of
    dates that makes a wave an earlier one changes the rows read. The day it is made is
    left out: a closed wave's report reads only frozen figures, and the same report made
    on another day is the same.
    """
    organisation = campaign.organisation
    rows = (
        Organisation.objects.filter(pk=organisation.pk).values().first(),
        list(Department.objects.filter(organisation=organisation).order_by("pk").values()),
        list(
            Campaign.objects.filter(organisation=organisation)
            .filter(Q(pk=campaign.pk) | Q(closes_on__lt=campaign.opens_on))
            .order_by("pk")
            .values(*CAMPAIGN_FIELDS, *SNAPSHOT_FIELDS)
        ),
    )
    language = active_language()
    links = (site_url, fiche_page_url(site_url), fiche_url(language))
    shown = repr((campaign.pk, rows, language, links))
    return hashlib.sha256((_sources_digest() + shown).encode()).hexdigest()


# A campaign's own fields, and its frozen figures' identity: a snapshot is never changed,
# only taken (or deleted with its campaign), so its pk and date stand for its data.
CAMPAIGN_FIELDS = tuple(field.attname for field in Campaign._meta.concrete_fields)
SNAPSHOT_FIELDS = (
    "aggregate_snapshot__pk",
    "aggregate_snapshot__taken_on",
    "aggregate_snapshot__min_group_size",
)


@cache
def _sources_digest() -> str:
    """The app's code, templates, stylesheets and compiled translations, read once per
    process: any of them may change what the report says."""
    root = Path(settings.BASE_DIR)
    files = sorted(
        [
            *(root / "questionnaire").rglob("*.py"),
            *(root / "templates").rglob("*.html"),
            *(root / "static" / name for name in pdf_report.PDF_STYLESHEETS),
            *(root / "locale").rglob("*.mo"),
        ]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()
