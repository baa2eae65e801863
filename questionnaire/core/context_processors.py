from urllib.parse import urljoin

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .languages import active_language


def fiche(request):
    """The original fiche's address for the page's language, linked from the footer,
    results and reports."""
    return {"FICHE_URL": fiche_url(active_language(fallback=""))}


def fiche_url(language: str | None) -> str:
    return settings.FICHE_URLS.get(language or "", settings.FICHE_URL)


def fiche_page_url(site_url: str) -> str:
    """The app's own fiche page as an absolute address on `site_url`, for a PDF's links
    (the original fiche where the app's URLs are not loaded)."""
    try:
        return urljoin(site_url, reverse("fiche"))
    except NoReverseMatch:
        return fiche_url(active_language())
