"""core/compiled_query: the lookups whose SQL is compiled once give exactly what their
QuerySet gives, row for row and with the same related objects, for each call's values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from questionnaire.core import throttle
from questionnaire.core.aggregates import reference, respondent_reference
from questionnaire.core.compiled_query import CompiledInsert, CompiledQuery
from questionnaire.models import (
    AggregateSnapshot,
    Campaign,
    DeletedSubmission,
    KeptFirstStep,
    ReportLinkMiss,
    Response,
)
from questionnaire.respondent import services, tokens
from questionnaire.respondent.campaign_lookup import (
    campaign_by_public_id,
    organisation_departments,
)
from tests.support.results_factory import make_response, uniform_answers


def _fields(instance) -> dict:
    return {k: v for k, v in vars(instance).items() if k != "_state"}


def _same(compiled, ordered) -> None:
    assert [type(x) for x in compiled] == [type(x) for x in ordered]
    assert [_fields(x) for x in compiled] == [_fields(x) for x in ordered]


@pytest.fixture
def closed_wave(org_a, today):
    wave = Campaign.objects.create(
        organisation=org_a,
        name="Spring wave",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=10),
    )
    for value in (0, 100, 0, 100, 0, 100):
        make_response(wave, uniform_answers(value))
    return wave


def test_a_report_token_finds_its_response_with_the_querysets_related_objects(
    campaign_a, departments_a, closed_wave, today
):
    open_one, open_token = make_response(campaign_a, department=departments_a[1])
    closed_one, closed_token = make_response(closed_wave)
    respondent_reference(closed_one, today=today)  # freezes the closed wave's figures
    for response, token in [(open_one, open_token), (closed_one, closed_token)]:
        found = tokens.response_for_token(token)
        expected = tokens._by_token_hash(tokens.token_hash(token)).get()
        assert found.pk == response.pk
        _same([found], [expected])
        for path in ["campaign", "campaign.organisation"]:
            _same([_at(found, path)], [_at(expected, path)])
        assert (found.department_id, _fields(found.department) if found.department else None) == (
            expected.department_id,
            _fields(expected.department) if expected.department else None,
        )
    frozen = tokens.response_for_token(closed_token).campaign
    assert frozen.aggregate_snapshot.pk == AggregateSnapshot.objects.get(campaign=closed_wave).pk
    with pytest.raises(AggregateSnapshot.DoesNotExist):
        tokens.response_for_token(open_token).campaign.aggregate_snapshot  # noqa: B018


def _at(instance, path: str):
    for name in path.split("."):
        instance = getattr(instance, name)
    return instance


def test_a_wrong_token_finds_nothing(campaign_a):
    make_response(campaign_a)
    with pytest.raises(tokens.UnknownReportLink):
        tokens.response_for_token("not-a-token")


def test_the_other_waves_are_the_querysets(org_a, campaign_a, campaign_b, closed_wave, today):
    own, _token = make_response(campaign_a)
    respondent_reference(own, today=today)  # freezes the closed wave
    for campaign in [campaign_a, closed_wave, campaign_b]:
        values = (campaign.organisation_id, campaign.pk)
        compiled = reference._OTHER_WAVES.fetch(*values)
        expected = list(reference._other_waves(*values).order_by())
        key = lambda wave: wave.pk  # noqa: E731
        _same(sorted(compiled, key=key), sorted(expected, key=key))
        assert sorted(w.pk for w in compiled) == sorted(
            c.pk
            for c in Campaign.objects.filter(organisation=campaign.organisation)
            if c.pk != campaign.pk
        )
    dates = [w.frozen_dates for w in reference._OTHER_WAVES.fetch(org_a.pk, campaign_a.pk)]
    assert dates and all(dates)  # the closed wave's frozen dates


def test_kept_steps_are_each_responses_own(campaign_a):
    first, _ = make_response(campaign_a)
    second, _ = make_response(campaign_a)
    KeptFirstStep.objects.create(response=first, code="colleagues-1")
    assert services.kept_step_codes(first) == {"colleagues-1"}
    assert services.kept_step_codes(second) == frozenset()


def test_a_stand_in_must_be_one_parameter_of_the_query(db):
    absent = CompiledQuery(lambda _value: Response.objects.all(), ["never-in-the-query"])
    with pytest.raises(ValueError, match="stand-in"):
        absent.fetch("anything")


def test_a_campaign_is_found_by_its_public_id_with_its_organisation_and_deleted_flag(
    campaign_a, campaign_b, today
):
    kept_key, deleted_key = "a-key-still-stored", "a-key-whose-response-was-deleted"
    DeletedSubmission.objects.create(
        submission_key_hash=services.submission_key_hash(deleted_key), deleted_on=today
    )
    for campaign in [campaign_a, campaign_b]:
        found = campaign_by_public_id(campaign.public_id)
        _same([found], [Campaign.objects.get(pk=campaign.pk)])
        _same([found.organisation], [campaign.organisation])
        assert campaign_by_public_id(campaign.public_id, submission_key=kept_key)
        assert not campaign_by_public_id(
            campaign.public_id, submission_key=kept_key
        ).submission_was_deleted
        assert campaign_by_public_id(
            campaign.public_id, submission_key=deleted_key
        ).submission_was_deleted
    assert campaign_by_public_id("no-such-campaign") is None
    assert campaign_by_public_id("no-such-campaign", submission_key=deleted_key) is None


def test_a_deleted_submission_is_known_by_its_key_only(db, today):
    DeletedSubmission.objects.create(
        submission_key_hash=services.submission_key_hash("deleted-key"), deleted_on=today
    )
    assert services.submission_deleted("deleted-key")
    assert not services.submission_deleted("another-key")


def test_the_entry_pages_departments_are_the_organisations_in_order(
    campaign_a, campaign_b, departments_a
):
    for campaign in [campaign_a, campaign_b]:
        found = organisation_departments(campaign)
        _same(found, list(campaign.organisation.departments.all()))
    assert [d.name for d in organisation_departments(campaign_a)] == ["Care", "Kitchen", "Office"]
    assert organisation_departments(campaign_b) == []


def test_a_clients_report_link_misses_are_its_own_latest_ones(db):
    now = timezone.now()
    for client, minutes in [("a", 3), ("a", 1), ("b", 2), ("a", 30)]:
        ReportLinkMiss.objects.create(client=client, missed_at=now - timedelta(minutes=minutes))
    for limit in [2, 20]:
        query = throttle._client_misses(limit)
        for client in ["a", "b", "c"]:
            compiled = query.fetch(client)
            _same(compiled, list(query.queryset(client)))
            assert [miss.missed_at for miss in compiled] == sorted(
                ReportLinkMiss.objects.filter(client=client).values_list("missed_at", flat=True),
                reverse=True,
            )[:limit]


def test_a_compiled_insert_stores_the_row_bulk_create_stores(campaign_a, departments_a):
    compiled = CompiledInsert(Response, ignore_conflicts=True)
    model, _token = make_response(campaign_a, department=departments_a[0])
    stored = {}
    for insert in (compiled.insert, lambda row: Response.objects.bulk_create([row])):
        row = Response(
            **{f.attname: getattr(model, f.attname) for f in Response._meta.concrete_fields},
        )
        row.pk = None  # a new id, as for a new response
        row.token_hash = row.submission_key_hash = f"{len(stored)}" * 64
        insert(row)
        assert not row._state.adding
        stored[len(stored)] = _fields(Response.objects.get(pk=row.pk))
    first, second = stored[0], stored[1]
    different = {"id", "token_hash", "submission_key_hash"}
    assert {k: v for k, v in first.items() if k not in different} == {
        k: v for k, v in second.items() if k not in different
    }


def test_a_compiled_insert_says_it_stored_a_new_row(campaign_a):
    model, _token = make_response(campaign_a)
    row = Response(**{f.attname: getattr(model, f.attname) for f in Response._meta.concrete_fields})
    row.pk = None
    row.token_hash = row.submission_key_hash = "n" * 64
    assert CompiledInsert(Response, ignore_conflicts=True).insert(row)
    assert Response.objects.filter(pk=row.pk).exists()


def test_a_compiled_insert_ignoring_conflicts_skips_a_stored_row(campaign_a):
    response, _token = make_response(campaign_a)
    again = Response.objects.get(pk=response.pk)
    again._state.adding = True
    again.language = "fr"
    stored = CompiledInsert(Response, ignore_conflicts=True).insert(again)  # no IntegrityError
    assert not stored
    assert Response.objects.get(pk=response.pk).language == response.language
