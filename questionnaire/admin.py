"""Admin for the organisational set-up only.

Responses and answers are deliberately not registered: an administrator must not browse
individual answers next to a department and a date.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse

from .core.audit_log import audit_record
from .core.roles import (
    MANAGER,
    codes_allowed_check,
    hr_role_grant,
    hr_role_remove,
    hr_roles_of_user_remove,
    manager_departments_change,
    organisation_lock,
)
from .models import Campaign, Department, HRMembership, Organisation


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 1


class HRMembershipInline(admin.TabularInline):
    """Who holds which HR role; saved through roles.py (OrganisationAdmin.save_formset),
    which refuses both roles where codes are used and writes the audit log."""

    model = HRMembership
    extra = 1
    fields = ["user", "role", "departments"]
    autocomplete_fields = ["user"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A team manager's departments: the organisation's own (roles.py refuses others).
        if db_field.name == "departments":
            organisation_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Department.objects.filter(organisation_id=organisation_id)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "min_group_size"]
    search_fields = ["name"]
    inlines = [DepartmentInline, HRMembershipInline]

    def save_model(self, request, obj, form, change):
        # k moves what HR can see: HR reads every change of it in the audit log.
        before = Organisation.objects.filter(pk=obj.pk).values_list("min_group_size", flat=True)
        previous = before.first() if change else None
        super().save_model(request, obj, form, change)
        if previous != obj.min_group_size:
            audit_record(
                organisation=obj,
                actor=request.user,
                action="minimum_group_size_changed",
                before=previous,
                after=obj.min_group_size,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is HRMembership:
            return _save_roles(request, form.instance, formset)
        if formset.model is not Department:
            return super().save_formset(request, form, formset, change)
        departments = Department.objects.filter(organisation=form.instance)
        before = dict(departments.values_list("pk", "headcount"))
        super().save_formset(request, form, formset, change)
        for department in departments:
            if department.pk in before and before[department.pk] != department.headcount:
                audit_record(
                    organisation=form.instance,
                    actor=request.user,
                    action="headcount_changed",
                    department=department.name,
                    before=before[department.pk],
                    after=department.headcount,
                )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "headcount"]
    list_filter = ["organisation"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        before = Department.objects.filter(pk=obj.pk).values_list("headcount", flat=True).first()
        super().save_model(request, obj, form, change)
        if change and before != obj.headcount:
            audit_record(
                organisation=obj.organisation,
                actor=request.user,
                action="headcount_changed",
                department=obj.name,
                before=before,
                after=obj.headcount,
            )


def _save_roles(request, organisation: Organisation, formset) -> None:
    """Each added, changed or removed role goes through roles.py, under the
    organisation's lock and into its audit log; a refusal is shown, not raised."""
    # What the admin's history message reads after save_formset (formset.save() sets them).
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.deleted_forms:
        if form.instance.pk:
            hr_role_remove(membership=form.instance, actor=request.user)
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed() or not form.is_valid():
            continue
        membership = form.instance
        departments = list(form.cleaned_data.get("departments") or [])
        try:
            with transaction.atomic():
                _save_role(request, organisation, membership, departments)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))


def _save_role(request, organisation: Organisation, membership: HRMembership, departments) -> None:
    """A changed row is the old role taken away and the new one given; a team manager
    whose departments alone changed keeps the role with the new departments."""
    if membership.pk:
        old = HRMembership.objects.select_related("user", "organisation").get(pk=membership.pk)
        same = (old.user_id, old.role) == (membership.user_id, membership.role)
        if same and old.role == MANAGER:
            manager_departments_change(membership=old, departments=departments, actor=request.user)
            return
        hr_role_remove(membership=old, actor=request.user)
    hr_role_grant(
        user=membership.user,
        organisation=organisation,
        role=membership.role,
        actor=request.user,
        departments=departments,
    )


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "opens_on", "closes_on", "default_language"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    readonly_fields = ["public_id", "instrument_version", "created_at"]

    def save_model(self, request, obj, form, change):
        # Campaign.clean() refused codes on the form already; checked again under the
        # lock, so nobody gets both HR roles in between (roles.py).
        try:
            with transaction.atomic():
                organisation_lock(obj.organisation)
                codes_allowed_check(organisation=obj.organisation, access=obj.access)
                super().save_model(request, obj, form, change)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))


@admin.register(HRMembership)
class HRMembershipAdmin(admin.ModelAdmin):
    """One row per role. A role is given or removed, never edited in place, so each change
    is one audit event; roles.py refuses both roles where codes are used."""

    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["departments"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "organisation", "role"] if obj else []

    def save_model(self, request, obj, form, change):
        """A role is given through roles.py; of a given role only a team manager's
        departments change (roles.py again, into the audit log)."""
        departments = list(form.cleaned_data.get("departments") or [])
        try:
            if change:
                if obj.role == MANAGER:
                    saved = HRMembership.objects.get(pk=obj.pk)
                    manager_departments_change(
                        membership=saved, departments=departments, actor=request.user
                    )
                return
            saved = hr_role_grant(
                user=obj.user,
                organisation=obj.organisation,
                role=obj.role,
                actor=request.user,
                departments=departments,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        # The departments were saved by roles.py in save_model, or refused there.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:  # refused in save_model, which said why
            return HttpResponseRedirect(reverse("admin:questionnaire_hrmembership_changelist"))
        return super().response_add(request, obj, post_url_continue)

    def delete_model(self, request, obj):
        hr_role_remove(membership=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "organisation"):
            hr_role_remove(membership=membership, actor=request.user)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserWithRolesAdmin(UserAdmin):
    """Deleting a user takes their HR roles away first, in the audit log under the name of
    the administrator who did it."""

    def delete_model(self, request, obj):
        with transaction.atomic():
            hr_roles_of_user_remove(obj, actor=request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                hr_roles_of_user_remove(user, actor=request.user)
            super().delete_queryset(request, queryset)
