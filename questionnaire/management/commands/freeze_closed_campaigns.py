from django.core.management.base import BaseCommand
from django.utils import timezone

from questionnaire.core.aggregates import campaigns_freeze_closed


class Command(BaseCommand):
    help = (
        "Freeze the aggregate figures of campaigns that have closed (run daily, e.g. from "
        "cron), so HR's first look at a closed wave is as fast as every later one."
    )

    def handle(self, *args, **options):
        frozen = campaigns_freeze_closed(today=timezone.localdate())
        self.stdout.write(f"Froze the figures of {frozen} closed campaign(s).")
