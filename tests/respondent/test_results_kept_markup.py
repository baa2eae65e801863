"""The results page keeps markup it writes again and again (an advice area's fixed pieces, a
score's words and cells, the 4 × 3 picture's cells) in bounded stores: a page written from
them, or with every store emptied as it fills, is the page written afresh."""

import re

import pytest
from django.conf import settings

from questionnaire.core.charts import narrow
from questionnaire.templatetags import results_page, scores
from tests.support.results_factory import make_response

STORES = [
    (results_page, "_kept_pieces", "KEPT_PIECES"),
    (scores, "_kept_markup", "KEPT_MARKUP"),
    (narrow, "_kept_cells", "KEPT_CELLS"),
]


def _page(client, token: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/r/{token}/")
    assert response.status_code == 200
    # The CSRF token differs on every page; nothing else may.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _empty_stores() -> None:
    for module, store, _bound in STORES:
        getattr(module, store).clear()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_page_from_kept_markup_is_the_page_written_afresh(client, campaign_a, language):
    _response, token = make_response(campaign_a)
    _empty_stores()
    fresh = _page(client, token, language)
    assert _page(client, token, language) == fresh  # from the kept markup


def test_full_stores_are_emptied_and_the_page_stays_the_same(client, campaign_a, monkeypatch):
    _response, token = make_response(campaign_a)
    _empty_stores()
    fresh = _page(client, token, "en")
    for module, _store, bound in STORES:
        monkeypatch.setattr(module, bound, 2)
    _empty_stores()
    assert _page(client, token, "en") == fresh
    for module, store, _bound in STORES:
        assert len(getattr(module, store)) <= 2
