"""Samverka's admin site: open to the administrators named by the organisation policy.

Who may use the admin is decided by `organisation.policies.can_manage_organisation` (a person
holding the administrator role, or a superuser), not by Django's `is_staff` flag. Nothing is
deleted through the admin, and every save goes through the app's services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from samverka.core.errors import DomainError, PermissionDenied

DOMAIN_ERROR_ATTRIBUTE = "_samverka_admin_domain_error"


def may_administer(user) -> bool:
    from samverka.organisation.policies import can_manage_organisation

    return bool(user and user.is_authenticated and user.is_active and can_manage_organisation(user))


class SamverkaAdminAuthenticationForm(AdminAuthenticationForm):
    """Signs in the administrators of the policy, whether or not Django's is_staff is set."""

    def confirm_login_allowed(self, user) -> None:
        AuthenticationForm.confirm_login_allowed(self, user)
        if not may_administer(user):
            raise ValidationError(
                _("Kontot %(username)s har inte behörighet till administrationen."),
                code="invalid_login",
                params={"username": user.get_username()},
            )


class SamverkaAdminSite(admin.AdminSite):
    site_header = _("Samverka – administration")
    site_title = _("Samverka – administration")
    index_title = _("Administration")
    login_form = SamverkaAdminAuthenticationForm
    enable_nav_sidebar = True

    def has_permission(self, request) -> bool:
        return may_administer(request.user)


class PolicyAdminMixin:
    """Model admin permissions from the policy; no deletes."""

    def may(self, request) -> bool:
        return may_administer(request.user)

    def has_module_permission(self, request) -> bool:
        return self.may(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.may(request)

    def has_add_permission(self, request) -> bool:
        return self.may(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.may(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class DomainErrorsInFormMixin:
    """A DomainError raised while saving is shown on the form instead of as a server error.

    The failed attempt is rolled back (the admin saves inside a transaction); the form is then
    shown again, with the submitted values and the error.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            if request.method != "POST" or getattr(request, DOMAIN_ERROR_ATTRIBUTE, None):
                raise
            setattr(request, DOMAIN_ERROR_ATTRIBUTE, exc.message)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        message = getattr(request, DOMAIN_ERROR_ATTRIBUTE, None)
        if not message:
            return form_class

        class FormWithDomainError(form_class):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, message)
                return cleaned_data

        return FormWithDomainError


class HistoryForReadingMixin:
    """The history of every row can be read; reverting to an old version (which would write past
    the services) is turned off."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise DjangoPermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class SamverkaModelAdmin(DomainErrorsInFormMixin, HistoryForReadingMixin, PolicyAdminMixin, SimpleHistoryAdmin):
    """Base of Samverka's model admins: history visible, no deletes, saves through services.

    Subclasses implement `create(actor, data)` and `update(actor, obj, changes)` by calling the
    app's services; `changes` holds only the fields the form changed.
    """

    def create(self, actor, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def update(self, actor, obj: models.Model, changes: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def save_model(self, request, obj, form, change) -> None:
        if change:
            original = type(obj)._default_manager.get(pk=obj.pk)
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            saved = self.update(request.user, original, changes)
        else:
            saved = self.create(request.user, dict(form.cleaned_data))
        # The admin goes on with `obj` (messages, the log, the redirect): point it at the saved row.
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db


class PolicyCheckedModelAdmin(DomainErrorsInFormMixin, HistoryForReadingMixin, PolicyAdminMixin, SimpleHistoryAdmin):
    """For configuration that has no services of its own: the policy is checked again on save,
    the row validated, and the history records who saved it."""

    def save_model(self, request, obj, form, change) -> None:
        if not may_administer(request.user):
            raise PermissionDenied(str(_("Du har inte behörighet att ändra detta.")))
        obj.full_clean()
        obj._history_user = request.user
        obj._change_reason = str(_("Ändrad i administrationen")) if change else str(_("Upplagd i administrationen"))
        obj.save()
