from django.urls import include, path

from . import views

urlpatterns = [
    path("minimal/", views.form, name="minimal-form"),
    path("", include("supportcheck.urls")),
]
