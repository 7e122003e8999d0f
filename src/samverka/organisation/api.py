"""The organisation in the REST API: read-only for every signed-in member of staff.

Writes come later through the organisation services; nothing here changes data.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samverka.core.api import NOT_AUTHENTICATED, NOT_FOUND, VALIDATION_ERROR, PageNumberPagination, PolicyPermission

from . import policies, selectors
from .models import PoliticalAssignment, RoleAssignment
from .serializers import (
    ActiveFilterSerializer,
    AdministrationSerializer,
    AssignmentFilterSerializer,
    BodySerializer,
    ExternalPartySerializer,
    PersonFilterSerializer,
    PersonSerializer,
    PoliticalAssignmentSerializer,
    RoleAssignmentFilterSerializer,
    RoleAssignmentSerializer,
)


class CanViewOrganisation(PolicyPermission):
    policy = staticmethod(policies.can_view_organisation)
    message = _("Du har inte behörighet att se organisationen.")


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Base of the organisation's read-only endpoints: list with filters, retrieve by id."""

    permission_classes = [CanViewOrganisation]
    pagination_class = PageNumberPagination
    lookup_value_regex = r"[0-9]+"
    filter_serializer_class: type[serializers.Serializer] = ActiveFilterSerializer

    @cached_property
    def _filters(self) -> dict[str, Any]:
        filters = self.filter_serializer_class(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return dict(filters.validated_data)

    def query_filters(self) -> dict[str, Any]:
        """The validated query parameters of a list request (400 on bad input); none for one row."""
        return self._filters if self.action == "list" else {}

    def active_only(self) -> bool:
        return self.action == "list" and not self.query_filters().get("include_inactive", False)


def _schema(serializer: type[serializers.Serializer], filters: type[serializers.Serializer], summary: str) -> Any:
    return extend_schema_view(
        list=extend_schema(
            summary=summary,
            parameters=[filters],
            responses={200: serializer(many=True), 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
        ),
        retrieve=extend_schema(responses={200: serializer, 403: NOT_AUTHENTICATED, 404: NOT_FOUND}),
    )


@_schema(BodySerializer, ActiveFilterSerializer, "Organ: fullmäktige, styrelser, utskott, nämnder och forum")
class BodyViewSet(OrganisationViewSet):
    serializer_class = BodySerializer

    def get_queryset(self) -> QuerySet:
        return selectors.body_list(active_only=self.active_only()).order_by("name", "pk")


@_schema(AdministrationSerializer, ActiveFilterSerializer, "Förvaltningar")
class AdministrationViewSet(OrganisationViewSet):
    serializer_class = AdministrationSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.administration_list(active_only=self.active_only()).order_by("name", "pk")


@_schema(ExternalPartySerializer, ActiveFilterSerializer, "Externa parter")
class ExternalPartyViewSet(OrganisationViewSet):
    serializer_class = ExternalPartySerializer

    def get_queryset(self) -> QuerySet:
        return selectors.external_party_list(active_only=self.active_only()).order_by("name", "pk")


@_schema(PersonSerializer, PersonFilterSerializer, "Personer")
class PersonViewSet(OrganisationViewSet):
    serializer_class = PersonSerializer
    filter_serializer_class = PersonFilterSerializer

    def get_queryset(self) -> QuerySet:
        qs = selectors.person_list(active_only=self.active_only())
        filters = self.query_filters()
        if filters.get("administration"):
            qs = qs.filter(administration=filters["administration"])
        return qs.order_by("last_name", "first_name", "pk")


@_schema(PoliticalAssignmentSerializer, AssignmentFilterSerializer, "Politiska uppdrag: ledamöter och ersättare")
class PoliticalAssignmentViewSet(OrganisationViewSet):
    serializer_class = PoliticalAssignmentSerializer
    filter_serializer_class = AssignmentFilterSerializer

    def get_queryset(self) -> QuerySet:
        # No selector lists every assignment yet (only `body_members` for one body on one day).
        qs = PoliticalAssignment.objects.select_related("person", "body")
        filters = self.query_filters()
        if filters.get("body"):
            qs = qs.filter(body=filters["body"])
        if filters.get("person"):
            qs = qs.filter(person=filters["person"])
        if filters.get("current"):
            qs = qs.filter(selectors.active_on(timezone.localdate()))
        return qs.order_by("body__name", "kind", "person__last_name", "person__first_name", "pk")


@_schema(RoleAssignmentSerializer, RoleAssignmentFilterSerializer, "Roller i systemet")
class RoleAssignmentViewSet(OrganisationViewSet):
    serializer_class = RoleAssignmentSerializer
    filter_serializer_class = RoleAssignmentFilterSerializer

    def get_queryset(self) -> QuerySet:
        # No selector lists role assignments yet; `roles_for_user` reads one user's roles.
        qs = RoleAssignment.objects.select_related("person", "body", "administration")
        filters = self.query_filters()
        for name in ("person", "body", "administration", "role"):
            if filters.get(name):
                qs = qs.filter(**{name: filters[name]})
        if filters.get("current"):
            qs = qs.filter(selectors.active_on(timezone.localdate()))
        return qs.order_by("person__last_name", "person__first_name", "role", "pk")
