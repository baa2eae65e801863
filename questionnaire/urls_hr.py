from django.urls import path

from .views import hr

app_name = "hr"

urlpatterns = [
    path("", hr.home, name="home"),
    path(
        "organisations/<int:organisation_pk>/campaigns/new/",
        hr.campaign_create,
        name="campaign_create",
    ),
    path("organisations/<int:organisation_pk>/departments/", hr.departments, name="departments"),
    path(
        "organisations/<int:organisation_pk>/departments/new/",
        hr.department_create,
        name="department_create",
    ),
    path("departments/<int:pk>/edit/", hr.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", hr.department_delete, name="department_delete"),
    path("campaigns/<int:pk>/", hr.dashboard, name="dashboard"),
    path("campaigns/<int:pk>/edit/", hr.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/poster/", hr.campaign_poster, name="poster"),
    path("campaigns/<int:pk>/poster.pdf", hr.campaign_poster_pdf, name="poster_pdf"),
    path("campaigns/<int:pk>/export.csv", hr.export_csv, name="export_csv"),
    path("campaigns/<int:pk>/export.xlsx", hr.export_xlsx, name="export_xlsx"),
    path("campaigns/<int:pk>/export.pdf", hr.export_pdf, name="export_pdf"),
    path("campaigns/<int:pk>/codes/", hr.codes, name="codes"),
    path(
        "campaigns/<int:pk>/codes/<int:batch_pk>/slips.pdf",
        hr.code_slips_pdf,
        name="code_slips_pdf",
    ),
    path(
        "campaigns/<int:pk>/codes/<int:batch_pk>/codes.csv", hr.code_list_csv, name="code_list_csv"
    ),
    path("organisations/<int:organisation_pk>/audit-log/", hr.audit_log, name="audit_log"),
]
