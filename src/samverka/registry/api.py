"""The registry in the REST API: thin views over the registry's services, selectors and policies.

Each view checks a policy, validates the input with a serializer, calls a service or a selector
and serializes the result. Secret parts are masked by the serializers with the same policies
as the pages; the public endpoints read only through `public_selectors`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.core.api import (
    NOT_AUTHENTICATED,
    NOT_FOUND,
    VALIDATION_ERROR,
    PageNumberPagination,
    PolicyPermission,
    paginated,
    require,
)
from samverka.core.files import stored_file_response

from . import policies, public_selectors, selectors, services
from .models import Case, Document, DocumentFile
from .search import SearchHit, search_internal
from .serializers import (
    CaseCloseSerializer,
    CaseFilterSerializer,
    CaseOpenSerializer,
    CaseRelateSerializer,
    CaseRelationSerializer,
    CaseSerializer,
    CaseSeriesSerializer,
    CaseSummarySerializer,
    CaseUpdateSerializer,
    DocumentCorrectSerializer,
    DocumentFileSerializer,
    DocumentRegisterSerializer,
    DocumentSerializer,
    DocumentTypeSerializer,
    FileUploadSerializer,
    PublicCaseSerializer,
    PublicSearchHitSerializer,
    PublicSearchQuerySerializer,
    ReasonSerializer,
    SearchHitSerializer,
    SearchQuerySerializer,
    document_secrets_hidden,
)

CASE_NUMBER = OpenApiParameter(
    "number", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Diarienummer, t.ex. STK-2019-284.")
)
SEQUENCE = OpenApiParameter(
    "sequence", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Handlingens löpnummer i ärendet.")
)
FILE_ID = OpenApiParameter("file_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Filens id."))
FILE_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description=_("Filen, som bilaga."))
FILE_PARSERS = [MultiPartParser, FormParser, JSONParser]
TAGS_REGISTRY = ["diarium"]
TAGS_PUBLIC = ["offentligt diarium"]


class CanViewRegistry(PolicyPermission):
    policy = staticmethod(policies.can_view_registry)
    message = _("Du har inte behörighet att se diariet.")


class BaseView(generics.GenericAPIView):
    pagination_class = PageNumberPagination

    def validated(self, serializer_class: type, data: Any) -> Any:
        """The input checked by `serializer_class`; a 400 with Swedish messages when it is wrong."""
        serializer = serializer_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer


class RegistryView(BaseView):
    """Signed-in members of staff (session or token); writes check their own policy too."""

    permission_classes = [CanViewRegistry]

    def case(self) -> Case:
        try:
            return selectors.case_get(number=self.kwargs["number"])
        except Case.DoesNotExist as exc:
            raise NotFound(_("Ärendet finns inte.")) from exc

    def document(self, case: Case) -> Document:
        try:
            return selectors.document_get(case=case, sequence=self.kwargs["sequence"])
        except Document.DoesNotExist as exc:
            raise NotFound(_("Handlingen finns inte.")) from exc

    def case_response(self, case: Case, *, status_code: int = status.HTTP_200_OK) -> Response:
        """The case as the user may see it, read again with everything the detail shows."""
        case = selectors.case_get(number=case.number)
        relations = selectors.case_relations(case)
        prefetch_related_objects([other for other, _note, _direction in relations], "series__administration")
        context = {**self.get_serializer_context(), "relations": relations}
        headers = {"Location": reverse("api-registry-case", args=[case.number])} if status_code == 201 else None
        return Response(CaseSerializer(case, context=context).data, status=status_code, headers=headers)

    def document_response(self, document: Document, *, status_code: int = status.HTTP_200_OK) -> Response:
        document = selectors.document_get(case=document.case, sequence=document.sequence)
        headers = (
            {"Location": reverse("api-registry-document", args=[document.case.number, document.sequence])}
            if status_code == 201
            else None
        )
        return Response(
            DocumentSerializer(document, context=self.get_serializer_context()).data,
            status=status_code,
            headers=headers,
        )


# -- Reference data ---------------------------------------------------------------------------
@extend_schema(
    tags=TAGS_REGISTRY, summary="Diarieserier", responses={200: CaseSeriesSerializer(many=True), 403: NOT_AUTHENTICATED}
)
class SeriesListView(RegistryView, generics.ListAPIView):
    serializer_class = CaseSeriesSerializer

    def get_queryset(self) -> Any:
        return selectors.series_list(active_only=False).order_by("prefix")


@extend_schema(
    tags=TAGS_REGISTRY,
    summary="Handlingstyper",
    responses={200: DocumentTypeSerializer(many=True), 403: NOT_AUTHENTICATED},
)
class DocumentTypeListView(RegistryView, generics.ListAPIView):
    serializer_class = DocumentTypeSerializer

    def get_queryset(self) -> Any:
        return selectors.document_types(active_only=False).order_by("name", "pk")


# -- Cases ------------------------------------------------------------------------------------
class CaseListView(RegistryView):
    serializer_class = CaseSummarySerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Lista ärenden",
        parameters=[CaseFilterSerializer],
        responses={200: CaseSummarySerializer(many=True), 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def get(self, request: Request) -> Response:
        filters = self.validated(CaseFilterSerializer, request.query_params)
        cases = selectors.case_list(
            user=request.user, filters=filters.case_filters(), sort=filters.validated_data["ordering"]
        )
        # The secrecy policy reads the series' administration: fetched with the rows, not per row.
        return paginated(self, cases.select_related("series__administration"), CaseSummarySerializer)

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Registrera ett ärende",
        description="Ärendet får nästa lediga diarienummer i serien för det år det öppnas.",
        request=CaseOpenSerializer,
        responses={201: CaseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def post(self, request: Request) -> Response:
        require(policies.can_open_any_case(request.user), "Du får inte registrera ärenden.")
        data = self.validated(CaseOpenSerializer, request.data).validated_data
        case = services.case_open(actor=request.user, **data)
        return self.case_response(case, status_code=status.HTTP_201_CREATED)


class CaseDetailView(RegistryView):
    serializer_class = CaseSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Ett ärende",
        parameters=[CASE_NUMBER],
        responses={200: CaseSerializer, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def get(self, request: Request, number: str) -> Response:
        return self.case_response(self.case())

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Ändra ett ärendes uppgifter",
        description="Bara de uppgifter som skickas ändras; skälet sparas i historiken.",
        parameters=[CASE_NUMBER],
        request=CaseUpdateSerializer,
        responses={200: CaseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def patch(self, request: Request, number: str) -> Response:
        case = self.case()
        require(policies.can_change_case(request.user, case), "Du får inte ändra detta ärende.")
        changes = dict(self.validated(CaseUpdateSerializer, request.data).validated_data)
        reason = changes.pop("reason", "")
        case = services.case_update(actor=request.user, case=case, reason=reason, **changes)
        return self.case_response(case)


class CaseCloseView(RegistryView):
    serializer_class = CaseCloseSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Avsluta ett ärende",
        parameters=[CASE_NUMBER],
        request=CaseCloseSerializer,
        responses={200: CaseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, number: str) -> Response:
        case = self.case()
        require(policies.can_close_case(request.user, case), "Du får inte avsluta detta ärende.")
        data = self.validated(CaseCloseSerializer, request.data).validated_data
        case = services.case_close(
            actor=request.user, case=case, reason=data["reason"], closed_on=data.get("closed_on")
        )
        return self.case_response(case)


class CaseReopenView(RegistryView):
    serializer_class = ReasonSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Återuppta ett avslutat ärende",
        parameters=[CASE_NUMBER],
        request=ReasonSerializer,
        responses={200: CaseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, number: str) -> Response:
        case = self.case()
        require(policies.can_close_case(request.user, case), "Du får inte återuppta detta ärende.")
        data = self.validated(ReasonSerializer, request.data).validated_data
        case = services.case_reopen(actor=request.user, case=case, reason=data["reason"])
        return self.case_response(case)


class CaseRelateView(RegistryView):
    serializer_class = CaseRelateSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Koppla ärendet till ett annat ärende",
        parameters=[CASE_NUMBER],
        request=CaseRelateSerializer,
        responses={201: CaseRelationSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, number: str) -> Response:
        case = self.case()
        data = self.validated(CaseRelateSerializer, request.data).validated_data
        relation = services.case_relate(actor=request.user, case=case, other=data["other"], note=data["note"])
        other = data["other"]
        row = CaseRelationSerializer(
            {
                "number": other.number,
                "title": selectors.case_title_for(request.user, other),
                "note": relation.note,
                "direction": "out",
                "url": request.build_absolute_uri(reverse("api-registry-case", args=[other.number])),
            }
        ).data
        return Response(row, status=status.HTTP_201_CREATED)


# -- Documents --------------------------------------------------------------------------------
class DocumentListView(RegistryView):
    serializer_class = DocumentSerializer
    parser_classes = FILE_PARSERS

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Ärendets handlingar",
        parameters=[CASE_NUMBER],
        responses={200: DocumentSerializer(many=True), 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def get(self, request: Request, number: str) -> Response:
        case = self.case()

        def share_case(documents: list[Document]) -> None:
            for document in documents:
                document.case = case

        return paginated(self, selectors.case_documents(case), DocumentSerializer, prepare=share_case)

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Registrera en handling",
        description=(
            "Handlingen får nästa löpnummer i ärendet. Skicka som multipart/form-data för att "
            "bifoga noll eller flera filer (fältet `files`, upprepat)."
        ),
        parameters=[CASE_NUMBER],
        request={"multipart/form-data": DocumentRegisterSerializer, "application/json": DocumentRegisterSerializer},
        responses={201: DocumentSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, number: str) -> Response:
        case = self.case()
        require(
            policies.can_register_document(request.user, case),
            f"Du får inte registrera handlingar i ärende {case.number}.",
        )
        serializer = self.validated(DocumentRegisterSerializer, request.data)
        document = services.document_register(actor=request.user, case=case, **serializer.service_kwargs())
        return self.document_response(document, status_code=status.HTTP_201_CREATED)


class DocumentDetailView(RegistryView):
    serializer_class = DocumentSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="En handling",
        parameters=[CASE_NUMBER, SEQUENCE],
        responses={200: DocumentSerializer, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def get(self, request: Request, number: str, sequence: int) -> Response:
        return self.document_response(self.document(self.case()))


class DocumentCorrectView(RegistryView):
    serializer_class = DocumentCorrectSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Rätta en registrerad handlings uppgifter",
        description="Bara registrator får rätta. Bara de uppgifter som skickas rättas; skälet sparas i historiken.",
        parameters=[CASE_NUMBER, SEQUENCE],
        request=DocumentCorrectSerializer,
        responses={200: DocumentSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, number: str, sequence: int) -> Response:
        document = self.document(self.case())
        require(
            policies.can_correct_document(request.user, document), "Bara registrator får rätta registrerade uppgifter."
        )
        serializer = self.validated(DocumentCorrectSerializer, request.data)
        document = services.document_correct(
            actor=request.user, document=document, reason=serializer.validated_data["reason"], **serializer.changes()
        )
        return self.document_response(document)


class DocumentFileCreateView(RegistryView):
    serializer_class = FileUploadSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Lägg till en ny version av handlingens fil",
        parameters=[CASE_NUMBER, SEQUENCE],
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: DocumentFileSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, number: str, sequence: int) -> Response:
        document = self.document(self.case())
        require(
            policies.can_register_document(request.user, document.case),
            "Du får inte lägga till filer i denna handling.",
        )
        upload = self.validated(FileUploadSerializer, request.data).validated_data["file"]
        stored = services.document_add_version(actor=request.user, document=document, upload=upload)
        stored.document = document
        return Response(
            DocumentFileSerializer(stored, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class FileDownloadView(RegistryView):
    serializer_class = None

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Hämta en fil",
        parameters=[FILE_ID],
        responses={
            (200, "application/octet-stream"): FILE_RESPONSE,
            (403, "application/json"): NOT_AUTHENTICATED,
            (404, "application/json"): NOT_FOUND,
        },
    )
    def get(self, request: Request, file_id: int) -> FileResponse:
        stored = (
            DocumentFile.objects.select_related("document__case__series__administration").filter(pk=file_id).first()
        )
        if stored is None:
            raise NotFound(_("Filen finns inte."))
        require(not document_secrets_hidden(request.user, stored.document), "Filen omfattas av sekretess.")
        return stored_file_response(stored.file, filename=stored.filename, content_type=stored.content_type)


# -- Search -----------------------------------------------------------------------------------
def _hit_row(request: Request, hit: SearchHit) -> dict[str, Any]:
    case, document = hit.case, hit.document
    if document is not None:
        return {
            "type": "document",
            "case_number": case.number,
            "document_number": f"{case.number}:{document.sequence}",
            "title": document.subject,
            "document_type": document.document_type.name,
            "date": document.document_date,
            "snippet": str(hit.snippet),
            "url": request.build_absolute_uri(reverse("api-registry-document", args=[case.number, document.sequence])),
        }
    return {
        "type": "case",
        "case_number": case.number,
        "document_number": None,
        "title": selectors.case_title_for(request.user, case),
        "document_type": None,
        "date": case.opened_on,
        "snippet": str(hit.snippet),
        "url": request.build_absolute_uri(reverse("api-registry-case", args=[case.number])),
    }


class SearchView(RegistryView):
    serializer_class = SearchHitSerializer

    @extend_schema(
        tags=TAGS_REGISTRY,
        summary="Sök i diariet",
        description=(
            "Fritextsökning i ärenden, handlingar och filernas text. Text som omfattas av sekretess "
            "söks och visas bara där du får se den."
        ),
        parameters=[SearchQuerySerializer],
        responses={200: SearchHitSerializer(many=True), 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def get(self, request: Request) -> Response:
        query = self.validated(SearchQuerySerializer, request.query_params)
        results = search_internal(request.user, query.validated_data["q"], query.search_filters())
        hits = [hit for hit in self.paginate_queryset(results) if hit.case is not None]
        # The secrecy policy reads each case's series and its administration: fetched once for the page.
        prefetch_related_objects([hit.case for hit in hits], "series__administration")
        rows = [_hit_row(request, hit) for hit in hits]
        return self.get_paginated_response(SearchHitSerializer(rows, many=True).data)


# -- Public registry --------------------------------------------------------------------------
class PublicView(BaseView):
    """No sign-in: what anyone may read of the registry, through `public_selectors` only."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]


def _public_row(request: Request, item: SearchHit | Document) -> dict[str, Any]:
    if isinstance(item, SearchHit):
        case, document, snippet = item.case, item.document, str(item.snippet)
    else:
        case, document, snippet = item.case, item, ""
    return {
        "type": "document" if document is not None else "case",
        "case_number": case.number,
        "case_title": case.display_public_title,
        "document_number": f"{case.number}:{document.sequence}" if document is not None else None,
        "subject": document.subject if document is not None else None,
        "document_type": document.document_type.name if document is not None else None,
        "date": document.document_date if document is not None else case.opened_on,
        "snippet": snippet,
        "url": request.build_absolute_uri(reverse("api-public-case", args=[case.number])),
    }


class PublicSearchView(PublicView):
    serializer_class = PublicSearchHitSerializer

    @extend_schema(
        tags=TAGS_PUBLIC,
        summary="Sök i det offentliga diariet",
        description=(
            "Utan inloggning. Söker bara i offentlig text; ärendemeningar som omfattas av sekretess "
            "visas med den offentliga ärendemeningen. Utan sökord visas de senast registrerade handlingarna."
        ),
        auth=[],
        parameters=[PublicSearchQuerySerializer],
        responses={200: PublicSearchHitSerializer(many=True), 400: VALIDATION_ERROR},
    )
    def get(self, request: Request) -> Response:
        query = self.validated(PublicSearchQuerySerializer, request.query_params)
        results = public_selectors.public_search(query.search_filters())
        rows = [
            _public_row(request, item)
            for item in self.paginate_queryset(results)
            if not isinstance(item, SearchHit) or item.case is not None
        ]
        return self.get_paginated_response(PublicSearchHitSerializer(rows, many=True).data)


class PublicCaseDetailView(PublicView):
    serializer_class = PublicCaseSerializer

    @extend_schema(
        tags=TAGS_PUBLIC,
        summary="Ett ärende i det offentliga diariet",
        auth=[],
        parameters=[CASE_NUMBER],
        responses={200: PublicCaseSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, number: str) -> Response:
        case = public_selectors.public_case(number)
        if case is None:
            raise NotFound(_("Ärendet finns inte."))
        documents = list(public_selectors.public_case_documents(case))
        for document in documents:
            document.case = case
        context = {**self.get_serializer_context(), "documents": documents}
        return Response(PublicCaseSerializer(case, context=context).data)


class PublicFileDownloadView(PublicView):
    serializer_class = None

    @extend_schema(
        tags=TAGS_PUBLIC,
        summary="Hämta en offentlig fil",
        description="Filer i handlingar eller ärenden som omfattas av sekretess lämnas aldrig ut här.",
        auth=[],
        parameters=[FILE_ID],
        responses={(200, "application/octet-stream"): FILE_RESPONSE, (404, "application/json"): NOT_FOUND},
    )
    def get(self, request: Request, file_id: int) -> FileResponse:
        stored = public_selectors.public_file(file_id)
        if stored is None:
            raise NotFound(_("Filen finns inte eller omfattas av sekretess."))
        return stored_file_response(stored.file, filename=stored.filename, content_type=stored.content_type)
