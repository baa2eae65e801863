"""What a French reader finds on the results page, from the French walk of issue 22
(colleagues "often", supervisor "rarely", a high work pressure, a strained team climate):
the sentences that read as translated from English are written as French writes them."""

import pytest
from django.conf import settings

from tests.support.results_factory import make_response


@pytest.fixture
def french_page(client, campaign_a):
    _response, token = make_response(campaign_a, language="fr")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client.get(f"/r/{token}/").content.decode()


def test_the_organisations_score_is_calculated_apart_in_french_words(french_page):
    assert "Ce score est calculé séparément de celui de votre responsable." in french_page
    assert "calculé à part du" not in french_page


def test_the_four_types_are_listed_without_a_comma_before_the_last(french_page):
    assert "(aide pratique, information et conseils, reconnaissance et écoute)" in french_page
    assert "reconnaissance, et écoute" not in french_page
