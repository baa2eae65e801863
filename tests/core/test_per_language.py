"""{% per_language %}: the frame every page shares is rendered once per language, and never
carries one request's or one setting's value into another page."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.utils import translation

FRAME = (
    "{% load i18n per_language %}{% per_language FICHE_URL %}{% translate 'Main' %} "
    "{{ FICHE_URL }} {{ counter.next }}{% end_per_language %}"
)


class Counter:
    """Counts how often the frame was really rendered."""

    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return self.count


def render(page: Template, language: str, fiche_url: str, counter: Counter) -> str:
    with translation.override(language):
        return page.render(Context({"FICHE_URL": fiche_url, "counter": counter}))


def test_each_language_is_rendered_once_then_reused():
    page, counter = Template(FRAME), Counter()
    dutch = render(page, "nl", "https://fiche.example/nl", counter)
    assert render(page, "nl", "https://fiche.example/nl", counter) == dutch
    french = render(page, "fr", "https://fiche.example/nl", counter)
    assert counter.count == 2
    assert dutch == "Hoofdmenu https://fiche.example/nl 1"
    assert french == "Menu principal https://fiche.example/nl 2"


def test_a_named_variable_gets_a_copy_per_value():
    page, counter = Template(FRAME), Counter()
    with_url = render(page, "en", "https://fiche.example/en", counter)
    without = render(page, "en", "", counter)
    assert "https://fiche.example/en" in with_url
    assert "https://fiche.example/en" not in without  # an error page without the context


def test_a_changed_setting_renders_it_again():
    page, counter = Template(FRAME), Counter()
    render(page, "en", "x", counter)
    with override_settings(FICHE_URL="https://elsewhere.example/"):
        render(page, "en", "x", counter)
    assert counter.count == 2


def test_a_block_inside_is_refused():
    with pytest.raises(TemplateSyntaxError):
        Template(
            "{% load per_language %}{% per_language %}{% block a %}{% endblock %}"
            "{% end_per_language %}"
        )
