"""The managed vocabulary of topics in the admin. Consultations themselves are handled in their own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverka.organisation.policies import can_manage_organisation

from .models import Topic


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code")
    fields = ("name", "code", "is_active")

    def _may(self, request) -> bool:
        return can_manage_organisation(request.user)

    def has_module_permission(self, request) -> bool:
        return self._may(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request)

    def has_add_permission(self, request) -> bool:
        return self._may(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a topic is retired (not active), never deleted: comments keep their tags

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def save_model(self, request, obj, form, change) -> None:
        obj.full_clean()
        obj._history_user = request.user
        obj._change_reason = "Ändrad i administrationen" if change else "Upplagd i administrationen"
        obj.save()
