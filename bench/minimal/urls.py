from django.urls import include, path

from . import views

urlpatterns = [
    path("minimal/<int:number>/", views.form, name="minimal-form"),
    path("minimal/django-form/<int:number>/", views.django_form, name="minimal-django-form"),
    path("", include("supportcheck.urls")),
]
