"""The registry's configuration in the admin: case series and document types.

Cases and documents are handled in the registry's own pages, never here.
"""

from django.contrib import admin

from samverka.core.admin_site import PolicyCheckedModelAdmin

from .models import CaseSeries, DocumentType


@admin.register(CaseSeries)
class CaseSeriesAdmin(PolicyCheckedModelAdmin):
    list_display = ("prefix", "name", "body", "administration", "is_active")
    list_filter = ("is_active",)
    search_fields = ("prefix", "name")
    list_select_related = ("body", "administration")
    autocomplete_fields = ("body", "administration")
    fields = ("prefix", "name", "body", "administration", "is_active")

    def get_readonly_fields(self, request, obj=None):
        # The prefix is part of every case number already given in the series.
        if obj is not None and obj.cases.exists():
            return ("prefix",)
        return ()


@admin.register(DocumentType)
class DocumentTypeAdmin(PolicyCheckedModelAdmin):
    list_display = ("name", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code")
    fields = ("name", "code", "is_active")
    prepopulated_fields = {"code": ("name",)}

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields
