"""Weight of the questionnaire's heaviest step page as a phone downloads it: the HTML plus
every stylesheet it links, each gzip-compressed (level 6, as a typical server sends them).

Run: .venv/bin/python bench/page_weight.py   (uses a throwaway SQLite database in memory)
The budget is 100 KB compressed, with no JavaScript required.
"""

import gzip
import os
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportcheck.test_settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from questionnaire.core.instrument import instrument  # noqa: E402
from questionnaire.models import Campaign, Department, Organisation  # noqa: E402

BUDGET = 100 * 1024


def _gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def main() -> None:
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench")
    Department.objects.create(organisation=organisation, name="Care")
    today = date.today()
    campaign = Campaign.objects.create(
        organisation=organisation,
        name="Bench wave",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=1),
    )
    client = Client(HTTP_HOST="localhost")
    rows = []
    for number, step in enumerate(instrument().steps, start=1):
        response = client.get(f"/s/{campaign.public_id}/step/{number}/")
        assert response.status_code == 200, response.status_code
        html = response.content
        rows.append((len(step.items), number, html))
    _items, number, html = max(rows)
    sheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    scripts = re.findall(rb"<script[^>]*src=", html)
    total = _gzip_size(html)
    print(f"step {number} HTML: {len(html)} B raw, {_gzip_size(html)} B gzip")
    for sheet in sheets:
        content = (ROOT / "static" / sheet.decode()).read_bytes()
        size = _gzip_size(content)
        total += size
        print(f"{sheet.decode()}: {len(content)} B raw, {size} B gzip")
    print(f"scripts: {len(scripts)}")
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"total: {total / 1024:.1f} KB gzip ({verdict} the {BUDGET // 1024} KB budget)")


if __name__ == "__main__":
    main()
