"""The migration that split HR into two roles keeps the rule for existing memberships:
both roles where no campaign uses codes, access custodian only where one does."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("questionnaire", "0010_code_attempts")]
AFTER = [("questionnaire", "0011_hr_roles")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_memberships_become_roles_that_keep_the_rule():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("questionnaire")
    try:
        apps = _migrate(BEFORE)
        user_model = apps.get_model("auth", "User")
        organisation_model = apps.get_model("questionnaire", "Organisation")
        membership = apps.get_model("questionnaire", "HRMembership")
        plain = organisation_model.objects.create(name="Plain")
        coded = organisation_model.objects.create(name="Coded")
        apps.get_model("questionnaire", "Campaign").objects.create(
            organisation=coded,
            name="With codes",
            opens_on=date(2026, 1, 1),
            closes_on=date(2026, 1, 31),
            access="codes",
            public_id="migration-test",
        )
        for name, organisation in [("petra", plain), ("quinten", coded)]:
            user = user_model.objects.create(username=name)
            membership.objects.create(user=user, organisation=organisation)

        apps = _migrate(AFTER)
        roles = apps.get_model("questionnaire", "HRMembership").objects.values_list(
            "user__username", "organisation__name", "role"
        )
        assert sorted(roles) == [
            ("petra", "Plain", "custodian"),
            ("petra", "Plain", "reader"),
            ("quinten", "Coded", "custodian"),
        ]
        events = apps.get_model("questionnaire", "AuditEvent").objects.values_list(
            "organisation__name", "actor", "action", "detail"
        )
        assert sorted((*event[:3], sorted(event[3].items())) for event in events) == [
            ("Coded", "system", "role_granted", [("role", "custodian"), ("user", "quinten")]),
            ("Plain", "system", "role_granted", [("role", "custodian"), ("user", "petra")]),
            ("Plain", "system", "role_granted", [("role", "reader"), ("user", "petra")]),
        ]
    finally:
        _migrate(latest)
