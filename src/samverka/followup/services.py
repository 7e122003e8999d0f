"""Writes in the yearly follow-up. Every function checks its policy, validates and records history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation

from samverka.core.errors import DomainError, InvalidTransition, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.organisation.models import Body
from samverka.plans import selectors as plan_selectors
from samverka.plans.models import Initiative
from samverka.principles import selectors as principle_selectors
from samverka.registry import services as registry_services
from samverka.registry.models import Case, Document, DocumentType

from . import policies
from .models import (
    FollowUpReminder,
    FollowUpRound,
    InitiativeStatus,
    PrincipleAnswer,
    Rag,
    RoundCommittee,
    RoundPrinciple,
)


def _amount(value: Any, what: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"{what} ska vara ett belopp i kronor.", code="invalid_amount") from exc
    if amount < 0:
        raise DomainError(f"{what} kan inte vara mindre än noll.", code="negative_amount")
    return amount


def _require_open(round: FollowUpRound) -> None:
    if round.status != FollowUpRound.Status.OPEN:
        raise InvalidTransition(f"Uppföljningen {round.year} är avslutad.")


def _planned_for(initiative: Initiative, year: int) -> Decimal:
    """The initiative's planned cost in `year` (from the prefetched costs; nothing planned is 0 kr)."""
    return next((cost.amount for cost in initiative.costs.all() if cost.year == year), Decimal(0))


def _category_label(initiative: Initiative) -> str:
    # The snapshot is written in the municipality's language, whatever language the actor reads in.
    with translation.override(settings.LANGUAGE_CODE):
        return str(initiative.get_category_display())[:100]


def _status_from(round: FollowUpRound, initiative: Initiative) -> InitiativeStatus:
    return InitiativeStatus(
        round=round,
        initiative=initiative,
        title=initiative.title[:300],
        category=_category_label(initiative),
        planned_amount=_planned_for(initiative, round.year),
    )


@transaction.atomic
def round_open(
    *,
    actor,
    year: int,
    deadline: dt.date,
    committees: list[Body] | None = None,
    title: str = "",
    case: Case | None = None,
    without_plan: bool = False,
) -> FollowUpRound:
    """Open the year's round: one question per principle to every committee, one status per initiative.

    The principles are those of the programme in force in `year` and the initiatives those of the
    year's development plan as approved by the board (or the council); both are taken automatically and
    kept as a snapshot. Without an approved plan for the year the round is refused with an error,
    because the board expects the follow-up to cover the plan it decided. The one exception is explicit:
    `without_plan=True` opens the round with the questions on the principles only (for a year whose plan
    was never decided in Samverka); the history records it and the round's page says so. An approved
    plan is always used when there is one."""
    if not policies.can_open_round(actor):
        raise PermissionDenied("Bara IT-styrningen eller kommunstyrelsens förvaltning öppnar uppföljningar.")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("Ange ett år mellan 2000 och 2100.", code="invalid_year")
    if FollowUpRound.objects.filter(year=year).exists():
        raise DomainError(f"Det finns redan en uppföljning för {year}.", code="duplicate")
    principles = list(principle_selectors.principles_for_year(year))
    if not principles:
        raise DomainError(
            f"Det finns inget principprogram med principer som gäller {year}. "
            "Lägg in programmet under Principer innan uppföljningen öppnas.",
            code="no_principles",
        )
    plan = plan_selectors.plan_in_force(year)
    if plan is None and not without_plan:
        raise DomainError(
            f"Det finns ingen utvecklingsplan för {year} som är fastställd av kommunstyrelsen eller "
            "kommunfullmäktige. Registrera beslutet om planen först, eller välj att öppna uppföljningen "
            "utan insatser.",
            code="no_plan",
        )
    if committees is None:
        committees = list(Body.objects.filter(kind=Body.Kind.COMMITTEE, is_active=True))
    if not committees:
        raise DomainError("Det finns inga nämnder att fråga.", code="required")
    round = FollowUpRound(
        year=year,
        title=title.strip() or f"Uppföljning av IT och digitalisering {year}",
        deadline=deadline,
        case=case,
        plan=plan,
        opened_by=actor,
    )
    round.full_clean()
    _stamp(
        round,
        actor,
        f"Uppföljningen öppnades för {plan.title}, version {plan.version}"
        if plan
        else "Uppföljningen öppnades utan insatser: ingen fastställd plan",
    )
    round.save()
    for number, principle in enumerate(principles, start=1):
        question = RoundPrinciple(round=round, number=number, title=principle.title[:300], principle=principle)
        _stamp(question, actor, "Frågan lades till")
        question.save()
    for body in committees:
        committee = RoundCommittee(round=round, body=body)
        _stamp(committee, actor, "Nämnden tillfrågades")
        committee.save()
    if plan is not None:
        for initiative in plan_selectors.initiatives_queryset().filter(plan=plan):
            status = _status_from(round, initiative)
            status.full_clean()
            _stamp(status, actor, "Insatsen hämtades från planen")
            status.save()
    return round


@transaction.atomic
def initiative_add(
    *,
    actor,
    round: FollowUpRound,
    initiative: Initiative | None = None,
    title: str = "",
    category: str = "",
    planned_amount: Any = None,
) -> InitiativeStatus:
    """Add one initiative to an open round: an initiative of the round's plan (e.g. one added when the
    plan was revised), its title, category and planned cost taken from the plan; or, without
    `initiative`, one described by hand (work the board asked to follow that is not in the plan)."""
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    if not policies.can_manage_round(actor, round):
        raise PermissionDenied()
    _require_open(round)
    if initiative is not None:
        initiative = plan_selectors.initiatives_queryset().select_related("plan").filter(pk=initiative.pk).first()
        if initiative is None or initiative.plan.year != round.year:
            raise DomainError(f"Insatsen finns inte i utvecklingsplanen för {round.year}.", code="wrong_plan")
        if round.initiatives.filter(initiative__lineage=initiative.lineage).exists():
            raise DomainError(f"”{initiative.title}” finns redan i uppföljningen.", code="duplicate")
        status = _status_from(round, initiative)
    else:
        if not title.strip() or not category.strip():
            raise DomainError("Välj en insats i planen eller ange insatsens namn och kategori.", code="required")
        if planned_amount is None or planned_amount == "":
            raise DomainError("Ange den planerade kostnaden i kronor.", code="required", field="planned_amount")
        status = InitiativeStatus(
            round=round,
            title=title.strip(),
            category=category.strip(),
            planned_amount=_amount(planned_amount, "Planerad kostnad"),
        )
    status.full_clean()
    _stamp(status, actor, "Insatsen lades till i uppföljningen")
    status.save()
    return status


@transaction.atomic
def initiative_report(
    *,
    actor,
    status: InitiativeStatus,
    progress: int,
    rag: str,
    spent_amount: Any,
    comment: str = "",
) -> InitiativeStatus:
    """Report where an initiative stands: progress 0–100 %, red/amber/green, money spent."""
    status = InitiativeStatus.objects.select_for_update(of=("self",)).select_related("round").get(pk=status.pk)
    if not policies.can_report_initiative(actor, status):
        raise PermissionDenied("Bara IT-styrningen rapporterar insatsernas status.")
    _require_open(status.round)
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise DomainError("Hur mycket som är genomfört anges i procent, från 0 till 100.", code="invalid_progress")
    if rag not in Rag.values:
        raise DomainError("Välj röd, gul eller grön status.", code="invalid_rag")
    if rag == Rag.RED and not comment.strip():
        raise DomainError("En insats med röd status behöver en kommentar.", code="comment_required")
    status.progress = progress
    status.rag = rag
    status.spent_amount = _amount(spent_amount, "Använt belopp")
    status.comment = comment.strip()
    status.reported_at = timezone.now()
    status.full_clean()
    _stamp(status, actor, "Status rapporterades")
    status.save(update_fields=["progress", "rag", "spent_amount", "comment", "reported_at"])
    return status


@transaction.atomic
def answers_submit(*, actor, committee: RoundCommittee, answers: dict[int, tuple[str, int]]) -> RoundCommittee:
    """A committee's answers, one per principle (free text and maturity 1–5); may be revised
    until the round is closed."""
    committee = (
        RoundCommittee.objects.select_for_update(of=("self",)).select_related("round", "body").get(pk=committee.pk)
    )
    if not policies.can_answer_for(actor, committee):
        raise PermissionDenied(f"Du får inte svara för {committee.body}.")
    _require_open(committee.round)
    principles = list(committee.round.principles.all())
    missing = [p for p in principles if p.pk not in answers]
    if missing:
        raise DomainError(f"Svara på frågan om ”{missing[0].title}”.", code="required")
    for principle in principles:
        text, maturity = answers[principle.pk]
        if not isinstance(maturity, int) or not 1 <= maturity <= 5:
            raise DomainError(f"Mognadsnivån för ”{principle.title}” ska vara från 1 till 5.", code="invalid_maturity")
        if not (text or "").strip():
            raise DomainError(f"Beskriv hur nämnden arbetar utifrån ”{principle.title}”.", code="required")
        answer = PrincipleAnswer.objects.filter(committee=committee, principle=principle).first()
        if answer is None:
            answer = PrincipleAnswer(committee=committee, principle=principle, text=text.strip(), maturity=maturity)
        else:
            answer.text, answer.maturity = text.strip(), maturity
        answer.full_clean()
        _stamp(answer, actor, "Svaret sparades")
        answer.save()
    committee.answered_at = timezone.now()
    committee.answered_by = actor
    _stamp(committee, actor, "Nämnden svarade")
    committee.save(update_fields=["answered_at", "answered_by"])
    return committee


@transaction.atomic
def round_close(*, actor, round: FollowUpRound, reason: str = "") -> FollowUpRound:
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    if not policies.can_manage_round(actor, round):
        raise PermissionDenied()
    _require_open(round)
    round.status = FollowUpRound.Status.CLOSED
    round.closed_at = timezone.now()
    _stamp(round, actor, reason.strip() or "Uppföljningen avslutades")
    round.save(update_fields=["status", "closed_at"])
    return round


@transaction.atomic
def round_set_case(*, actor, round: FollowUpRound, case: Case) -> FollowUpRound:
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    if not policies.can_manage_round(actor, round):
        raise PermissionDenied()
    round.case = case
    _stamp(round, actor, f"Uppföljningen kopplades till {case.number}")
    round.save(update_fields=["case"])
    return round


@transaction.atomic
def report_register(*, actor, round: FollowUpRound, registered_on: dt.date | None = None) -> Document:
    """Compile the report to the board (PDF and DOCX with charts) and register it in the round's case."""
    from . import rendering

    round = FollowUpRound.objects.select_for_update(of=("self",)).select_related("case").get(pk=round.pk)
    if round.case is None:
        raise DomainError("Koppla uppföljningen till ett ärende innan rapporten registreras.", code="no_case")
    if not policies.can_register_report(actor, round):
        raise PermissionDenied(f"Du får inte registrera handlingar i ärende {round.case.number}.")
    report = rendering.build_report(round)
    pdf, docx = rendering.report_pdf(report), rendering.report_docx(report)
    document_type, _created = DocumentType.objects.get_or_create(code="rapport", defaults={"name": "Rapport"})
    day = registered_on or timezone.localdate()
    document = registry_services.document_register(
        actor=actor,
        case=round.case,
        direction=Document.Direction.CREATED,
        document_type=document_type,
        document_date=day,
        subject=f"Rapport till kommunstyrelsen: {round.title}"[:500],
        files=[
            SimpleUploadedFile(f"uppfoljning-{round.year}.pdf", pdf, content_type="application/pdf"),
            SimpleUploadedFile(
                f"uppfoljning-{round.year}.docx",
                docx,
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ],
        registered_on=registered_on,
    )
    round.report_document = document
    _stamp(round, actor, f"Rapporten registrerades som {document.number}")
    round.save(update_fields=["report_document"])
    return document


# --- reminders ------------------------------------------------------------------------------

REMIND_DAYS_BEFORE = 7


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind committees that have not answered: a week before the deadline and once it has passed.
    Each reminder (committee, kind, address) is sent once, however often this runs."""
    from samverka.audits.tasks import send_reminder_email  # the same e-mail task

    from . import selectors

    today = today or timezone.localdate()
    site = getattr(settings, "SAMVERKA_BASE_URL", "")
    sent = 0
    for committee in selectors.unanswered_committees():
        round = committee.round
        if today > round.deadline:
            kind = "overdue"
        elif (round.deadline - today).days <= REMIND_DAYS_BEFORE:
            kind = "due_soon"
        else:
            continue
        subject = f"{round.title}: svar från {committee.body} " + (
            "saknas" if kind == "overdue" else f"senast {round.deadline:%Y-%m-%d}"
        )
        body = (
            f"{committee.body} ombeds svara på frågorna om principerna för digitalisering i "
            f"{round.title.lower()} senast {round.deadline:%Y-%m-%d}.\n\n"
            f"Svara i Samverka: {site}/uppfoljning/{round.year}/svar/{committee.pk}/\n"
        )
        for recipient in selectors.committee_contacts(committee.body):
            with transaction.atomic():
                _reminder, created = FollowUpReminder.objects.get_or_create(
                    committee=committee, kind=kind, recipient=recipient.lower()
                )
                if created:
                    sent += 1
                    transaction.on_commit(
                        lambda r=recipient, s=subject, b=body: send_reminder_email.enqueue(
                            recipient=r, subject=s, body=b
                        )
                    )
    return sent
