"""REST API for the yearly follow-up: read rounds and their figures; answer and report through the services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiForbidden
from rest_framework.request import Request
from rest_framework.response import Response

from . import policies, selectors, services
from .models import FollowUpRound, InitiativeStatus, Rag, RoundCommittee


def _choice_text(choices) -> str:
    return "En av: " + ", ".join(f"`{value}` ({label})" for value, label in choices) + "."


class InitiativeStatusSerializer(serializers.ModelSerializer):
    rag = serializers.CharField(read_only=True, help_text=_choice_text(Rag.choices))

    class Meta:
        model = InitiativeStatus
        fields = [
            "id",
            "initiative",
            "title",
            "category",
            "planned_amount",
            "spent_amount",
            "progress",
            "rag",
            "comment",
        ]
        extra_kwargs = {
            "initiative": {"help_text": "Insatsens id i utvecklingsplanen; tomt för en insats utanför planen."}
        }


class CommitteeSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.name", read_only=True)
    answered = serializers.SerializerMethodField()
    answered_late = serializers.BooleanField(read_only=True, help_text=_("Svarat efter sista svarsdag."))

    class Meta:
        model = RoundCommittee
        fields = ["id", "body", "answered", "answered_at", "answered_late"]

    def get_answered(self, obj: RoundCommittee) -> bool:
        return obj.answered_at is not None


class RoundSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=_choice_text(FollowUpRound.Status.choices))

    class Meta:
        model = FollowUpRound
        fields = ["id", "year", "title", "deadline", "status", "plan"]
        extra_kwargs = {
            "plan": {"help_text": "Den fastställda utvecklingsplanens id; tomt om uppföljningen öppnades utan plan."}
        }


class RoundDetailSerializer(RoundSerializer):
    principles = serializers.SerializerMethodField()
    committees = serializers.SerializerMethodField()
    initiatives = serializers.SerializerMethodField()

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "principles", "committees", "initiatives"]

    def get_principles(self, obj) -> list[dict]:
        return [
            {"id": p.pk, "number": p.number, "title": p.title, "principle": p.principle_id}
            for p in selectors.round_principles(obj)
        ]

    def get_committees(self, obj) -> list[dict]:
        return CommitteeSerializer(selectors.round_committees(obj), many=True).data

    def get_initiatives(self, obj) -> list[dict]:
        return InitiativeStatusSerializer(selectors.round_initiatives(obj), many=True).data


class AnswerItemSerializer(serializers.Serializer):
    principle = serializers.IntegerField()
    text = serializers.CharField(max_length=10000)
    maturity = serializers.IntegerField(
        min_value=1,
        max_value=5,
        error_messages={
            "min_value": "Mognadsnivån ska vara från 1 till 5.",
            "max_value": "Mognadsnivån ska vara från 1 till 5.",
        },
    )


class AnswersSerializer(serializers.Serializer):
    committee = serializers.IntegerField(help_text="Den tillfrågade nämndens id i uppföljningen.")
    answers = AnswerItemSerializer(many=True)


class InitiativeReportSerializer(serializers.Serializer):
    initiative = serializers.IntegerField()
    progress = serializers.IntegerField(
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "Ange en procentsats från 0 till 100.",
            "max_value": "Ange en procentsats från 0 till 100.",
        },
    )
    rag = serializers.CharField(max_length=10, help_text=_choice_text(Rag.choices))
    spent_amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=0,
        min_value=0,
        error_messages={"min_value": "Använt belopp kan inte vara mindre än noll."},
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up rounds (uppföljningar), looked up by year."""

    serializer_class = RoundSerializer
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUpRound.objects.none()
        if not policies.can_view_followup(self.request.user):
            raise ApiForbidden("Du har inte behörighet att läsa uppföljningar.")
        return FollowUpRound.objects.order_by("-year")

    def get_serializer_class(self):
        return RoundDetailSerializer if self.action == "retrieve" else RoundSerializer

    @extend_schema(request=AnswersSerializer, responses=CommitteeSerializer, summary="En nämnds svar")
    @route(detail=True, methods=["post"])
    def answers(self, request: Request, year=None) -> Response:
        round = self.get_object()
        serializer = AnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        committee = RoundCommittee.objects.filter(round=round, pk=serializer.validated_data["committee"]).first()
        if committee is None:
            raise NotFound("Nämnden är inte tillfrågad i uppföljningen.")
        answers = {a["principle"]: (a["text"], a["maturity"]) for a in serializer.validated_data["answers"]}
        committee = services.answers_submit(actor=request.user, committee=committee, answers=answers)
        return Response(CommitteeSerializer(committee).data)

    @extend_schema(request=InitiativeReportSerializer, responses=InitiativeStatusSerializer, summary="En insats status")
    @route(detail=True, methods=["post"], url_path="initiative-status")
    def initiative_status(self, request: Request, year=None) -> Response:
        round = self.get_object()
        serializer = InitiativeReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        status = InitiativeStatus.objects.filter(round=round, pk=data.pop("initiative")).first()
        if status is None:
            raise NotFound("Insatsen finns inte i uppföljningen.")
        status = services.initiative_report(actor=request.user, status=status, **data)
        return Response(InitiativeStatusSerializer(status).data)
