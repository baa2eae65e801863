"""Deleting one's answers from the private report link: confirm, delete for good, 404."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from questionnaire.core.aggregates import respondent_reference
from questionnaire.core.aggregates.snapshot import snapshot_get_or_take
from questionnaire.models import AggregateSnapshot, Answer, Campaign, PersonalReport, Response
from tests.support.results_factory import KNOWN_ANSWERS, make_response, uniform_answers


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def known(campaign_a):
    return make_response(campaign_a)


def test_the_confirmation_page_asks_first_and_deletes_nothing(client, known):
    response, token = known
    page = client.get(f"/r/{token}/delete/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Delete your answers?" in html
    assert f'<form method="post" action="/r/{token}/delete/"' in html
    assert "Yes, delete my answers" in html
    assert f'href="/r/{token}/"' in html  # the way back
    assert Response.objects.filter(pk=response.pk).exists()


def test_posting_deletes_the_response_its_answers_and_its_pdf(client, known):
    response, token = known
    assert client.get(f"/r/{token}/report.pdf").status_code == 200
    assert PersonalReport.objects.filter(response=response).exists()
    assert Answer.objects.filter(response=response).count() == len(KNOWN_ANSWERS)

    deleted = client.post(f"/r/{token}/delete/")

    assert deleted.status_code == 302 and deleted.url == "/r/deleted/?figures=live"
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not Answer.objects.filter(response_id=response.pk).exists()
    assert not PersonalReport.objects.filter(response_id=response.pk).exists()


def test_after_deletion_the_link_is_a_404_and_a_confirmation_is_shown(client, known):
    _response, token = known
    page = client.post(f"/r/{token}/delete/", follow=True)
    assert "Your answers have been deleted" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    for url in (f"/r/{token}/", f"/r/{token}/report.pdf", f"/r/{token}/delete/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/r/{token}/delete/").status_code == 404


def test_other_responses_are_left_alone(client, campaign_a, known):
    other, _other_token = make_response(campaign_a)
    client.post(f"/r/{known[1]}/delete/")
    assert Response.objects.filter(pk=other.pk).exists()
    assert Answer.objects.filter(response=other).count() == len(KNOWN_ANSWERS)


def test_a_wrong_token_deletes_nothing(client, known):
    assert client.post("/r/wrong-token/delete/").status_code == 404
    assert Response.objects.count() == 1


def _closed_wave(org_a, today):
    closed = Campaign.objects.create(
        organisation=org_a,
        name="Closed",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
    )
    observer, _token = make_response(closed)
    _leaving, leaving_token = make_response(closed, uniform_answers(0))
    for value in (100, 50, 100, 50):
        make_response(closed, uniform_answers(value))
    return observer, leaving_token


def test_a_response_deleted_before_the_figures_are_shown_leaves_them(client, org_a, today):
    observer, leaving_token = _closed_wave(org_a, today)

    client.post(f"/r/{leaving_token}/delete/")

    assert respondent_reference(observer, today=today) is None  # 4 others: below k


def test_figures_once_shown_stay_frozen_after_a_deletion(client, org_a, today):
    observer, leaving_token = _closed_wave(org_a, today)
    # With the leaving response, the observer has 5 others. Material support is the mean
    # of its cells: (87.5 + 0 + 300) / 6, (12.5 + 0 + 300) / 6 and (50 + 0 + 300) / 6.
    material = round((64.6 + 52.1 + 58.3) / 3, 1)
    assert respondent_reference(observer, today=today).means["material"] == material

    client.post(f"/r/{leaving_token}/delete/")

    # The answers are gone, but the figures already shown do not move: comparing them
    # before and after would otherwise give away the deleted answers.
    assert Response.objects.filter(campaign__name="Closed").count() == 5
    assert respondent_reference(observer, today=today).means["material"] == material


CONFIRM_LIVE = "This survey has not closed yet: deleting also takes your answers out of its"
CONFIRM_NOT_YET_FROZEN = "This survey has closed, but its group figures have not been fixed yet"
CONFIRM_FROZEN = "This survey has closed and its group figures have been fixed"
DELETED_TAKEN_OUT = "Your answers were also taken out of this survey's group figures"
DELETED_FROZEN = "This survey's group figures had already been fixed"


def _figures_texts(page: str) -> set[str]:
    texts = [CONFIRM_LIVE, CONFIRM_NOT_YET_FROZEN, CONFIRM_FROZEN, DELETED_TAKEN_OUT]
    return {text for text in [*texts, DELETED_FROZEN] if text in page}


def test_deleting_from_an_open_wave_says_it_leaves_the_figures_and_does(client, known):
    response, token = known
    confirm = client.get(f"/r/{token}/delete/").content.decode()
    assert _figures_texts(confirm) == {CONFIRM_LIVE}
    assert "fixed the first time they are shown" in confirm

    done = client.post(f"/r/{token}/delete/", follow=True).content.decode()
    assert _figures_texts(done) == {DELETED_TAKEN_OUT}
    assert not Response.objects.filter(campaign=response.campaign).exists()


def test_a_closed_wave_not_yet_frozen_says_deleting_still_takes_the_answers_out(
    client, org_a, today
):
    """Closed, but nobody has looked at its figures: they are not fixed, and the page must
    not say they are. Deleting now leaves them without the answers (below k here)."""
    observer, leaving_token = _closed_wave(org_a, today)
    confirm = client.get(f"/r/{leaving_token}/delete/").content.decode()
    assert _figures_texts(confirm) == {CONFIRM_NOT_YET_FROZEN}
    assert not AggregateSnapshot.objects.filter(campaign=observer.campaign).exists()

    done = client.post(f"/r/{leaving_token}/delete/", follow=True).content.decode()
    assert _figures_texts(done) == {DELETED_TAKEN_OUT}
    assert "it has closed, but its figures had not been fixed yet" in done
    assert respondent_reference(observer, today=today) is None  # 4 others: below k


def test_a_frozen_wave_says_its_figures_keep_the_answers_and_they_do(client, org_a, today):
    observer, leaving_token = _closed_wave(org_a, today)
    shown = respondent_reference(observer, today=today).means  # the first look freezes
    confirm = client.get(f"/r/{leaving_token}/delete/").content.decode()
    assert _figures_texts(confirm) == {CONFIRM_FROZEN}
    assert "If they changed, someone comparing them before and after" in confirm

    done = client.post(f"/r/{leaving_token}/delete/", follow=True).content.decode()
    assert _figures_texts(done) == {DELETED_FROZEN}
    assert respondent_reference(observer, today=today).means == shown


def test_the_deleted_page_says_nothing_about_figures_it_was_not_told(client):
    page = client.get("/r/deleted/?figures=<b>").content.decode()
    assert "Your answers have been deleted" in page
    assert _figures_texts(page) == set()


def test_get_is_the_only_other_method(client, known):
    assert client.put(f"/r/{known[1]}/delete/").status_code == 405
    assert client.post(f"/r/{known[1]}/").status_code == 405


def _close(campaign) -> None:
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )


OPEN_TEXT = "also from your organisation's figures"
FROZEN_TEXT = "its group figures have been fixed: they no longer change"


def test_while_the_wave_is_open_the_page_says_deleting_removes_the_answers_from_the_figures(
    client, known
):
    _response, token = known
    page = client.get(f"/r/{token}/").content.decode()
    assert OPEN_TEXT in page
    assert FROZEN_TEXT not in page


def test_once_the_waves_figures_are_frozen_the_page_says_they_keep_their_totals(client, campaign_a):
    for _ in range(5):
        make_response(campaign_a)
    response, token = make_response(campaign_a)
    _close(campaign_a)
    campaign = Campaign.objects.get(pk=campaign_a.pk)
    snapshot_get_or_take(campaign, today=timezone.localdate())  # HR's first look
    frozen = AggregateSnapshot.objects.get(campaign=campaign).data

    page = client.get(f"/r/{token}/").content.decode()
    assert FROZEN_TEXT in page
    assert "they keep their totals with your answers counted in them" in page
    assert OPEN_TEXT not in page

    # And it is true: deleting leaves the frozen figures as they were.
    assert client.post(f"/r/{token}/delete/").status_code == 302
    assert not Response.objects.filter(pk=response.pk).exists()
    assert AggregateSnapshot.objects.get(campaign=campaign).data == frozen


def test_a_closed_wave_is_frozen_by_the_results_page_itself_and_says_so(client, campaign_a):
    """The page compares with the organisation's averages, which freezes a closed wave's
    figures at the first look: so once a wave is closed, its page always tells the frozen
    text, and deleting then leaves the figures as they are."""
    _response, token = make_response(campaign_a)
    _close(campaign_a)
    page = client.get(f"/r/{token}/").content.decode()
    assert FROZEN_TEXT in page and OPEN_TEXT not in page
    frozen = AggregateSnapshot.objects.get(campaign=campaign_a).data
    client.post(f"/r/{token}/delete/")
    assert AggregateSnapshot.objects.get(campaign=campaign_a).data == frozen
