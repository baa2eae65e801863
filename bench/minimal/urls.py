from django.urls import include, path

from . import views

urlpatterns = [
    path("minimal/<int:number>/", views.form, name="minimal-form"),
    path("", include("supportcheck.urls")),
]
