"""Plans, initiatives and the annual wheel in the REST API, over the same services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samverka.core.api import PageNumberPagination, PolicyPermission
from samverka.meetings.models import AgendaItem
from samverka.needs.models import Category, Need
from samverka.organisation.models import Administration

from . import policies, selectors, services
from .models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative


class CanViewPlans(PolicyPermission):
    policy = staticmethod(policies.can_view_plans)


class InitiativeSerializer(serializers.ModelSerializer):
    costs = serializers.SerializerMethodField()
    needs = serializers.SlugRelatedField(slug_field="reference", many=True, read_only=True)
    responsible_administration = serializers.SlugRelatedField(slug_field="short_name", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "plan",
            "title",
            "description",
            "category",
            "financing",
            "responsible_administration",
            "start_year",
            "end_year",
            "costs",
            "needs",
        ]
        read_only_fields = fields

    def get_costs(self, obj) -> dict[str, int]:
        return {str(c.year): int(c.amount) for c in obj.costs.all()}


class PlanSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    approvals = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentPlan
        fields = ["id", "year", "version", "title", "status", "case", "introduction", "previous", "approvals"]
        read_only_fields = fields

    def get_approvals(self, obj) -> list[dict]:
        return [
            {
                "step": a.step,
                "decided_on": a.decided_on,
                "minutes_reference": a.minutes_reference,
                "paragraph": a.paragraph_id,
            }
            for a in obj.approvals.all()
        ]


class PlanCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(required=False, allow_blank=True, default="")
    introduction = serializers.CharField(required=False, allow_blank=True, default="")


class PlanDecisionSerializer(serializers.Serializer):
    step = serializers.ChoiceField(
        choices=[s for s in DevelopmentPlan.Status.choices if s[0] in services.STEP_SERVICES]
    )
    paragraph = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.filter(paragraph_number__isnull=False).select_related("meeting__body"),
        required=False,
        allow_null=True,
        help_text="Paragrafen i planens ärende; dag, organ och hänvisning hämtas från den.",
    )
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    minutes_reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate(self, data):
        # Without a paragraph the decision was taken outside Samverka: day and citation are then required.
        if data.get("paragraph") is None:
            errors = {}
            if not data.get("minutes_reference", "").strip():
                errors["minutes_reference"] = "Ange en paragraf eller hänvisningen till protokollet."
            if data.get("decided_on") is None:
                errors["decided_on"] = "Ange sammanträdesdagen för ett beslut utanför Samverka."
            if errors:
                raise serializers.ValidationError(errors)
        elif data.get("minutes_reference", "").strip():
            raise serializers.ValidationError(
                {"minutes_reference": "Ange antingen en paragraf eller en hänvisning, inte båda."}
            )
        return data


class PlanReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class InitiativeWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices)
    financing = serializers.ChoiceField(choices=Initiative.Financing.choices)
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    end_year = serializers.IntegerField(min_value=2000, max_value=2100)
    responsible_administration = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Administration.objects.all(), required=False, allow_null=True
    )
    costs = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=0, min_value=0), required=False, default=dict
    )
    needs = serializers.PrimaryKeyRelatedField(many=True, queryset=Need.objects.all(), required=False, default=list)

    def validate_costs(self, value):
        try:
            return {int(year): amount for year, amount in value.items()}
        except ValueError as exc:
            raise serializers.ValidationError("Ange åren som heltal.") from exc


def _plans():
    return DevelopmentPlan.objects.select_related("case").prefetch_related("approvals").order_by("-year", "-version")


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Development plans: read, create, record decisions, revise, add initiatives."""

    permission_classes = [CanViewPlans]
    pagination_class = PageNumberPagination
    serializer_class = PlanSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return _plans()

    def _plan(self) -> DevelopmentPlan:
        return get_object_or_404(DevelopmentPlan, pk=self.kwargs["pk"])

    @extend_schema(request=PlanCreateSerializer, responses={201: PlanSerializer})
    def create(self, request):
        data = PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.plan_create(actor=request.user, **data.validated_data)
        return Response(PlanSerializer(_plans().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PlanDecisionSerializer, responses={200: PlanSerializer})
    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        data = PlanDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        step = values.pop("step")
        plan = services.STEP_SERVICES[step](actor=request.user, plan=self._plan(), **values)
        return Response(PlanSerializer(_plans().get(pk=plan.pk)).data)

    @extend_schema(request=PlanReasonSerializer, responses={201: PlanSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        data = PlanReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.plan_revise(actor=request.user, plan=self._plan(), **data.validated_data)
        return Response(PlanSerializer(_plans().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InitiativeWriteSerializer, responses={200: InitiativeSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def initiatives(self, request, pk=None):
        plan = self._plan()
        if request.method == "POST":
            data = InitiativeWriteSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            initiative = services.initiative_create(actor=request.user, plan=plan, **data.validated_data)
            item = selectors.initiatives_for_api().get(pk=initiative.pk)
            return Response(InitiativeSerializer(item).data, status=status.HTTP_201_CREATED)
        items = selectors.initiatives_for_api().filter(plan=plan)
        return Response(InitiativeSerializer(items, many=True).data)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def totals(self, request, pk=None):
        totals = selectors.plan_totals(self._plan())
        return Response(
            {
                "years": totals.years,
                "by_year": {str(y): int(a) for y, a in totals.by_year.items()},
                "by_category": {label: int(total) for label, _a, total in totals.by_category},
                "by_financing": {label: int(total) for label, _a, total in totals.by_financing},
                "total": int(totals.total),
            }
        )


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewPlans]
    pagination_class = PageNumberPagination
    serializer_class = InitiativeSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.initiatives_for_api()

    @extend_schema(request=InitiativeWriteSerializer, responses={200: InitiativeSerializer})
    def partial_update(self, request, pk=None):
        initiative = get_object_or_404(Initiative, pk=pk)
        data = InitiativeWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.initiative_update(actor=request.user, initiative=initiative, **data.validated_data)
        return Response(InitiativeSerializer(self.get_queryset().get(pk=pk)).data)


class CycleStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CycleStep
        fields = ["id", "kind", "title", "starts_on", "ends_on", "description"]
        extra_kwargs = {"ends_on": {"required": False}}


class AnnualCycleSerializer(serializers.ModelSerializer):
    steps = CycleStepSerializer(many=True, read_only=True)

    class Meta:
        model = AnnualCycle
        fields = ["year", "plan_year", "title", "steps"]


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """The annual wheel per year; IT governance adds steps."""

    permission_classes = [CanViewPlans]
    serializer_class = AnnualCycleSerializer
    lookup_field = "year"
    lookup_value_regex = r"[0-9]{4}"
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return selectors.cycle_list()

    @extend_schema(request=CycleStepSerializer, responses={201: CycleStepSerializer})
    @action(detail=True, methods=["post"])
    def steps(self, request, year=None):
        cycle = get_object_or_404(AnnualCycle, year=year)
        data = CycleStepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if values.get("ends_on") is None:
            values["ends_on"] = values["starts_on"]
        step = services.cycle_step_add(actor=request.user, cycle=cycle, **values)
        return Response(CycleStepSerializer(step).data, status=status.HTTP_201_CREATED)
