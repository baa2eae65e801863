from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire.ops.retention import (
    MalformedAge,
    cutoff_for,
    parse_age,
    responses_purge,
    short_lived_purge,
    task_records_purge,
)


class Command(BaseCommand):
    help = (
        "Delete the responses (with their answers and cached PDF reports) of closed campaigns "
        "whose closing day is older than --older-than. Open and upcoming campaigns are never "
        "touched; the frozen aggregate figures stay. Also deletes expired login-throttle and "
        "report-link records. Run daily (docs/data-retention.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            default=f"{settings.RETENTION_MONTHS}m",
            help="months (24m) or days (90d) since the closing day; default RETENTION_MONTHS "
            f"({settings.RETENTION_MONTHS}m)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only show what would be deleted"
        )

    def handle(self, *args, older_than, dry_run, **options):
        try:
            age = parse_age(older_than)
        except MalformedAge as error:
            raise CommandError(str(error)) from error
        today = timezone.localdate()
        cutoff = cutoff_for(age, today=today)
        purged = responses_purge(cutoff=cutoff, today=today, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for row in purged:
            campaign = row.campaign
            self.stdout.write(
                f"{verb} {row.responses} responses, {row.answers} answers and {row.reports} "
                f"PDF reports of {campaign.organisation.name} – {campaign.name} "
                f"({campaign.public_id}, closed {campaign.closes_on.isoformat()})."
            )
        total = sum(row.responses for row in purged)
        self.stdout.write(
            f"{verb} {total} responses of {len(purged)} campaigns closed before "
            f"{cutoff.isoformat()}."
        )
        now = timezone.now()
        short = short_lived_purge(now=now, dry_run=dry_run)
        self.stdout.write(
            f"{verb} {short.login_attempts} failed-login records past their cool-off, "
            f"{short.report_link_misses} wrong-report-link records past their window, "
            f"{short.code_tries} counts of access-code tries past their window, "
            f"{short.deleted_submissions} keys of deleted responses past the cookie age and "
            f"{short.invitations} invitation addresses of closed campaigns."
        )
        tasks = task_records_purge(now=now, dry_run=dry_run)
        self.stdout.write(f"{verb} {tasks} finished background tasks older than a week.")
        if dry_run:
            self.stdout.write("Dry run: nothing was deleted.")
