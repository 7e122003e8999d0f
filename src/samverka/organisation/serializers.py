"""How the organisation is shown in the REST API (read-only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.core.api import NamedChoiceField

from .models import Administration, Body, ExternalParty, Person, PoliticalAssignment, Role, RoleAssignment

BOOLEAN_ERRORS = {"invalid": _("Ange true eller false.")}


class OptionalEmailField(serializers.EmailField):
    """An address that may be missing: shown as null, since "" is no e-mail address."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, allow_null=True, label=_("e-post"), **kwargs)

    def to_representation(self, value: str) -> str | None:
        return value or None


# -- Short references, also used by other apps' serializers -------------------------------------
class BodyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "name", "short_name"]
        read_only_fields = fields


class AdministrationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Administration
        fields = ["id", "name", "short_name"]
        read_only_fields = fields


class ExternalPartyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalParty
        fields = ["id", "name"]
        read_only_fields = fields


class PersonRefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True, label=_("namn"))

    class Meta:
        model = Person
        fields = ["id", "full_name"]
        read_only_fields = fields


# -- Full rows --------------------------------------------------------------------------------
class BodySerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    kind = NamedChoiceField(choices=Body.Kind.choices, enum_name="BodyKindEnum", read_only=True)

    class Meta:
        model = Body
        fields = ["id", "name", "short_name", "kind", "parent", "email", "is_active"]
        read_only_fields = fields


class AdministrationSerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = Administration
        fields = ["id", "name", "short_name", "body", "email", "is_active"]
        read_only_fields = fields


class ExternalPartySerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    kind = NamedChoiceField(choices=ExternalParty.Kind.choices, enum_name="ExternalPartyKindEnum", read_only=True)

    class Meta:
        model = ExternalParty
        fields = ["id", "name", "kind", "email", "is_active"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    full_name = serializers.CharField(read_only=True, label=_("namn"))
    administration = AdministrationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "full_name", "title", "email", "administration", "is_active"]
        read_only_fields = fields


class PoliticalAssignmentSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    body = BodyRefSerializer(read_only=True)
    kind = NamedChoiceField(
        choices=PoliticalAssignment.Kind.choices, enum_name="PoliticalAssignmentKindEnum", read_only=True
    )
    position = NamedChoiceField(
        choices=PoliticalAssignment.Position.choices, enum_name="PoliticalPositionEnum", read_only=True
    )

    class Meta:
        model = PoliticalAssignment
        fields = ["id", "person", "body", "kind", "party", "position", "starts_on", "ends_on"]
        read_only_fields = fields


class RoleAssignmentSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    role = NamedChoiceField(choices=Role.choices, enum_name="StaffRoleEnum", read_only=True)
    body = BodyRefSerializer(read_only=True, allow_null=True)
    administration = AdministrationRefSerializer(read_only=True, allow_null=True)
    scope_label = serializers.CharField(read_only=True, label=_("gäller"))

    class Meta:
        model = RoleAssignment
        fields = ["id", "person", "role", "body", "administration", "scope_label", "starts_on", "ends_on"]
        read_only_fields = fields


# -- Query parameters -------------------------------------------------------------------------
class ActiveFilterSerializer(serializers.Serializer):
    include_inactive = serializers.BooleanField(
        required=False,
        default=False,
        label=_("Ta med inaktiva"),
        help_text=_("Ta med poster som inte längre är aktiva."),
        error_messages=BOOLEAN_ERRORS,
    )


class PersonFilterSerializer(ActiveFilterSerializer):
    administration = serializers.PrimaryKeyRelatedField(
        queryset=Administration.objects.all(), required=False, label=_("Förvaltning")
    )


class AssignmentFilterSerializer(serializers.Serializer):
    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.all(), required=False, label=_("Organ"))
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, label=_("Person"))
    current = serializers.BooleanField(
        required=False,
        default=False,
        label=_("Bara gällande"),
        help_text=_("Bara uppdrag som gäller i dag."),
        error_messages=BOOLEAN_ERRORS,
    )


class RoleAssignmentFilterSerializer(AssignmentFilterSerializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False, label=_("Roll"))
    administration = serializers.PrimaryKeyRelatedField(
        queryset=Administration.objects.all(), required=False, label=_("Förvaltning")
    )
