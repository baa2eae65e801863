from django.urls import path

from .views import access, common, figures, managers, plans

app_name = "hr"

urlpatterns = [
    path("", common.home, name="home"),
    path(
        "organisations/<int:organisation_pk>/campaigns/new/",
        access.campaign_create,
        name="campaign_create",
    ),
    path(
        "organisations/<int:organisation_pk>/departments/", access.departments, name="departments"
    ),
    path(
        "organisations/<int:organisation_pk>/departments/new/",
        access.department_create,
        name="department_create",
    ),
    path("departments/<int:pk>/edit/", access.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", access.department_delete, name="department_delete"),
    path("campaigns/<int:pk>/", figures.dashboard, name="dashboard"),
    path("campaigns/<int:pk>/edit/", access.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/access/", access.campaign_access, name="campaign_access"),
    path("campaigns/<int:pk>/poster/", access.campaign_poster, name="poster"),
    path("campaigns/<int:pk>/poster.pdf", access.campaign_poster_pdf, name="poster_pdf"),
    path("campaigns/<int:pk>/export.csv", figures.export_csv, name="export_csv"),
    path("campaigns/<int:pk>/export.xlsx", figures.export_xlsx, name="export_xlsx"),
    path("campaigns/<int:pk>/export.pdf", figures.export_pdf, name="export_pdf"),
    path("campaigns/<int:pk>/codes/", access.codes, name="codes"),
    path(
        "campaigns/<int:pk>/codes/<int:batch_pk>/slips.pdf",
        access.code_slips_pdf,
        name="code_slips_pdf",
    ),
    path(
        "campaigns/<int:pk>/codes/<int:batch_pk>/codes.csv",
        access.code_list_csv,
        name="code_list_csv",
    ),
    path("campaigns/<int:pk>/invitations/", access.invitations, name="invitations"),
    path("campaigns/<int:pk>/actions/new/", plans.action_create, name="action_create"),
    path("campaigns/<int:pk>/actions/<int:action_pk>/edit/", plans.action_edit, name="action_edit"),
    path(
        "campaigns/<int:pk>/actions/<int:action_pk>/delete/",
        plans.action_delete,
        name="action_delete",
    ),
    path("organisations/<int:organisation_pk>/audit-log/", figures.audit_log, name="audit_log"),
    path("organisations/<int:organisation_pk>/managers/", managers.managers, name="managers"),
    path("managers/<int:pk>/edit/", managers.manager_edit, name="manager_edit"),
    path("managers/<int:pk>/remove/", managers.manager_remove, name="manager_remove"),
]
