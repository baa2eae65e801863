"""Admin for the organisational set-up only.

Responses and answers are deliberately not registered: an administrator must not browse
individual answers next to a department and a date.
"""

from django.contrib import admin

from .core.audit_log import audit_record
from .models import Campaign, Department, HRMembership, Organisation


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 1


class HRMembershipInline(admin.TabularInline):
    model = HRMembership
    extra = 1
    autocomplete_fields = ["user"]


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


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "opens_on", "closes_on", "default_language"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    readonly_fields = ["public_id", "instrument_version", "created_at"]


@admin.register(HRMembership)
class HRMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user"]
