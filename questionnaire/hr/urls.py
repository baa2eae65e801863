from django.urls import path

from . import views

app_name = "hr"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "organisations/<int:organisation_pk>/campaigns/new/",
        views.campaign_create,
        name="campaign_create",
    ),
    path("organisations/<int:organisation_pk>/departments/", views.departments, name="departments"),
    path(
        "organisations/<int:organisation_pk>/departments/new/",
        views.department_create,
        name="department_create",
    ),
    path("departments/<int:pk>/edit/", views.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
    path("campaigns/<int:pk>/", views.dashboard, name="dashboard"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/access/", views.campaign_access, name="campaign_access"),
    path("campaigns/<int:pk>/poster/", views.campaign_poster, name="poster"),
    path("campaigns/<int:pk>/poster.pdf", views.campaign_poster_pdf, name="poster_pdf"),
    path("campaigns/<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("campaigns/<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("campaigns/<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("campaigns/<int:pk>/codes/", views.codes, name="codes"),
    path(
        "campaigns/<int:pk>/codes/<int:batch_pk>/slips.pdf",
        views.code_slips_pdf,
        name="code_slips_pdf",
    ),
    path(
        "campaigns/<int:pk>/codes/<int:batch_pk>/codes.csv",
        views.code_list_csv,
        name="code_list_csv",
    ),
    path("campaigns/<int:pk>/invitations/", views.invitations, name="invitations"),
    path("campaigns/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("campaigns/<int:pk>/actions/<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path(
        "campaigns/<int:pk>/actions/<int:action_pk>/delete/",
        views.action_delete,
        name="action_delete",
    ),
    path("organisations/<int:organisation_pk>/audit-log/", views.audit_log, name="audit_log"),
    path("organisations/<int:organisation_pk>/managers/", views.managers, name="managers"),
    path("managers/<int:pk>/edit/", views.manager_edit, name="manager_edit"),
    path("managers/<int:pk>/remove/", views.manager_remove, name="manager_remove"),
]
