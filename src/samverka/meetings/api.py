"""Meetings in the REST API: thin views over the same services, selectors and policies as the pages."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.core.api import (
    NOT_AUTHENTICATED,
    NOT_FOUND,
    VALIDATION_ERROR,
    PageNumberPagination,
    PolicyPermission,
    require,
)
from samverka.organisation.models import Body
from samverka.registry.models import Case, Document

from . import policies, selectors, services
from .models import AgendaItem, Attendance, Meeting, Notice

TAGS = ["sammanträden"]


class CanViewMeetings(PolicyPermission):
    policy = staticmethod(policies.can_view_meetings)
    message = _("Du har inte behörighet att se sammanträden.")


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="short_name", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=_("planned, called, held, drafted, verified, posted, appeal_over, cancelled")
    )
    is_locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "starts_at", "ends_at", "place", "status", "is_locked", "verified_on", "sealed_at"]


class MeetingCreateSerializer(serializers.Serializer):
    body = serializers.SlugRelatedField(slug_field="short_name", queryset=Body.objects.all())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300)

    def validate(self, data):
        if data["ends_at"] < data["starts_at"]:
            raise serializers.ValidationError({"ends_at": [_("Sammanträdet kan inte sluta innan det börjar.")]})
        return data


class AgendaItemSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    case = serializers.SlugRelatedField(slug_field="number", read_only=True)
    paragraph = serializers.CharField(source="paragraph_label", read_only=True)
    decision_points = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "kind",
            "title",
            "case",
            "paragraph",
            "paragraph_number",
            "summary",
            "proposal",
            "decision_intro",
            "decision_points",
            "supporting_documents",
            "immediately_verified_at",
        ]
        extra_kwargs = {"supporting_documents": {"read_only": True}}


def _supporting_documents(ids: list[int], case: Case | None) -> list[Document]:
    """The documents with these ids, all of them in the item's case; anything else is a 400."""
    if not ids:
        return []
    if case is None:
        raise serializers.ValidationError(
            {"supporting_documents": [_("Beslutsunderlag kan bara anges för en punkt som hör till ett ärende.")]}
        )
    documents = list(Document.objects.filter(case=case, pk__in=ids))
    missing = sorted(set(ids) - {d.pk for d in documents})
    if missing:
        raise serializers.ValidationError(
            {
                "supporting_documents": [
                    _("Handlingarna %(ids)s finns inte i ärende %(number)s.")
                    % {"ids": ", ".join(str(pk) for pk in missing), "number": case.number}
                ]
            }
        )
    return documents


SUPPORTING_DOCUMENTS_HELP = _("Id:n för handlingar i punktens ärende: beslutsunderlaget.")


class AgendaItemCreateSerializer(serializers.Serializer):
    kind = serializers.CharField(default=AgendaItem.Kind.DECISION, help_text=_("decision, information eller election"))
    title = serializers.CharField(max_length=500)
    case = serializers.CharField(required=False, allow_blank=True, help_text=_("Diarienummer."))
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    proposal = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Tomt: beslutet från det organ som behandlade ärendet före."),
    )
    supporting_documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list, help_text=SUPPORTING_DOCUMENTS_HELP
    )

    def validate_case(self, value):
        if not value:
            return None
        case = Case.objects.filter(number=value.strip().upper()).first()
        if case is None:
            raise serializers.ValidationError(_("Det finns inget ärende med det diarienumret."))
        return case

    def validate(self, data):
        data["supporting_documents"] = _supporting_documents(data.get("supporting_documents", []), data.get("case"))
        return data


class AgendaItemUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    proposal = serializers.CharField(required=False, allow_blank=True)
    decision_intro = serializers.CharField(max_length=300, required=False)
    supporting_documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=_("Id:n för handlingar i punktens ärende; ersätter hela beslutsunderlaget."),
    )

    def validate(self, data):
        if "supporting_documents" in data:
            item = self.context["item"]
            data["supporting_documents"] = _supporting_documents(data["supporting_documents"], item.case)
        return data


class StepSerializer(serializers.Serializer):
    posted_on = serializers.DateField(required=False, help_text=_("För steget post: anslagsdagen."))
    reason = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("För steget cancel."))


class DecisionSerializer(serializers.Serializer):
    decision = serializers.CharField(help_text=_("En beslutspunkt per rad."))
    accept_no_quorum = serializers.BooleanField(default=False)


class DissentSerializer(serializers.Serializer):
    attendance = serializers.IntegerField(help_text=_("Närvarons id."))
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class NoticeSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    body = serializers.CharField(source="meeting.body.name", read_only=True)
    meeting_date = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "meeting_date",
            "posted_on",
            "takedown_on",
            "appeal_ends_on",
            "kept_at",
        ]

    def get_meeting_date(self, notice: Notice) -> dt.date:
        from django.utils import timezone

        return timezone.localtime(notice.meeting.starts_at).date()


def _meeting(pk: int) -> Meeting:
    try:
        return selectors.meeting_get(pk)
    except Meeting.DoesNotExist as exc:
        raise NotFound(_("Sammanträdet finns inte.")) from exc


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise NotFound(_("Punkten finns inte."))
    item.meeting = meeting
    return item


class MeetingListView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    pagination_class = PageNumberPagination
    serializer_class = MeetingSerializer

    @extend_schema(
        tags=TAGS, summary=_("Sammanträden"), responses={200: MeetingSerializer(many=True), 403: NOT_AUTHENTICATED}
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.meeting_list())
        return self.get_paginated_response(MeetingSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary=_("Planera sammanträde"),
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def post(self, request: Request) -> Response:
        data = MeetingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_plan(actor=request.user, **data.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MeetingDetailView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = MeetingSerializer

    @extend_schema(tags=TAGS, summary=_("Ett sammanträde"), responses={200: MeetingSerializer, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(MeetingSerializer(_meeting(pk)).data)


class AgendaView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = AgendaItemSerializer

    @extend_schema(
        tags=TAGS, summary=_("Föredragningslistan"), responses={200: AgendaItemSerializer(many=True), 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        meeting = _meeting(pk)
        return Response(AgendaItemSerializer(selectors.meeting_items(meeting), many=True).data)

    @extend_schema(
        tags=TAGS,
        summary=_("Lägg till punkt"),
        request=AgendaItemCreateSerializer,
        responses={201: AgendaItemSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED},
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(pk)
        require(policies.can_manage_meeting(request.user, meeting))
        data = AgendaItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.agenda_item_add(actor=request.user, meeting=meeting, **data.validated_data)
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)


class AgendaItemView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = AgendaItemSerializer

    @extend_schema(tags=TAGS, summary=_("En punkt"), responses={200: AgendaItemSerializer, 404: NOT_FOUND})
    def get(self, request: Request, pk: int, item_id: int) -> Response:
        meeting = _meeting(pk)
        try:
            item = selectors.item_get(meeting, item_id)
        except AgendaItem.DoesNotExist as exc:
            raise NotFound(_("Punkten finns inte.")) from exc
        return Response(AgendaItemSerializer(item).data)

    @extend_schema(
        tags=TAGS,
        summary=_("Ändra punkt"),
        request=AgendaItemUpdateSerializer,
        responses={200: AgendaItemSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int, item_id: int) -> Response:
        meeting = _meeting(pk)
        item = _item(meeting, item_id)
        require(policies.can_manage_meeting(request.user, meeting))
        data = AgendaItemUpdateSerializer(data=request.data, context={"item": item})
        data.is_valid(raise_exception=True)
        item = services.agenda_item_update(actor=request.user, item=item, **data.validated_data)
        return Response(AgendaItemSerializer(selectors.item_get(meeting, item.pk)).data)


class ParagraphListView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = AgendaItemSerializer

    @extend_schema(
        tags=TAGS,
        summary=_("Protokollets paragrafer"),
        responses={200: AgendaItemSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        meeting = _meeting(pk)
        return Response(
            AgendaItemSerializer(
                selectors.meeting_items(meeting).filter(paragraph_number__isnull=False), many=True
            ).data
        )


STEPS = {
    "call": "meeting_call",
    "hold": "meeting_hold",
    "draft": "minutes_draft",
    "sign": "minutes_sign",
    "post": "minutes_post",
    "cancel": "meeting_cancel",
}


class StepView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = StepSerializer

    @extend_schema(
        tags=TAGS,
        summary=_("Ta nästa steg: call, hold, draft, sign, post eller cancel"),
        request=StepSerializer,
        responses={200: MeetingSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, step: str) -> Response:
        meeting = _meeting(pk)
        if step not in STEPS:
            raise NotFound(_("Steget finns inte."))
        data = StepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kwargs: dict = {}
        if step == "post":
            kwargs["posted_on"] = data.validated_data.get("posted_on")
        elif step == "cancel":
            kwargs["reason"] = data.validated_data["reason"]
        getattr(services, STEPS[step])(actor=request.user, meeting=meeting, **kwargs)
        return Response(MeetingSerializer(_meeting(pk)).data)


class DecisionView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = DecisionSerializer

    @extend_schema(
        tags=TAGS,
        summary=_("Protokollför beslut"),
        request=DecisionSerializer,
        responses={200: AgendaItemSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, item_id: int) -> Response:
        meeting = _meeting(pk)
        item = _item(meeting, item_id)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.decision_record(actor=request.user, item=item, **data.validated_data)
        return Response(AgendaItemSerializer(item).data)


class DissentView(generics.GenericAPIView):
    permission_classes = [CanViewMeetings]
    serializer_class = DissentSerializer

    @extend_schema(
        tags=TAGS,
        summary=_("Anmäl reservation"),
        request=DissentSerializer,
        responses={201: AgendaItemSerializer, 400: VALIDATION_ERROR, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int, item_id: int) -> Response:
        meeting = _meeting(pk)
        item = _item(meeting, item_id)
        data = DissentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attendance = Attendance.objects.filter(meeting=meeting, pk=data.validated_data["attendance"]).first()
        if attendance is None:
            raise serializers.ValidationError({"attendance": [_("Personen är inte registrerad vid sammanträdet.")]})
        services.dissent_announce(
            actor=request.user, item=item, attendance=attendance, reasons=data.validated_data["reasons"]
        )
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)


class NoticeBoardView(generics.GenericAPIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    pagination_class = PageNumberPagination
    serializer_class = NoticeSerializer

    @extend_schema(
        tags=["anslagstavla"], summary=_("Anslagstavlan (offentlig)"), responses={200: NoticeSerializer(many=True)}
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.notice_board())
        return self.get_paginated_response(NoticeSerializer(page, many=True).data)
