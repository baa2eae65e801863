"""The respondent's questionnaire, under /s/<public_id>/ (the campaign's share link)."""

from django.urls import path

from .views import survey

app_name = "survey"

urlpatterns = [
    path("<str:public_id>/", survey.start, name="start"),
    path("<str:public_id>/step/<int:number>/", survey.step, name="step"),
]
