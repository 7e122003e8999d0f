"""Reported accessibility faults, followed up by the administrators."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samverka.core.admin_site import PolicyCheckedModelAdmin

from .models import AccessibilityReport


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(PolicyCheckedModelAdmin):
    list_display = ("created_at", "short_description", "page_url", "status")
    list_filter = ("status",)
    search_fields = ("description", "page_url", "contact")
    date_hierarchy = "created_at"
    fields = ("created_at", "page_url", "description", "contact", "status")
    readonly_fields = ("created_at", "page_url", "description", "contact")

    @admin.display(description=_("Beskrivning"))
    def short_description(self, obj) -> str:
        return str(obj)

    def has_add_permission(self, request) -> bool:
        # Reports come from the public form on the accessibility statement.
        return False
