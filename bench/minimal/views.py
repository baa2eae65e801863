"""The baseline of the submission benchmark: a bare Django page per step of the
questionnaire that renders the same step's fields (one radio group per item, the same six
answers, radios written by a plain template loop) and stores one row per POST, then
redirects to the next. It runs in the same project, settings and middleware as the app, so
the two differ only in what the app's own views do. For scale, django_form is the same step
as Django's forms framework writes it (profile_journey.py)."""

from functools import lru_cache

from django import forms
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


@lru_cache(maxsize=32)
def _step_form_class(number: int, language: str) -> type[forms.Form]:
    """The step's questions as Django fields: one ChoiceField with RadioSelect per item."""
    options = [(str(choice.value), translate(choice.label, language)) for choice in CHOICES]
    options.append(("na", translate(NOT_APPLICABLE_LABEL, language)))
    fields = {
        item.code: forms.ChoiceField(
            label=translate(item.text, language),
            choices=options,
            widget=forms.RadioSelect,
            required=False,
        )
        for item in instrument().steps[number - 1].items
    }
    return type("StepForm", (forms.Form,), fields)


def django_form(request: HttpRequest, number: int) -> HttpResponse:
    """The same step as Django's forms write it: a Form of the step's fields rendered with
    {{ form }} and validated with is_valid(), one row per valid POST, then the next step.
    For scale only (profile_journey.py): the app and the bare page above write their radios
    without Django's widget templates."""
    steps = instrument().steps
    if not 1 <= number <= len(steps):
        raise Http404
    form_class = _step_form_class(number, (get_language() or "nl")[:2])
    form = form_class(request.POST if request.method == "POST" else None)
    if form.is_valid():
        MinimalSubmission.objects.create(answers=form.cleaned_data)
        return redirect("minimal-django-form", number=number % len(steps) + 1)
    return render(request, "minimal/django_form.html", {"form": form})
