"""The baseline of the submission benchmark: every item of the questionnaire as one form,
radios written by a plain template loop, one row stored per POST. It runs in the same
project, settings and middleware as the app, so the two differ only in what the app's own
views do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from questionnaire.core.instrument import CHOICES, NOT_APPLICABLE_LABEL, instrument, translate

from .models import MinimalSubmission


def form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = [item.code for item in instrument().items]
        MinimalSubmission.objects.create(answers={code: request.POST.get(code) for code in codes})
        return redirect("minimal-form")
    language = (get_language() or "nl")[:2]
    options = [(str(choice.value), translate(choice.label, language)) for choice in CHOICES]
    options.append(("na", translate(NOT_APPLICABLE_LABEL, language)))
    items = [(item.code, translate(item.text, language)) for item in instrument().items]
    return render(request, "minimal/form.html", {"items": items, "options": options})
