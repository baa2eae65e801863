import re
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire.models import Campaign
from questionnaire.ops.retention import campaign_contents, campaign_delete


class Command(BaseCommand):
    help = (
        "Delete one campaign for good with everything in it: its responses, answers, cached "
        "PDF reports and frozen figures. The campaign is named by its share link "
        "(https://…/s/<id>/) or the id in it. Asks for confirmation unless --no-input is given."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "link",
            help="the campaign's share link, or the id in it (an id that starts with '-' "
            "goes after --)",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="delete without asking (for scripts)",
        )

    def handle(self, *args, link, interactive, **options):
        public_id = _public_id(link)
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


def _public_id(link: str) -> str:
    """The id of a share link (…/s/<id>/), or the argument itself when it is one.

    Pasting the whole link is the easy way: an id may start with '-', which the command
    line would take for an option."""
    match = re.search(r"/s/([^/?#]+)", link)
    return match.group(1) if match else link.strip()
