"""REST API for audits: read audits and actions, and move actions on through the same services."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.exceptions import PermissionDenied as ApiForbidden
from rest_framework.request import Request
from rest_framework.response import Response

from . import policies, selectors, services
from .models import Action, ActionEvent, ActionStatus, Audit, AuditReport, Finding


def _choice_text(choices) -> str:
    return "En av: " + ", ".join(f"`{value}` ({label})" for value, label in choices) + "."


class ActionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=_choice_text(ActionStatus.choices))
    audit = serializers.IntegerField(source="finding.audit_id", read_only=True)
    finding = serializers.CharField(source="finding.title", read_only=True)
    responsible_person = serializers.CharField(source="responsible_person.full_name", read_only=True)
    responsible_unit = serializers.SerializerMethodField()
    evidence_document = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "audit",
            "number",
            "finding",
            "description",
            "expected_effect",
            "responsible_person",
            "responsible_unit",
            "original_due_date",
            "due_date",
            "status",
            "completed_on",
            "evidence_document",
            "evidence_decision",
            "overdue",
        ]

    def get_responsible_unit(self, obj: Action) -> str:
        return str(obj.responsible_unit or "")

    def get_evidence_document(self, obj: Action) -> str | None:
        return obj.evidence_document.number if obj.evidence_document_id else None

    def get_overdue(self, obj: Action) -> bool:
        return obj.is_overdue(timezone.localdate())


class ActionEventSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", default="", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=_choice_text(ActionEvent.Kind.choices))
    from_status = serializers.CharField(read_only=True, help_text=_choice_text(ActionStatus.choices))
    to_status = serializers.CharField(read_only=True, help_text=_choice_text(ActionStatus.choices))

    class Meta:
        model = ActionEvent
        fields = [
            "id",
            "kind",
            "noted_on",
            "text",
            "from_status",
            "to_status",
            "old_due_date",
            "new_due_date",
            "author",
        ]


class FindingSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "sequence", "title", "description", "recommendation", "actions"]


class ReportSerializer(serializers.ModelSerializer):
    document = serializers.SerializerMethodField()
    kind = serializers.CharField(read_only=True, help_text=_choice_text(AuditReport.Kind.choices))
    status = serializers.CharField(read_only=True, help_text=_choice_text(AuditReport.Status.choices))

    class Meta:
        model = AuditReport
        fields = ["id", "kind", "due_date", "status", "submitted_on", "document"]

    def get_document(self, obj: AuditReport) -> str | None:
        return obj.document.number if obj.document_id else None


class AuditSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)
    response_case = serializers.CharField(source="response_case.number", default=None, read_only=True)
    auditor_body = serializers.CharField(source="auditor_body.name", read_only=True)
    action_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)
    overdue_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Audit
        fields = [
            "id",
            "case",
            "title",
            "report_date",
            "auditor_body",
            "response_case",
            "response_date",
            "final_report_due",
            "action_count",
            "done_count",
            "overdue_count",
        ]


class AuditDetailSerializer(AuditSerializer):
    findings = FindingSerializer(many=True, read_only=True)
    reports = ReportSerializer(many=True, read_only=True)

    class Meta(AuditSerializer.Meta):
        fields = [*AuditSerializer.Meta.fields, "summary", "findings", "reports"]


class StartSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class CompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField(required=False)
    evidence_document = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Handlingens nummer, t.ex. STK-2020-1678:3."
    )
    evidence_decision = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)

    def validate_evidence_document(self, value: str):
        if not value.strip():
            return None
        document = selectors.document_by_reference(value)
        if document is None:
            raise serializers.ValidationError(f"Det finns ingen handling {value}. Ange t.ex. STK-2020-1678:3.")
        return document


REASON_REQUIRED = "Ange varför åtgärden är försenad."


class DelaySerializer(serializers.Serializer):
    new_due_date = serializers.DateField(
        error_messages={"required": "Ange det nya datumet.", "null": "Ange det nya datumet."}
    )
    # The same words as the service and the form, not the framework's generic "required".
    reason = serializers.CharField(
        max_length=5000, error_messages={"required": REASON_REQUIRED, "blank": REASON_REQUIRED}
    )


class NoteSerializer(serializers.Serializer):
    noted_on = serializers.DateField(required=False)
    text = serializers.CharField(max_length=5000)


def _audits_with_counts(user):
    return selectors.audit_list(user=user, sort="-date")


class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Audits (granskningar) with their findings, the board's actions and the reports to the auditors."""

    serializer_class = AuditSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.serializer_class.Meta.model.objects.none()
        if not policies.can_view_audits(self.request.user):
            raise ApiForbidden("Du har inte behörighet att läsa granskningar.")
        qs = _audits_with_counts(self.request.user)
        if self.action == "retrieve":
            actions = Action.objects.select_related(*selectors.ACTION_RELATED).order_by("sequence")
            qs = qs.prefetch_related(
                Prefetch(
                    "findings",
                    queryset=Finding.objects.order_by("sequence").prefetch_related(
                        Prefetch("actions", queryset=actions)
                    ),
                ),
                Prefetch("reports", queryset=AuditReport.objects.select_related("document__case")),
            )
        return qs

    def get_serializer_class(self):
        return AuditDetailSerializer if self.action == "retrieve" else AuditSerializer


class ActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Actions in answer to audit findings; status changes go through the same rules as the pages."""

    serializer_class = ActionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.serializer_class.Meta.model.objects.none()
        if not policies.can_view_audits(self.request.user):
            raise ApiForbidden("Du har inte behörighet att läsa granskningar.")
        qs = Action.objects.select_related(*selectors.ACTION_RELATED).order_by(
            "finding__audit_id", "finding__sequence", "sequence"
        )
        params = self.request.query_params
        if params.get("audit"):
            if not params["audit"].isdigit():
                raise ValidationError({"audit": ["Ange granskningens id som ett heltal."]})
            qs = qs.filter(finding__audit_id=int(params["audit"]))
        if params.get("status"):
            if params["status"] not in ActionStatus.values:
                raise ValidationError({"status": [f"Okänd status. Välj bland {', '.join(ActionStatus.values)}."]})
            qs = qs.filter(status=params["status"])
        if params.get("overdue") in ("1", "true"):
            qs = qs.filter(status__in=[s for s in ActionStatus.values if s != ActionStatus.DONE]).filter(
                due_date__lt=timezone.localdate()
            )
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("audit", int, description="Bara åtgärder i denna granskning."),
            OpenApiParameter("status", str, enum=ActionStatus.values),
            OpenApiParameter("overdue", bool, description="Bara åtgärder som passerat sin tidsgräns."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _locked_target(self, pk) -> Action:
        try:
            return selectors.action_get(pk=int(pk))
        except (Action.DoesNotExist, ValueError) as exc:
            raise NotFound("Åtgärden finns inte.") from exc

    def _run(self, request: Request, pk, serializer_class, service) -> Response:
        action = self._locked_target(pk)
        if not policies.can_view_audit(request.user, action.finding.audit):
            raise ApiForbidden("Du har inte behörighet att läsa granskningen.")
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = service(actor=request.user, action=action, **serializer.validated_data)
        if isinstance(result, ActionEvent):
            return Response(ActionEventSerializer(result).data, status=201)
        return Response(ActionSerializer(selectors.action_get(pk=result.pk)).data)

    @extend_schema(request=StartSerializer, responses=ActionSerializer, summary="Påbörja åtgärden")
    @route(detail=True, methods=["post"])
    def start(self, request: Request, pk=None) -> Response:
        return self._run(request, pk, StartSerializer, services.action_start)

    @extend_schema(request=CompleteSerializer, responses=ActionSerializer, summary="Markera som genomförd")
    @route(detail=True, methods=["post"])
    def complete(self, request: Request, pk=None) -> Response:
        return self._run(request, pk, CompleteSerializer, services.action_complete)

    @extend_schema(request=DelaySerializer, responses=ActionSerializer, summary="Markera som försenad")
    @route(detail=True, methods=["post"])
    def delay(self, request: Request, pk=None) -> Response:
        return self._run(request, pk, DelaySerializer, services.action_delay)

    @extend_schema(request=NoteSerializer, responses={201: ActionEventSerializer}, summary="Statusanteckning")
    @route(detail=True, methods=["post"])
    def notes(self, request: Request, pk=None) -> Response:
        return self._run(request, pk, NoteSerializer, services.action_note_add)

    @extend_schema(responses=ActionEventSerializer(many=True), summary="Statusanteckningar och ändringar")
    @route(detail=True, methods=["get"])
    def events(self, request: Request, pk=None) -> Response:
        # The same guard as the detail endpoint: refused outright without the right to read audits.
        if not policies.can_view_audits(request.user):
            raise ApiForbidden("Du har inte behörighet att läsa granskningar.")
        action = self._locked_target(pk)
        if not policies.can_view_audit(request.user, action.finding.audit):
            raise ApiForbidden("Du har inte behörighet att läsa granskningen.")
        return Response(ActionEventSerializer(selectors.action_events(action), many=True).data)
