"""The private report link pages, under /r/."""

from django.urls import path

from .views import results

app_name = "results"

urlpatterns = [
    path("deleted/", results.deleted, name="deleted"),
    path("<str:token>/", results.detail, name="detail"),
    path("<str:token>/report.pdf", results.pdf, name="pdf"),
    path("<str:token>/steps/forget/", results.forget_steps, name="forget_steps"),
    path("<str:token>/delete/", results.delete, name="delete"),
]
