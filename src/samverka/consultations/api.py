"""Consultations in the REST API: thin views over the same services, selectors and policies as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse

from samverka.core.api import (
    NOT_AUTHENTICATED,
    NOT_FOUND,
    VALIDATION_ERROR,
    PageNumberPagination,
    PolicyPermission,
    paginated,
    require,
)
from samverka.core.errors import DomainError

from . import policies, selectors, services
from .models import Comment, Consultation, Recipient, Response
from .serializers import (
    CloseSerializer,
    CommentFilterSerializer,
    CommentSerializer,
    ConsultationCreateSerializer,
    ConsultationFilterSerializer,
    ConsultationSerializer,
    ConsultationSummarySerializer,
    ConsultationUpdateSerializer,
    FinalProposalSerializer,
    HandlingSerializer,
    ReceiptSerializer,
    RecipientSerializer,
    ReopenSerializer,
    ResponseCorrectSerializer,
    ResponseSerializer,
    ResponseWriteSerializer,
    TopicSerializer,
)

TAGS = ["remisser"]


class CanViewConsultations(PolicyPermission):
    policy = staticmethod(policies.can_view_consultations)
    message = _("Du har inte behörighet att se remisser.")


class BaseView(generics.GenericAPIView):
    permission_classes = [CanViewConsultations]
    pagination_class = PageNumberPagination

    def validated(self, serializer_class: type, data: Any) -> Any:
        serializer = serializer_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer

    def consultation(self) -> Consultation:
        try:
            consultation = selectors.consultation_get(pk=self.kwargs["pk"])
        except Consultation.DoesNotExist as exc:
            raise NotFound(_("Remissen finns inte.")) from exc
        if not policies.can_view_consultation(self.request.user, consultation):
            raise NotFound(_("Remissen finns inte."))
        return consultation

    def recipient(self, consultation: Consultation) -> Recipient:
        try:
            return selectors.recipient_get(consultation=consultation, pk=self.kwargs["recipient_id"])
        except Recipient.DoesNotExist as exc:
            raise NotFound(_("Remissinstansen finns inte.")) from exc

    def consultation_response(self, consultation: Consultation, *, code: int = status.HTTP_200_OK) -> ApiResponse:
        consultation = selectors.consultation_get(pk=consultation.pk)
        return ApiResponse(ConsultationSerializer(consultation).data, status=code)


def _documents(consultation_case, sequences: list[int] | None):
    if sequences is None:
        return None
    documents = list(consultation_case.documents.filter(sequence__in=sequences))
    missing = set(sequences) - {d.sequence for d in documents}
    if missing:
        raise DomainError(
            f"Handling {', '.join(str(s) for s in sorted(missing))} finns inte i ärende {consultation_case.number}."
        )
    return documents


def _write_kwargs(serializer) -> dict[str, Any]:
    data = dict(serializer.validated_data)
    kwargs = {
        key: data[key]
        for key in (
            "title",
            "description",
            "deadline",
            "questions",
            "sending_decision",
            "sending_paragraph",
            "sender_body",
            "responsible_officer",
            "reminder_days",
        )
        if key in data
    }
    if any(key in data for key in ("all_committees", "bodies", "administrations", "external_parties")):
        kwargs["recipients"] = serializer.recipients()
    return kwargs


class TopicListView(BaseView, generics.ListAPIView):
    serializer_class = TopicSerializer
    pagination_class = None

    @extend_schema(tags=TAGS, summary="Ämnen för synpunkter", responses={200: TopicSerializer(many=True)})
    def get(self, request: Request, *args, **kwargs) -> ApiResponse:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.topic_list()


class ConsultationListView(BaseView):
    serializer_class = ConsultationSummarySerializer

    @extend_schema(
        tags=TAGS,
        summary="Lista remisser",
        parameters=[ConsultationFilterSerializer],
        responses={200: ConsultationSummarySerializer(many=True), 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def get(self, request: Request) -> ApiResponse:
        filters = self.validated(ConsultationFilterSerializer, request.query_params).validated_data
        consultations = selectors.consultation_list(
            user=request.user,
            status=filters.get("status", ""),
            q=filters.get("q", "").strip(),
            sort=filters["ordering"],
        )
        return paginated(self, consultations, ConsultationSummarySerializer)

    @extend_schema(
        tags=TAGS,
        summary="Skapa en remiss (utkast)",
        request=ConsultationCreateSerializer,
        responses={201: ConsultationSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def post(self, request: Request) -> ApiResponse:
        serializer = self.validated(ConsultationCreateSerializer, request.data)
        case = serializer.validated_data["case"]
        require(policies.can_create_consultation(request.user, case), "Du får inte skapa remisser i detta ärende.")
        kwargs = _write_kwargs(serializer)
        documents = _documents(case, serializer.validated_data.get("documents"))
        consultation = services.consultation_create(actor=request.user, case=case, documents=documents or [], **kwargs)
        return self.consultation_response(consultation, code=status.HTTP_201_CREATED)


class ConsultationDetailView(BaseView):
    serializer_class = ConsultationSerializer

    @extend_schema(tags=TAGS, summary="En remiss", responses={200: ConsultationSerializer, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> ApiResponse:
        return self.consultation_response(self.consultation())

    @extend_schema(
        tags=TAGS,
        summary="Ändra ett utkast",
        request=ConsultationUpdateSerializer,
        responses={200: ConsultationSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> ApiResponse:
        consultation = self.consultation()
        require(policies.can_manage_consultation(request.user, consultation), "Du får inte ändra denna remiss.")
        serializer = self.validated(ConsultationUpdateSerializer, request.data)
        kwargs = _write_kwargs(serializer)
        documents = _documents(consultation.case, serializer.validated_data.get("documents"))
        if documents is not None:
            kwargs["documents"] = documents
        consultation = services.consultation_update(actor=request.user, consultation=consultation, **kwargs)
        return self.consultation_response(consultation)


class _TransitionView(BaseView):
    serializer_class = ConsultationSerializer
    input_serializer: type | None = None

    def act(self, consultation: Consultation, data: dict) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> ApiResponse:
        consultation = self.consultation()
        require(policies.can_manage_consultation(request.user, consultation))
        data = dict(self.validated(self.input_serializer, request.data).validated_data) if self.input_serializer else {}
        self.act(consultation, data)
        return self.consultation_response(consultation)


def _transition_schema(summary: str, request=None):
    return extend_schema(
        tags=TAGS,
        summary=summary,
        request=request,
        responses={200: ConsultationSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )


class SendView(_TransitionView):
    @_transition_schema("Skicka remissen")
    def post(self, request: Request, pk: int) -> ApiResponse:
        return super().post(request, pk)

    def act(self, consultation, data):
        services.consultation_send(actor=self.request.user, consultation=consultation)


class CloseView(_TransitionView):
    input_serializer = CloseSerializer

    @_transition_schema("Stäng remissen (skäl krävs före sista svarsdag)", CloseSerializer)
    def post(self, request: Request, pk: int) -> ApiResponse:
        return super().post(request, pk)

    def act(self, consultation, data):
        services.consultation_close(actor=self.request.user, consultation=consultation, reason=data["reason"])


class ReopenView(_TransitionView):
    input_serializer = ReopenSerializer

    @_transition_schema("Öppna remissen igen", ReopenSerializer)
    def post(self, request: Request, pk: int) -> ApiResponse:
        return super().post(request, pk)

    def act(self, consultation, data):
        services.consultation_reopen(actor=self.request.user, consultation=consultation, **data)


class CompileView(_TransitionView):
    @_transition_schema("Sammanställ och registrera sammanställningen (PDF och DOCX) i ärendet")
    def post(self, request: Request, pk: int) -> ApiResponse:
        return super().post(request, pk)

    def act(self, consultation, data):
        services.consultation_compile(actor=self.request.user, consultation=consultation)


class FinalProposalView(_TransitionView):
    input_serializer = FinalProposalSerializer

    @_transition_schema("Koppla ärendet med det slutliga förslaget", FinalProposalSerializer)
    def post(self, request: Request, pk: int) -> ApiResponse:
        return super().post(request, pk)

    def act(self, consultation, data):
        services.consultation_link_final_proposal(
            actor=self.request.user, consultation=consultation, proposal=data["case"]
        )


class RecipientListView(BaseView):
    serializer_class = RecipientSerializer

    @extend_schema(
        tags=TAGS,
        summary="Remissinstanserna och om de har svarat",
        responses={200: RecipientSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> ApiResponse:
        consultation = self.consultation()
        rows = selectors.consultation_overview(consultation)
        context = {**self.get_serializer_context(), "rows": {row.recipient.pk: row for row in rows}}
        return ApiResponse(RecipientSerializer([row.recipient for row in rows], many=True, context=context).data)


class ReceiptView(BaseView):
    serializer_class = RecipientSerializer

    @extend_schema(
        tags=TAGS,
        summary="Registrera remissen som inkommen i ett ärende i mottagarens egen serie",
        request=ReceiptSerializer,
        responses={200: RecipientSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, recipient_id: int) -> ApiResponse:
        recipient = self.recipient(self.consultation())
        require(policies.can_register_receipt(request.user, recipient))
        data = self.validated(ReceiptSerializer, request.data).validated_data
        recipient = services.recipient_register_receipt(
            actor=request.user,
            recipient=recipient,
            case=data.get("case"),
            series=data.get("series"),
            title=data.get("title", ""),
            received_on=data.get("received_on"),
        )
        return ApiResponse(RecipientSerializer(recipient).data)


def _content(data: dict) -> dict[str, Any]:
    return {
        "standpoint": data["standpoint"],
        "summary": data.get("summary", ""),
        "decision_reference": data.get("decision_reference", ""),
        "answers": {a["question"]: a["text"] for a in data.get("answers", [])},
        "comments": [services.CommentInput(c["text"], tuple(c.get("topics", []))) for c in data.get("comments", [])],
    }


class ResponseBaseView(BaseView):
    serializer_class = ResponseSerializer

    def get_object(self) -> Recipient:
        return self.recipient(self.consultation())

    def _response(self, recipient: Recipient) -> ApiResponse:
        response = selectors.response_for(recipient)
        # A draft is the recipient's own until it is sent.
        if response is None or (
            response.status == Response.Status.DRAFT and not policies.can_respond(self.request.user, recipient)
        ):
            raise NotFound(_("Inget svar ännu."))
        return ApiResponse(ResponseSerializer(response).data)


class ResponseView(ResponseBaseView):
    @extend_schema(tags=TAGS, summary="Remissinstansens svar", responses={200: ResponseSerializer, 404: NOT_FOUND})
    def get(self, request: Request, pk: int, recipient_id: int) -> ApiResponse:
        return self._response(self.recipient(self.consultation()))

    @extend_schema(
        tags=TAGS,
        summary="Skriv eller ersätt utkastet till svar",
        request=ResponseWriteSerializer,
        responses={200: ResponseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def put(self, request: Request, pk: int, recipient_id: int) -> ApiResponse:
        recipient = self.recipient(self.consultation())
        require(policies.can_respond(request.user, recipient), f"Bara {recipient.name} kan svara på remissen.")
        data = self.validated(ResponseWriteSerializer, request.data).validated_data
        services.response_save(actor=request.user, recipient=recipient, **_content(data))
        return self._response(recipient)


class ResponseSendView(ResponseBaseView):
    @extend_schema(
        tags=TAGS,
        summary="Skicka svaret (registreras hos båda parter; sent svar markeras)",
        request=None,
        responses={200: ResponseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, recipient_id: int) -> ApiResponse:
        recipient = self.recipient(self.consultation())
        require(policies.can_respond(request.user, recipient), f"Bara {recipient.name} kan svara på remissen.")
        services.response_send(actor=request.user, recipient=recipient)
        return self._response(recipient)


class ResponseCorrectView(ResponseBaseView):
    @extend_schema(
        tags=TAGS,
        summary="Rätta ett skickat svar (ny version)",
        request=ResponseCorrectSerializer,
        responses={200: ResponseSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, recipient_id: int) -> ApiResponse:
        recipient = self.recipient(self.consultation())
        require(policies.can_respond(request.user, recipient), f"Bara {recipient.name} kan svara på remissen.")
        data = self.validated(ResponseCorrectSerializer, request.data).validated_data
        services.response_correct(actor=request.user, recipient=recipient, reason=data["reason"], **_content(data))
        return self._response(recipient)


class CommentListView(BaseView):
    serializer_class = CommentSerializer

    @extend_schema(
        tags=TAGS,
        summary="Synpunkterna i de skickade svaren",
        parameters=[CommentFilterSerializer],
        responses={200: CommentSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> ApiResponse:
        consultation = self.consultation()
        handled = self.validated(CommentFilterSerializer, request.query_params).validated_data.get("handled")
        comments = (
            Comment.objects.filter(
                response__recipient__consultation=consultation,
                response__recipient__is_removed=False,
                response__status=Response.Status.SENT,
                is_removed=False,
            )
            .select_related("response__recipient__body", "response__recipient__administration")
            .select_related("response__recipient__external")
            .prefetch_related(Prefetch("topics"))
            .order_by("response__recipient_id", "position")
        )
        if handled is True:
            comments = comments.exclude(handling="")
        elif handled is False:
            comments = comments.filter(handling="")
        return paginated(self, comments, CommentSerializer)


class CommentHandlingView(BaseView):
    serializer_class = CommentSerializer

    @extend_schema(
        tags=TAGS,
        summary="Ange hur synpunkten hanterades i det slutliga förslaget",
        request=HandlingSerializer,
        responses={200: CommentSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, comment_id: int) -> ApiResponse:
        consultation = self.consultation()
        comment = (
            Comment.objects.select_related("response__recipient__consultation__case__series")
            .filter(pk=comment_id, response__recipient__consultation=consultation, is_removed=False)
            .first()
        )
        if comment is None:
            raise NotFound(_("Synpunkten finns inte."))
        require(policies.can_handle_comment(request.user, comment), "Bara avsändaren kan besvara synpunkterna.")
        data = self.validated(HandlingSerializer, request.data).validated_data
        comment = services.comment_handle(
            actor=request.user, comment=comment, handling=data["handling"], motivation=data["motivation"]
        )
        return ApiResponse(CommentSerializer(comment).data)
