from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """What SupportCheck is, in a few lines, with a link to the fiche it follows."""
    return render(request, "home.html")
