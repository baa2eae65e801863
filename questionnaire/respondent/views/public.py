from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What SupportCheck is, in a few lines, with a link to the fiche it follows."""
    return render(request, "home.html")
