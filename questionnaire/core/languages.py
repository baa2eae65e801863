"""The app's languages and the language a page or document is made in.

The codes are defined once, in instrument.LANGUAGES (the questionnaire exists in each of
them); Django's own list (settings.LANGUAGES) names the same three for the language
switcher.
"""

from django.utils import translation

from .instrument import LANGUAGES

# Each language in its own name, as a campaign's language is offered to HR.
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]


def active_language(fallback: str = "en") -> str:
    """The two-letter code of the active language: the request's, or the one a PDF or an
    export is rendered in. `fallback` when no language is active (translations
    deactivated); callers that then want no language at all pass ""."""
    return (translation.get_language() or fallback)[:2]
