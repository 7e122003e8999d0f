"""Needs in the REST API: the same services, selectors and policies as the pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from samverka.core.api import HeaderPagination, PageNumberPagination, PolicyPermission, require
from samverka.organisation.models import Administration
from samverka.principles.models import Principle

from . import policies, selectors, services
from .models import Category, Criterion, Need


class CanViewNeeds(PolicyPermission):
    policy = staticmethod(policies.can_view_needs)


class NeedSerializer(serializers.ModelSerializer):
    administration = serializers.SlugRelatedField(slug_field="short_name", read_only=True)
    administrations_concerned = serializers.SlugRelatedField(slug_field="short_name", many=True, read_only=True)
    principles = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    merged_into = serializers.SlugRelatedField(slug_field="reference", read_only=True)

    class Meta:
        model = Need
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "problem",
            "benefit",
            "administration",
            "administrations_concerned",
            "category",
            "principles",
            "urgency",
            "legal_requirement",
            "legal_reference",
            "estimated_cost",
            "estimated_effort_days",
            "horizon_years",
            "plan_year",
            "status",
            "submitted_at",
            "submitted_late",
            "late_reason",
            "rejection_reason",
            "merged_into",
        ]
        read_only_fields = fields


class NeedCreateSerializer(serializers.Serializer):
    administration = serializers.SlugRelatedField(slug_field="short_name", queryset=Administration.objects.all())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    problem = serializers.CharField(required=False, allow_blank=True, default="")
    benefit = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices)
    urgency = serializers.ChoiceField(choices=Need.Urgency.choices, default=Need.Urgency.MEDIUM)
    legal_requirement = serializers.BooleanField(default=False)
    legal_reference = serializers.CharField(required=False, allow_blank=True, default="")
    estimated_cost = serializers.DecimalField(
        max_digits=14, decimal_places=0, min_value=0, required=False, allow_null=True
    )
    estimated_effort_days = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    horizon_years = serializers.IntegerField(min_value=1, max_value=4, default=1)
    administrations_concerned = serializers.SlugRelatedField(
        slug_field="short_name", many=True, queryset=Administration.objects.all(), required=False, default=list
    )
    principles = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Principle.objects.all(), required=False, default=list
    )


class NeedReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class NeedLateSerializer(NeedReasonSerializer):
    plan_year = serializers.IntegerField(min_value=2000, max_value=2100, required=False, allow_null=True)


class NeedMergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(queryset=Need.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, default="")


class NeedScoreSerializer(serializers.Serializer):
    criterion = serializers.PrimaryKeyRelatedField(queryset=Criterion.objects.all())
    value = serializers.IntegerField(min_value=0, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SimilarNeedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="need.pk")
    reference = serializers.CharField(source="need.reference")
    title = serializers.CharField(source="need.title")
    administration = serializers.CharField(source="need.administration.short_name")
    score = serializers.FloatField()


class NeedViewSet(viewsets.ReadOnlyModelViewSet):
    """Needs (behov): list, read, create, and the workflow's steps."""

    permission_classes = [CanViewNeeds]
    pagination_class = PageNumberPagination
    serializer_class = NeedSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return (
            selectors.visible_needs(self.request.user)
            .select_related("administration", "merged_into")
            .prefetch_related("administrations_concerned", "principles")
            .order_by("-id")
        )

    def _need(self) -> Need:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def _done(self, need: Need) -> Response:
        return Response(NeedSerializer(self.get_queryset().get(pk=need.pk)).data)

    @extend_schema(request=NeedCreateSerializer, responses={201: NeedSerializer})
    def create(self, request):
        data = NeedCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        need = services.need_create(actor=request.user, **data.validated_data)
        return Response(NeedSerializer(self.get_queryset().get(pk=need.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: NeedSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._done(services.need_submit(actor=request.user, need=self._need()))

    @extend_schema(request=NeedLateSerializer, responses={200: NeedSerializer})
    @action(detail=True, methods=["post"], url_path="accept-late")
    def accept_late(self, request, pk=None):
        # As on the page: IT governance reaches the draft it may take in, though it does not see drafts otherwise.
        need = Need.objects.select_related("administration").filter(pk=self.kwargs["pk"]).first()
        if need is None or not policies.can_view_need_for_late_acceptance(request.user, need):
            raise NotFound("Behovet finns inte.")
        data = NeedLateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(services.need_accept_late(actor=request.user, need=need, **data.validated_data))

    @extend_schema(request=None, responses={200: NeedSerializer})
    @action(detail=True, methods=["post"])
    def prepare(self, request, pk=None):
        return self._done(services.need_prepare(actor=request.user, need=self._need()))

    @extend_schema(request=NeedMergeSerializer, responses={200: NeedSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        data = NeedMergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(services.need_merge(actor=request.user, need=self._need(), **data.validated_data))

    @extend_schema(request=NeedReasonSerializer, responses={200: NeedSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = NeedReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(services.need_reject(actor=request.user, need=self._need(), **data.validated_data))

    @extend_schema(request=None, responses={200: NeedSerializer})
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        return self._done(services.need_deliver(actor=request.user, need=self._need()))

    @extend_schema(request=None, responses={200: SimilarNeedSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def similar(self, request, pk=None):
        return Response(SimilarNeedSerializer(selectors.similar_to_need(self._need()), many=True).data)

    @extend_schema(request=NeedScoreSerializer, responses={200: NeedScoreSerializer})
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        data = NeedScoreSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        score = services.score_set(actor=request.user, need=self._need(), **data.validated_data)
        return Response({"criterion": score.criterion_id, "value": score.value, "comment": score.comment})


class NeedRankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    base_rank = serializers.IntegerField()
    movement = serializers.IntegerField()
    score = serializers.FloatField()
    need = serializers.IntegerField(source="need_id")
    reference = serializers.CharField()
    title = serializers.CharField()


class RankingPagination(HeaderPagination):
    # Every need of the year is ranked in memory: counted exactly, not up to the cap.
    django_paginator_class = Paginator
    page_size = 100
    max_page_size = 500


class RankingViewSet(viewsets.ViewSet):
    """The ranked needs of a plan year, a page at a time; `w<criterion id>=<weight>` tries other weights."""

    permission_classes = [CanViewNeeds]

    @extend_schema(
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="Planåret."),
            OpenApiParameter("page", int, description="Sidnummer (från 1); rangen räknas bland alla behov."),
            OpenApiParameter("page_size", int, description="Antal rader per sida (100, högst 500)."),
        ],
        responses={200: NeedRankingRowSerializer(many=True)},
    )
    def retrieve(self, request, pk=None):
        require(policies.can_view_ranking(request.user))
        try:
            year = int(pk)
        except (TypeError, ValueError):
            raise serializers.ValidationError({"year": ["Ange året som ett heltal."]}) from None
        weights = {}
        for key, value in request.query_params.items():
            if key.startswith("w") and key[1:].isdigit():
                if not value.isdigit() or int(value) > 100:
                    raise serializers.ValidationError({key: ["Vikten ska vara ett heltal från 0 till 100."]})
                weights[int(key[1:])] = int(value)
        _criteria, rows = selectors.ranking(year, weights=weights or None)
        # A list as before, but one page of it in rank order: the total and the neighbouring pages
        # are in the headers, so a client reading the top is unchanged.
        paginator = RankingPagination()
        shown = paginator.paginate_queryset(rows, request, self)
        return paginator.get_paginated_response(NeedRankingRowSerializer(shown, many=True).data)
