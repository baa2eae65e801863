import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire.models import Campaign
from questionnaire.retention import campaign_contents, campaign_delete


class Command(BaseCommand):
    help = (
        "Delete one campaign for good with everything in it: its responses, answers, cached "
        "PDF reports and frozen figures. The campaign is named by the id in its link "
        "(/s/<id>/). Asks for confirmation unless --no-input is given."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("public_id", help="the id in the campaign's link, /s/<id>/")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="delete without asking (for scripts)",
        )

    def handle(self, *args, public_id, interactive, **options):
        campaign = (
            Campaign.objects.select_related("organisation").filter(public_id=public_id).first()
        )
        if campaign is None:
            raise CommandError(f"No campaign has the link id {public_id!r}; nothing was deleted.")
        counts = campaign_contents(campaign)
        status = campaign.status(timezone.localdate())
        self.stdout.write(
            f"Campaign: {campaign.organisation.name} – {campaign.name} ({status}, "
            f"{campaign.opens_on.isoformat()} to {campaign.closes_on.isoformat()})\n"
            f"It holds {counts['responses']} responses, {counts['answers']} answers, "
            f"{counts['reports']} PDF reports and {counts['snapshots']} frozen figure sets."
        )
        if interactive and not self._confirmed(options.get("stdin") or sys.stdin):
            raise CommandError("Not confirmed; nothing was deleted.")
        campaign_delete(campaign=campaign)
        self.stdout.write(f"Deleted the campaign {campaign.name} and everything in it.")

    def _confirmed(self, stdin) -> bool:
        self.stdout.write("This cannot be undone. Type 'delete' to delete it all: ", ending="")
        self.stdout.flush()
        return stdin.readline().strip() == "delete"
