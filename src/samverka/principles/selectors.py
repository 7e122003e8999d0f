"""Reads of the principles for digitalisation."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from .models import Principle, PrincipleProgramme


def programme_list() -> QuerySet[PrincipleProgramme]:
    return PrincipleProgramme.objects.select_related("replaces").prefetch_related(
        Prefetch("principles", queryset=Principle.objects.order_by("number"))
    )


def programme_for_year(year: int) -> PrincipleProgramme | None:
    """The programme in force in `year` (the newest one if two overlap)."""
    return (
        PrincipleProgramme.objects.filter(valid_from__lte=year)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year))
        .order_by("-valid_from")
        .first()
    )


def principles_for_year(year: int) -> QuerySet[Principle]:
    """The active principles of the programme in force in `year`."""
    programme = programme_for_year(year)
    if programme is None:
        return Principle.objects.none()
    return programme.principles.filter(is_active=True).select_related("programme").order_by("number")


def principle_choices(year: int | None = None) -> QuerySet[Principle]:
    """Principles to offer in a form: those of the year's programme, or every active one."""
    if year is not None:
        found = principles_for_year(year)
        if found.exists():
            return found
    return (
        Principle.objects.filter(is_active=True)
        .select_related("programme")
        .order_by("-programme__valid_from", "number")
    )
