"""The organisation in the admin: every save goes through organisation.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from samverka.core.admin_site import DomainErrorsInFormMixin, PolicyAdminMixin, SamverkaModelAdmin, may_administer
from samverka.core.errors import DomainError

from . import services
from .models import Administration, Body, ExternalParty, Person, PoliticalAssignment, RoleAssignment, SignIn


@admin.register(Body)
class BodyAdmin(SamverkaModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    fields = ("name", "short_name", "kind", "parent", "email", "is_active")

    def create(self, actor, data):
        body = services.body_create(
            actor=actor,
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            parent=data.get("parent"),
            email=data.get("email", ""),
        )
        if not data.get("is_active", True):
            body = services.body_deactivate(actor=actor, body=body)
        return body

    def update(self, actor, obj, changes):
        is_active = changes.pop("is_active", None)
        body = services.body_update(actor=actor, body=obj, **changes)
        if is_active is True:
            body = services.body_reactivate(actor=actor, body=body)
        elif is_active is False:
            body = services.body_deactivate(actor=actor, body=body)
        return body


@admin.register(Administration)
class AdministrationAdmin(SamverkaModelAdmin):
    list_display = ("name", "short_name", "body", "is_active")
    list_filter = ("is_active", "body")
    search_fields = ("name", "short_name")
    list_select_related = ("body",)
    autocomplete_fields = ("body",)
    fields = ("name", "short_name", "body", "email", "is_active")

    def create(self, actor, data):
        administration = services.administration_create(
            actor=actor,
            name=data["name"],
            short_name=data["short_name"],
            body=data["body"],
            email=data.get("email", ""),
        )
        if not data.get("is_active", True):
            administration = services.administration_deactivate(actor=actor, administration=administration)
        return administration

    def update(self, actor, obj, changes):
        is_active = changes.pop("is_active", None)
        administration = services.administration_update(actor=actor, administration=obj, **changes)
        if is_active is True:
            administration = services.administration_reactivate(actor=actor, administration=administration)
        elif is_active is False:
            administration = services.administration_deactivate(actor=actor, administration=administration)
        return administration


@admin.register(ExternalParty)
class ExternalPartyAdmin(SamverkaModelAdmin):
    list_display = ("name", "kind", "email", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
    fields = ("name", "kind", "email", "is_active")

    def create(self, actor, data):
        party = services.external_party_create(
            actor=actor, name=data["name"], kind=data["kind"], email=data.get("email", "")
        )
        if not data.get("is_active", True):
            party = services.external_party_deactivate(actor=actor, party=party)
        return party

    def update(self, actor, obj, changes):
        is_active = changes.pop("is_active", None)
        party = services.external_party_update(actor=actor, party=obj, **changes)
        if is_active is True:
            party = services.external_party_reactivate(actor=actor, party=party)
        elif is_active is False:
            party = services.external_party_deactivate(actor=actor, party=party)
        return party


class PersonAdminForm(forms.ModelForm):
    new_username = forms.CharField(
        label=_("Nytt användarkonto"),
        required=False,
        max_length=150,
        help_text=_(
            "Användarnamn för ett nytt konto åt personen. Kontot får inget lösenord: personen loggar in "
            "med single sign-on, eller så sätter du ett lösenord under Användare."
        ),
    )

    class Meta:
        model = Person
        fields = ("first_name", "last_name", "email", "title", "administration", "user", "is_active")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("new_username") and cleaned_data.get("user"):
            self.add_error("new_username", _("Välj ett befintligt konto eller skapa ett nytt, inte båda."))
        return cleaned_data


class RoleInline(admin.TabularInline):
    """The person's roles, for reading; roles are given and ended under Roller."""

    model = RoleAssignment
    extra = 0
    can_delete = False
    fields = ("role", "body", "administration", "starts_on", "ends_on")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return may_administer(request.user)


class AssignmentInline(RoleInline):
    model = PoliticalAssignment
    fields = ("body", "kind", "party", "position", "starts_on", "ends_on")
    readonly_fields = fields


@admin.register(Person)
class PersonAdmin(SamverkaModelAdmin):
    form = PersonAdminForm
    list_display = ("last_name", "first_name", "email", "title", "administration", "user", "is_active")
    list_filter = ("is_active", "administration")
    search_fields = ("first_name", "last_name", "email", "user__username")
    list_select_related = ("administration", "user")
    autocomplete_fields = ("administration", "user")
    inlines = (RoleInline, AssignmentInline)

    def create(self, actor, data):
        person = services.person_create(
            actor=actor,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data.get("email", ""),
            title=data.get("title", ""),
            administration=data.get("administration"),
            user=data.get("user"),
        )
        if data.get("new_username"):
            services.person_account_create(actor=actor, person=person, username=data["new_username"])
        if not data.get("is_active", True):
            person = services.person_deactivate(actor=actor, person=person)
        return person

    def update(self, actor, obj, changes):
        new_username = changes.pop("new_username", "")
        is_active = changes.pop("is_active", None)
        person = services.person_update(actor=actor, person=obj, **changes)
        if new_username:
            services.person_account_create(actor=actor, person=person, username=new_username)
        if is_active is True:
            person = services.person_reactivate(actor=actor, person=person)
        elif is_active is False:
            person = services.person_deactivate(actor=actor, person=person)
        return person


@admin.register(PoliticalAssignment)
class PoliticalAssignmentAdmin(SamverkaModelAdmin):
    list_display = ("person", "body", "kind", "party", "position", "starts_on", "ends_on")
    list_filter = ("body", "kind", "party", "position")
    search_fields = ("person__first_name", "person__last_name", "body__name", "body__short_name", "party")
    list_select_related = ("person", "body")
    autocomplete_fields = ("person", "body")
    date_hierarchy = "starts_on"
    fields = ("person", "body", "kind", "party", "position", "starts_on", "ends_on")

    def get_readonly_fields(self, request, obj=None):
        # Who, where, as what and from when are fixed; a change is made by ending and adding.
        return ("person", "body", "kind", "starts_on") if obj is not None else ()

    def create(self, actor, data):
        return services.political_assignment_create(
            actor=actor,
            person=data["person"],
            body=data["body"],
            kind=data["kind"],
            party=data["party"],
            position=data.get("position", ""),
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
        )

    def update(self, actor, obj, changes):
        ends_on = changes.pop("ends_on", None)
        assignment = services.political_assignment_update(actor=actor, assignment=obj, **changes)
        if ends_on is not None:
            assignment = services.political_assignment_end(actor=actor, assignment=assignment, ends_on=ends_on)
        return assignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SamverkaModelAdmin):
    list_display = ("person", "role", "body", "administration", "starts_on", "ends_on")
    list_filter = ("role", "body", "administration")
    search_fields = ("person__first_name", "person__last_name", "person__email", "person__user__username")
    list_select_related = ("person", "body", "administration")
    autocomplete_fields = ("person", "body", "administration")
    fields = ("person", "role", "body", "administration", "starts_on", "ends_on")

    def get_readonly_fields(self, request, obj=None):
        # A role is ended (end date), never rewritten; a new scope is a new role.
        return ("person", "role", "body", "administration", "starts_on") if obj is not None else ()

    def create(self, actor, data):
        return services.role_assign(
            actor=actor,
            person=data["person"],
            role=data["role"],
            body=data.get("body"),
            administration=data.get("administration"),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
        )

    def update(self, actor, obj, changes):
        if changes.get("ends_on") is not None:
            return services.role_end(actor=actor, assignment=obj, ends_on=changes["ends_on"])
        return obj


@admin.register(SignIn)
class SignInAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """Who signed in, when and how: for reading only."""

    list_display = ("at", "user", "method", "assurance_level", "identity_provider", "ip_address")
    list_filter = ("method",)
    search_fields = ("user__username", "ip_address")
    list_select_related = ("user",)
    date_hierarchy = "at"
    readonly_fields = ("at", "user", "method", "assurance_level", "identity_provider", "ip_address")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


User = get_user_model()


class SamverkaUserAdmin(DomainErrorsInFormMixin, PolicyAdminMixin, UserAdmin):
    """User accounts: names, e-mail, active and password. Superuser and staff flags are not set here;
    what a user may do comes from the person's roles."""

    list_display = ("username", "first_name", "last_name", "email", "is_active", "last_login")
    list_filter = ("is_active",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personuppgifter"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    readonly_fields = ("is_superuser", "last_login", "date_joined")

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if change and "is_active" in form.changed_data and obj.pk == request.user.pk and not obj.is_active:
            raise DomainError(str(_("Du kan inte inaktivera ditt eget konto.")))
        super().save_model(request, obj, form, change)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, SamverkaUserAdmin)
# Permissions come from roles (RoleAssignment), not from Django's groups.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
