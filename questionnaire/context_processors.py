from django.conf import settings


def fiche(request):
    """The original fiche's address, linked from the footer, results and reports."""
    return {"FICHE_URL": settings.FICHE_URL}
