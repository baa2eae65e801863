import json

from django.core.management.base import BaseCommand

from questionnaire.ops import demo

SITE = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Create (idempotently) a demo organisation, campaigns, an HR reader, an access "
        "custodian, a team manager and responses."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--responses",
            type=int,
            default=300,
            help="responses in the closed wave HR sees first (the earlier wave gets half as "
            "many, the open wave a tenth)",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the result as JSON"
        )
        parser.add_argument("--site", default=SITE, help="address the links start with")

    def handle(self, *args, responses: int, as_json: bool, site: str, **options):
        if responses < 0:
            self.stderr.write("--responses must be 0 or more")
            raise SystemExit(2)
        result = demo.seed_demo(responses=responses)
        site = site.rstrip("/")
        info = {
            "survey_url": f"{site}{demo.survey_path(result.open_campaign)}",
            "hr_username": demo.HR_USERNAME,
            "hr_password": demo.HR_PASSWORD,
            "custodian_username": demo.CUSTODIAN_USERNAME,
            "custodian_password": demo.CUSTODIAN_PASSWORD,
            "manager_username": demo.MANAGER_USERNAME,
            "manager_password": demo.MANAGER_PASSWORD,
            "dashboard_url": f"{site}{demo.dashboard_path(result.campaign)}",
            "login_url": f"{site}/accounts/login/",
            "admin_url": f"{site}/admin/",
            "admin_username": demo.ADMIN_USERNAME,
            "admin_password": demo.ADMIN_PASSWORD,
        }
        if as_json:
            self.stdout.write(json.dumps(info, indent=2))
            return
        self.stdout.write(
            "Demo data ready.\n"
            f"  Questionnaire: {info['survey_url']}\n"
            f"  HR login:      {info['login_url']}"
            f"  (reader {info['hr_username']} / {info['hr_password']},"
            f" access custodian {info['custodian_username']} / {info['custodian_password']},"
            f" team manager of Home care {info['manager_username']} /"
            f" {info['manager_password']})\n"
            f"  Dashboard:     {info['dashboard_url']}  (a closed wave, with its figures)\n"
            f"  Admin:         {info['admin_url']}"
            f"  ({info['admin_username']} / {info['admin_password']})"
        )
