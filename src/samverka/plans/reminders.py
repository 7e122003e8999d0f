"""Reminders to the digital leads about the intake window: when it opens and a week before it closes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from samverka.organisation.models import Person, Role, RoleAssignment
from samverka.organisation.selectors import active_on

from .models import CycleStep, IntakeReminder

CLOSING_DAYS = 7


def digital_leads(day: dt.date) -> list[Person]:
    person_ids = (
        RoleAssignment.objects.filter(role=Role.DIGITAL_LEAD).filter(active_on(day)).values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=person_ids, is_active=True).exclude(email="").order_by("pk"))


def due_reminders(day: dt.date) -> list[tuple[CycleStep, str]]:
    due = []
    for step in CycleStep.objects.filter(
        kind=CycleStep.Kind.INTAKE, starts_on__lte=day, ends_on__gte=day
    ).select_related("cycle"):
        due.append((step, IntakeReminder.Kind.OPENED))
        if (step.ends_on - day).days <= CLOSING_DAYS:
            due.append((step, IntakeReminder.Kind.CLOSING))
    return due


def _message(step: CycleStep, kind: str) -> tuple[str, str]:
    plan_year = step.cycle.plan_year
    closes = f"{step.ends_on:%Y-%m-%d}"
    if kind == IntakeReminder.Kind.OPENED:
        return (
            f"Inlämningen av behov till utvecklingsplanen {plan_year} har öppnat",
            f"Nu kan förvaltningarna lämna in behov till utvecklingsplanen för {plan_year}. "
            f"Inlämningen är öppen till och med {closes}.",
        )
    return (
        f"En vecka kvar: behov till utvecklingsplanen {plan_year}",
        f"Inlämningen av behov till utvecklingsplanen för {plan_year} stänger {closes}. "
        "Lämna in förvaltningens behov innan dess.",
    )


def send_intake_reminders(*, today: dt.date | None = None) -> int:
    """Send what is due and not yet sent; each (step, kind, person) at most once, even if run twice."""
    day = today or timezone.localdate()
    sent = 0
    leads = digital_leads(day)
    for step, kind in due_reminders(day):
        subject, body = _message(step, kind)
        for person in leads:
            try:
                with transaction.atomic():
                    IntakeReminder.objects.create(step=step, kind=kind, person=person)
                    email = person.email
                    transaction.on_commit(
                        lambda email=email, subject=subject, body=body: send_mail(
                            subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True
                        )
                    )
            except IntegrityError:
                continue  # already sent
            sent += 1
    return sent
