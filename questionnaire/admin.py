"""Admin for the organisational set-up only.

Responses and answers are deliberately not registered: an administrator must not browse
individual answers next to a department and a date.
"""

from django.contrib import admin

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


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "headcount"]
    list_filter = ["organisation"]
    search_fields = ["name"]


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
