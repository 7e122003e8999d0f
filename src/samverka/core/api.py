"""Shared pieces of the REST API: error mapping, pagination and permissions built on policies.

Every app's API views are thin: they check a policy, validate the input with a serializer,
call a service or a selector, and serialize the result. Domain errors from the services
become 400 (or 403) with the service's Swedish message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, InvalidPage
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import pagination, permissions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, PermissionDenied
from .pagination import COUNT_CAP, CappedPaginator


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors and Django validation errors become 400/403 responses, never a 500."""
    if isinstance(exc, PermissionDenied):
        return Response({"detail": exc.message, "code": exc.code}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DomainError):
        if exc.field:
            return Response({exc.field: [exc.message], "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": exc.message, "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = {
                (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
                for field, messages in exc.message_dict.items()
            }
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        return Response({api_settings.NON_FIELD_ERRORS_KEY: exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


class ErrorSerializer(serializers.Serializer):
    """An error: a message fit to show to the user, and a machine-readable code."""

    detail = serializers.CharField(help_text=_("Felmeddelande på svenska."))
    code = serializers.CharField(required=False, help_text=_("Felkod, t.ex. permission_denied eller case_closed."))


VALIDATION_ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=_(
        "Felaktiga uppgifter: fältnamn med listor av felmeddelanden, eller `detail` och `code` "
        "när en regel i verksamheten inte är uppfylld."
    ),
)
NOT_AUTHENTICATED = OpenApiResponse(ErrorSerializer, description=_("Inte inloggad eller saknar behörighet."))
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=_("Finns inte."))


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choices are one named enum in the schema (`enum_name`, e.g. CaseStatusEnum).

    drf-spectacular names enums after the field, so the `status` of a case and the `status` of an
    audit collide; a fixed name keeps every app's schema free of such collisions.
    """

    def __init__(self, *, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(**kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def get_name(self) -> str:
        return self.target.enum_name

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {key: value for key, value in schema.items() if key in ("type", "enum", "description")}


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pagination; a page that does not exist is a 400 with a Swedish message."""

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 200
    page_query_description = _("Sidnummer (från 1).")
    page_size_query_description = _("Antal rader per sida (högst 200).")

    def paginate_queryset(self, queryset: Any, request: Request, view: APIView | None = None) -> list | None:
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except EmptyPage as exc:
            raise ValidationError(
                {
                    self.page_query_param: [
                        _("Sidan finns inte. Ange ett sidnummer från 1 till %(pages)s.")
                        % {"pages": paginator.num_pages}
                    ]
                }
            ) from exc
        except InvalidPage as exc:
            raise ValidationError({self.page_query_param: [_("Ange sidnumret som ett positivt heltal.")]}) from exc
        return list(self.page)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = str(
            _("Antal rader, räknat upp till %(cap)s.") % {"cap": COUNT_CAP}
        )
        described["properties"]["count_capped"] = {
            "type": "boolean",
            "description": str(_("Sant när det finns fler rader än vad som räknades.")),
        }
        return described


class PolicyPermission(permissions.BasePermission):
    """A DRF permission backed by one policy predicate `policy(user) -> bool`.

    Subclass it in an app's api module: `policy = staticmethod(policies.can_view_registry)`.
    """

    policy: Callable[[Any], bool]
    message = _("Du har inte behörighet att göra detta.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated and self.policy(request.user))


def require(allowed: bool, message: str | None = None) -> None:
    """Raise a 403 with a Swedish message unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message or "Du har inte behörighet att göra detta.")


def paginated(
    view: Any,
    queryset: QuerySet | Any,
    serializer_class: type[serializers.Serializer],
    *,
    prepare: Callable[[list], None] | None = None,
) -> Response:
    """A page of `queryset` serialized with `serializer_class` (for GenericAPIView subclasses);
    `prepare` may attach what the rows share before they are serialized."""
    page = view.paginate_queryset(queryset)
    if prepare is not None:
        prepare(page)
    serializer = serializer_class(page, many=True, context=view.get_serializer_context())
    return view.get_paginated_response(serializer.data)


class HeaderPagination(PageNumberPagination):
    """Pages of an endpoint whose body is a plain list: the list stays the body, the total is in
    `X-Total-Count` and the neighbouring pages in a `Link` header (rel="next", rel="prev")."""

    def get_paginated_response(self, data: Any) -> Response:
        response = Response(data)
        response["X-Total-Count"] = str(self.page.paginator.count)
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response
