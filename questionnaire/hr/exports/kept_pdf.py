"""HR's PDF export of a closed campaign: rendered by the task queue, once, and kept.

WeasyPrint needs seconds of CPU for a report (docs/deploy.md gives the figures, measured by
bench/), and a request worker rendering it serves nobody else. So:

- a closed campaign's PDF is kept per frozen snapshot (pk and taken_on) and language
  (ExportCache), and served from there until something it is made from changes (its
  fingerprint covers the rows the report reads, the language, the links, and the code,
  templates and translations that draw it: inputs_fingerprint), found in a few
  queries without building the dashboard;
- a PDF that is not kept yet is rendered by a task (render_kept_pdf) on a worker
  (`manage.py worker`, docs/deploy.md), never by the request. The request enqueues it once
  per fingerprint (ExportRendering's unique fingerprint: however many requests and app
  servers ask at once, one task); the request that enqueued it waits for the task up to
  WAIT_FOR_RENDERING (a small organisation's report is ready by then and downloads at
  once), the others do not wait; each then answers a page that asks again a few seconds
  later (ExportBeingRendered), by when the PDF is kept;
- the task locks the export's row while it renders (FOR UPDATE): a second task for the same
  export, on another worker, waits for that lock and then finds the PDF kept, so a task
  that has finished means a kept PDF (or a failure); if the first worker died, its lock
  went with its connection and the second renders it. Each worker renders one report at a
  time, so the number of workers is the number of reports rendered at once.

A rendering cut short (its worker killed) keeps nothing: its transaction ends with its
connection, and the task is run again by another worker once the dead one's lease has run
out (ops/worker.py). An open campaign's report (participation only) changes with every
response and is quick: the request renders it and nothing is kept.

A team manager's report is the readers' restricted to their departments
(aggregates.for_departments): it is kept apart, under its own `scope` (scope_key) and with
the departments in its fingerprint, so a manager never gets the readers' kept PDF or
another manager's, and the readers never get a manager's.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django_tasks import task
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks_db.utils import exclusive_transaction

from ...core import privacy
from ...core.aggregates import Dashboard, campaign_dashboard, for_departments
from ...core.context_processors import fiche_page_url, fiche_url
from ...core.languages import active_language
from ...models import (
    ActionPlanItem,
    AggregateSnapshot,
    Campaign,
    Department,
    ExportCache,
    ExportRendering,
    Organisation,
)
from ..actions import action_plan
from . import pdf_report

# The name it had before the hr package: log filters and alerts key on it.
logger = logging.getLogger("questionnaire.export_cache")

# Seconds a request waits for the rendering task before answering "being prepared", and
# how often it looks.
WAIT_FOR_RENDERING = 2.0
WAIT_STEP = 0.2

# What render_kept_pdf did (its result, shown in the task table).
RENDERED = "rendered"
KEPT_ALREADY = "kept already"
NOTHING_TO_KEEP = "not closed, or deleted"


class ExportBeingRendered(Exception):
    """The PDF is being rendered: ask again in a moment."""


Scope = frozenset[int] | None  # a team manager's departments; None for the readers


def campaign_pdf(
    campaign: Campaign, *, today: date, site_url: str, departments: Scope = None
) -> bytes:
    """The campaign's PDF report in the active language, kept or rendered now; raises
    ExportBeingRendered when it is not ready within WAIT_FOR_RENDERING. `departments`: a
    team manager's report, restricted to them."""
    if not privacy.scores_released(campaign, today):  # open: nothing frozen to keep it for
        dashboard = scoped_dashboard(campaign, today=today, departments=departments)
        html = pdf_report.dashboard_pdf_html(dashboard, site_url=site_url)
        return pdf_report.pdf_from_html(html, site_url=site_url)
    # A kept PDF is found from what the report is made from, without making it: building
    # the dashboard alone took longer than serving the kept PDF should.
    fingerprint = inputs_fingerprint(campaign, site_url=site_url, departments=departments)
    kept = _kept(campaign, fingerprint)
    if kept is not None:
        return kept
    task_id, enqueued = _rendering_asked(campaign, fingerprint, site_url, departments)
    if enqueued:  # the others answer at once: four requests waiting would hold four workers
        _wait_for(task_id)
    # Again: the task may have frozen figures (of this wave or an earlier one) first.
    kept = _kept(campaign, inputs_fingerprint(campaign, site_url=site_url, departments=departments))
    if kept is None:  # still rendering, or the rendering failed (logged): ask again
        raise ExportBeingRendered
    return kept


def scoped_dashboard(campaign: Campaign, *, today: date, departments: Scope) -> Dashboard:
    """The readers' dashboard, or a team manager's part of it."""
    dashboard = campaign_dashboard(campaign, today=today)
    return dashboard if departments is None else for_departments(dashboard, departments)


def scope_key(departments: Scope) -> str:
    """ExportCache.scope: "" for the readers, a digest of a team manager's departments."""
    if departments is None:
        return ""
    ids = ",".join(str(pk) for pk in sorted(departments))
    return hashlib.sha256(f"departments:{ids}".encode()).hexdigest()


def _kept(campaign: Campaign, fingerprint: str) -> bytes | None:
    """The kept PDF made from these inputs (the fingerprint covers the language and the
    frozen figures' identity)."""
    found = ExportCache.objects.filter(
        snapshot__campaign=campaign, fingerprint=fingerprint
    ).values_list("pdf", flat=True)[:1]
    return bytes(found[0]) if found else None


def _rendering_asked(
    campaign: Campaign, fingerprint: str, site_url: str, departments: Scope
) -> tuple[str, bool]:
    """The id of the task rendering the report with this fingerprint, and whether it was
    enqueued now, as it is unless one is waiting or running (the row is locked meanwhile,
    so two requests at once enqueue one task; the task row commits with it)."""
    with transaction.atomic():
        rendering, created = ExportRendering.objects.select_for_update().get_or_create(
            fingerprint=fingerprint, defaults={"campaign": campaign}
        )
        enqueued = created or _is_over(rendering.task_id)
        if enqueued:
            scope = sorted(departments) if departments is not None else None
            result = render_kept_pdf.enqueue(campaign.pk, active_language(), site_url, scope)
            rendering.task_id = result.id
            rendering.save(update_fields=["task_id"])
    return rendering.task_id, enqueued


def _is_over(task_id: str) -> bool:
    """Whether the task has finished (succeeded or failed) or is unknown. A backend that
    keeps no results (the immediate one of the tests) ran it when it was enqueued."""
    try:
        return render_kept_pdf.get_result(task_id).is_finished
    except (TaskResultDoesNotExist, NotImplementedError):
        return True


def _wait_for(task_id: str) -> None:
    deadline = time.monotonic() + WAIT_FOR_RENDERING
    while not _is_over(task_id) and time.monotonic() < deadline:
        time.sleep(WAIT_STEP)


@task()
def render_kept_pdf(
    campaign_id: int, language: str, site_url: str, departments: list[int] | None = None
) -> str:
    """Render a closed campaign's PDF report in `language` and keep it (the task the
    export enqueues); `departments`: a team manager's report. What it did, as one of the
    outcomes above."""
    campaign = Campaign.objects.select_related("organisation").filter(pk=campaign_id).first()
    if campaign is None:
        return NOTHING_TO_KEEP
    scope = frozenset(departments) if departments is not None else None
    with translation.override(language):
        return _render_and_keep(
            campaign, site_url=site_url, today=timezone.localdate(), departments=scope
        )


def _render_and_keep(
    campaign: Campaign, *, site_url: str, today: date, departments: Scope = None
) -> str:
    fingerprint = inputs_fingerprint(campaign, site_url=site_url, departments=departments)
    if _kept(campaign, fingerprint) is not None:
        return KEPT_ALREADY  # a task enqueued twice (or after its inputs had been rendered)
    dashboard = scoped_dashboard(campaign, today=today, departments=departments)
    snapshot = AggregateSnapshot.objects.filter(campaign=campaign).defer("data").first()
    if snapshot is None:  # its dates were moved: open again
        return NOTHING_TO_KEEP
    # The wave's actions, and the previous wave's with what became of their areas here; not
    # their follow-up into a later wave, which the fingerprint does not cover.
    plan = action_plan(dashboard, follow_later=False)
    html = pdf_report.dashboard_pdf_html(dashboard, site_url=site_url, plan=plan)
    # Taken after the dashboard, which freezes the figures of waves that had none yet.
    fingerprint = inputs_fingerprint(campaign, site_url=site_url, departments=departments)
    key: dict[str, Any] = {
        "snapshot_id": snapshot.pk,
        "taken_on": snapshot.taken_on,
        "language": dashboard.language,
        "scope": scope_key(departments),
    }
    ExportCache.objects.get_or_create(**key)  # the row the rendering locks
    # A transaction (PostgreSQL: row-locked); on SQLite (development) one that holds the
    # database's write lock from its start, so no other write comes between its read and
    # its write (with the write-ahead log that would fail the write).
    with exclusive_transaction():
        # Waits while another worker renders this export: its lock ends with its
        # transaction, when it has kept the PDF or when it died.
        row = ExportCache.objects.select_for_update().get(**key)
        if row.fingerprint == fingerprint:
            return KEPT_ALREADY  # by another worker, just now
        row.pdf = pdf_report.pdf_from_html(html, site_url=site_url)
        row.fingerprint = fingerprint
        row.renderings = F("renderings") + 1
        row.save(update_fields=["pdf", "fingerprint", "renderings"])
    return RENDERED


def inputs_fingerprint(campaign: Campaign, *, site_url: str, departments: Scope = None) -> str:
    """A digest of everything a closed campaign's report is made from, read without
    building the report: the rows it reads (the organisation, its departments, its
    campaigns and their frozen figures, their action plans), the language, the links, and
    the code, templates, stylesheets and translations that turn them into the report. The
    same digest, the same PDF, so a kept PDF is served in a few queries (campaign_pdf).

    The campaigns read are this one and the organisation's waves that closed before it
    opened, the same filter the comparison and the trends use (aggregates/comparison.py,
    aggregates/trends.py): a later wave changes nothing in this report, and a change of
    dates that makes a wave an earlier one changes the rows read. The day it is made is
    left out: a closed wave's report reads only frozen figures, and the same report made
    on another day is the same. A team manager's `departments` are part of it: their
    report is another document.
    """
    organisation = campaign.organisation
    waves = Q(pk=campaign.pk) | Q(closes_on__lt=campaign.opens_on)
    rows = (
        Organisation.objects.filter(pk=organisation.pk).values().first(),
        list(Department.objects.filter(organisation=organisation).order_by("pk").values()),
        list(
            Campaign.objects.filter(organisation=organisation)
            .filter(waves)
            .order_by("pk")
            .values(*CAMPAIGN_FIELDS, *SNAPSHOT_FIELDS)
        ),
        # The actions the report lists: this wave's and the earlier waves' (any edit, a
        # new PDF).
        list(
            ActionPlanItem.objects.filter(campaign__organisation=organisation)
            .filter(campaign__in=Campaign.objects.filter(organisation=organisation).filter(waves))
            .order_by("pk")
            .values()
        ),
    )
    language = active_language()
    links = (site_url, fiche_page_url(site_url), fiche_url(language))
    scope = sorted(departments) if departments is not None else None
    shown = repr((campaign.pk, rows, language, links, scope))
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
