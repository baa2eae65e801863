from django.conf import settings

from .languages import active_language


def fiche(request):
    """The original fiche's address for the page's language, linked from the footer,
    results and reports."""
    return {"FICHE_URL": fiche_url(active_language(fallback=""))}


def fiche_url(language: str | None) -> str:
    return settings.FICHE_URLS.get(language or "", settings.FICHE_URL)
