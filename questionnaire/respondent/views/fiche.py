from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..advice import BY_SOURCE, BY_TYPE, BY_WORK_SCALE


@require_safe
def fiche(request: HttpRequest) -> HttpResponse:
    """The fiche's ideas in the app's own words, one anchored section per type and source
    (the results page and the PDF link to these sections)."""
    context = {"by_type": BY_TYPE, "by_source": BY_SOURCE, "by_work_scale": BY_WORK_SCALE}
    return render(request, "fiche.html", context)
