"""The baseline of the submission benchmark: a bare Django page per step of the
questionnaire that renders the same step's fields (one radio group per item, the same six
answers, radios written by a plain template loop) and stores one row per POST, then
redirects to the next. It runs in the same project, settings and middleware as the app, so
the two differ only in what the app's own views do."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from questionnaire.core.instrument import CHOICES, NOT_APPLICABLE_LABEL, instrument, translate

from .models import MinimalSubmission


def form(request: HttpRequest, number: int) -> HttpResponse:
    steps = instrument().steps
    if not 1 <= number <= len(steps):
        raise Http404
    items = steps[number - 1].items
    if request.method == "POST":
        answers = {item.code: request.POST.get(item.code) for item in items}
        MinimalSubmission.objects.create(answers=answers)
        return redirect("minimal-form", number=number % len(steps) + 1)
    language = (get_language() or "nl")[:2]
    options = [(str(choice.value), translate(choice.label, language)) for choice in CHOICES]
    options.append(("na", translate(NOT_APPLICABLE_LABEL, language)))
    rows = [(item.code, translate(item.text, language)) for item in items]
    return render(request, "minimal/form.html", {"items": rows, "options": options})
