"""Shared personas: organisations A and B, their HR users (by role), an outsider; the
order the tests run in (the longest first)."""

import gc
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from questionnaire.models import Campaign, Department, HRMembership, Organisation
from tests.support.personas import HR_PASSWORD
from tests.support.smtp import send_through, smtp_server

# CI shares a noisy two-core machine: judge generated examples by their results, never by
# how fast one of them ran (Hypothesis' default 200 ms deadline would make tests flaky).
hypothesis_settings.register_profile("supportcheck", deadline=None)
hypothesis_settings.load_profile("supportcheck")


def _module_fixtures_made_once(items) -> None:
    """A test module's own module-scoped fixture (a report rendered once for its tests) is
    made once per worker that runs one of its tests: its tests share an xdist group, so one
    worker makes it (--dist loadgroup), instead of both making it again."""
    for item in items:
        module = getattr(item, "module", None)
        if module is None or item.get_closest_marker("xdist_group"):
            continue
        definitions = item._fixtureinfo.name2fixturedefs.values()
        if any(
            fixture.scope == "module" and fixture.func.__module__ == module.__name__
            for chain in definitions
            for fixture in chain
        ):
            item.add_marker(pytest.mark.xdist_group(module.__name__))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Each module whose tests share a module's fixture gets an xdist group of its own
    (their order is set once every plugin has sorted them: the hook below)."""
    _module_fixtures_made_once(items)


def _group(item) -> str | None:
    """The item's xdist group as pytest-xdist names it (its groups' names, joined)."""
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "_".join(sorted(names)) if names else None


def _ids_name_their_groups(config, items) -> None:
    """pytest-xdist's --dist loadgroup sends the tests of one xdist group to one worker by
    the suffix "@group" that its worker adds to their ids, as item._nodeid. pytest 9 keeps
    an item's id in item._id: the suffix was lost and every test was sent on its own, so
    a group's servers and outages ran on both workers at once and a module's fixture was
    made on each worker that ran one of its tests. The id is set here as pytest sets an id
    given as text (a no-op where pytest-xdist's own suffix took)."""
    if not getattr(config.option, "loadgroup", False):  # set on pytest-xdist's workers only
        return
    from _pytest.nodeid import coerce_node_id

    for item in items:
        group = _group(item)
        if group is not None and not item.nodeid.endswith(f"@{group}"):
            item._id = coerce_node_id(f"{item.nodeid}@{group}")


@pytest.hookimpl(wrapper=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_longest_first(config, items):
    """The longest first: the tests sharing an xdist group (the servers' tests run on one
    worker, the outage tests too, and each module's tests that share a module's fixture)
    and the shards of the attacker's audit start at once, so that on two workers the short
    tests fill in around them rather than leaving one worker to run them alone at the
    end.

    Sorted after every other plugin: pytest-django sorts the tests by how they use the
    database (in a transaction, transactional, none), which had put a group's tests and a
    module's tests apart; a module-scoped fixture (a server started for a module) was then
    made again each time its module came back. A group's tests stay together, module by
    module; the other tests keep pytest-django's order."""
    result = yield
    _ids_name_their_groups(config, items)
    first_of_group: dict[str, int] = {}
    first_of_module: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        group = _group(item)
        if group is not None:
            first_of_group.setdefault(group, index)
            first_of_module.setdefault((group, str(item.path)), index)

    def longest_first(numbered) -> tuple[int, ...]:
        index, item = numbered
        group = _group(item)
        if group is not None:
            return (0, first_of_group[group], first_of_module[(group, str(item.path))], index)
        return (1 if item.get_closest_marker("privacy_audit") else 2, index)

    items[:] = [item for _index, item in sorted(enumerate(items), key=longest_first)]
    return result


@pytest.fixture
def today():
    """The app's today (timezone.localdate(), in Brussels), which is not the machine's
    date.today() (UTC here) in the hour before midnight."""
    return timezone.localdate()


@pytest.fixture
def org_a(db):
    return Organisation.objects.create(name="Organisation A", min_group_size=5)


@pytest.fixture
def org_b(db):
    return Organisation.objects.create(name="Organisation B", min_group_size=5)


@pytest.fixture
def departments_a(org_a):
    return [
        Department.objects.create(organisation=org_a, name=name, headcount=headcount)
        for name, headcount in [("Care", 20), ("Kitchen", 8), ("Office", None)]
    ]


@pytest.fixture
def campaign_a(org_a, today):
    return Campaign.objects.create(
        organisation=org_a,
        name="Autumn wave",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
    )


@pytest.fixture
def campaign_b(org_b, today):
    return Campaign.objects.create(
        organisation=org_b,
        name="B's wave",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
    )


@pytest.fixture
def coded_a(campaign_a):
    """Organisation A's campaign, running on access codes."""
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    return campaign_a


def _hr_user(username, organisation, *roles):
    user = get_user_model().objects.create_user(username, password=HR_PASSWORD)
    for role in roles:
        HRMembership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def hr_a(org_a):
    """Alice, reader of organisation A: its figures, exports and audit log."""
    return _hr_user("alice", org_a, HRMembership.READER)


@pytest.fixture
def custodian_a(org_a):
    """Dana, access custodian of organisation A: its departments, campaigns, poster and
    codes, and no figures."""
    return _hr_user("dana", org_a, HRMembership.CUSTODIAN)


@pytest.fixture
def both_a(org_a):
    """Erin, organisation A's one HR person: reader and custodian (A uses no codes)."""
    return _hr_user("erin", org_a, HRMembership.READER, HRMembership.CUSTODIAN)


@pytest.fixture
def manager_a(org_a, departments_a):
    """Mia, team manager of organisation A's Care: its figures and the organisation's."""
    user = _hr_user("mia", org_a, HRMembership.MANAGER)
    user.hr_memberships.get().departments.set([departments_a[0]])
    return user


@pytest.fixture
def hr_b(org_b):
    """Bob, reader and custodian of organisation B only."""
    return _hr_user("bob", org_b, HRMembership.READER, HRMembership.CUSTODIAN)


@pytest.fixture
def outsider(db):
    """Charlie, logged in but HR of no organisation."""
    return get_user_model().objects.create_user("charlie", password=HR_PASSWORD)


@pytest.fixture(scope="module")
def smtp():
    """A real SMTP server (aiosmtpd) for the module's tests (tests/support/smtp.py)."""
    with smtp_server() as server:
        yield server


@pytest.fixture
def mailbox(smtp, settings):
    """Django's e-mail goes to `smtp`, running and empty, for this test."""
    smtp.start()
    smtp.mailbox.clear()
    send_through(settings, smtp)
    return smtp.mailbox


def pytest_collection_finish(session):
    """What is loaded by now (Django, the libraries, the app and the test modules) lives as
    long as the test process: the collector stops scanning it at each full collection."""
    gc.collect()
    gc.freeze()
