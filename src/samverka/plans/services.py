"""Writes to plans and the annual wheel. Each function checks its policy and the workflow and records history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.meetings import selectors as meeting_selectors
from samverka.meetings.models import AgendaItem, Meeting
from samverka.needs import services as need_services
from samverka.needs.models import Need
from samverka.needs.workflow import ACTIVE_STATES
from samverka.organisation.models import Administration, Body, Person
from samverka.principles.models import Principle, PrincipleProgramme
from samverka.principles.selectors import programme_for_year
from samverka.registry.models import Case

from . import policies
from .models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative, InitiativeCost, PlanApproval
from .workflow import IN_FORCE, STEP_BODIES, check_transition

S = DevelopmentPlan.Status


def _validate(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc


def _check_year(year: int, label: str = "Året") -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(f"{label} ska vara ett årtal mellan 2000 och 2100.")


# ---------------------------------------------------------------- the annual wheel


@transaction.atomic
def cycle_create(*, actor, year: int, plan_year: int | None = None, title: str = "") -> AnnualCycle:
    if not policies.can_manage_cycle(actor):
        raise PermissionDenied("Bara IT-styrningen ställer in årshjulet.")
    _check_year(year)
    if AnnualCycle.objects.filter(year=year).exists():
        raise DomainError(f"Det finns redan ett årshjul för {year}.")
    cycle = AnnualCycle(year=year, plan_year=plan_year or year + 1, title=title.strip() or f"Årshjul {year}")
    _validate(cycle)
    _stamp(cycle, actor, "Årshjulet skapades")
    cycle.save()
    return cycle


def _check_step_dates(cycle: AnnualCycle, starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise DomainError("Steget kan inte sluta innan det börjar.")
    if starts_on.year != cycle.year or ends_on.year != cycle.year:
        raise DomainError(f"Stegets datum ska ligga inom årshjulets år {cycle.year}.")


@transaction.atomic
def cycle_step_add(
    *,
    actor,
    cycle: AnnualCycle,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    description: str = "",
) -> CycleStep:
    if not policies.can_manage_cycle(actor):
        raise PermissionDenied("Bara IT-styrningen ställer in årshjulet.")
    cycle = AnnualCycle.objects.select_for_update().get(pk=cycle.pk)
    ends_on = ends_on or starts_on
    _check_step_dates(cycle, starts_on, ends_on)
    if kind == CycleStep.Kind.INTAKE and cycle.steps.filter(kind=kind).exists():
        raise DomainError("Årshjulet har redan en period för inlämning av behov.")
    step = CycleStep(
        cycle=cycle,
        kind=kind,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        description=description.strip(),
    )
    _validate(step)
    _stamp(step, actor, "Steget lades till")
    step.save()
    return step


STEP_FIELDS = ("title", "starts_on", "ends_on", "description")


@transaction.atomic
def cycle_step_update(*, actor, step: CycleStep, **changes: Any) -> CycleStep:
    if not policies.can_manage_cycle(actor):
        raise PermissionDenied("Bara IT-styrningen ställer in årshjulet.")
    step = CycleStep.objects.select_for_update().select_related("cycle").get(pk=step.pk)
    unknown = set(changes) - set(STEP_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    changed = [k for k, v in changes.items() if getattr(step, k) != v]
    for name in changed:
        value = changes[name]
        setattr(step, name, value.strip() if isinstance(value, str) else value)
    _check_step_dates(step.cycle, step.starts_on, step.ends_on)
    if changed:
        _validate(step)
        _stamp(step, actor, "Steget ändrades")
        step.save(update_fields=changed)
    return step


# ---------------------------------------------------------------- plans


def _lock(plan: DevelopmentPlan) -> DevelopmentPlan:
    return DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)


def _require_draft(actor, plan: DevelopmentPlan) -> None:
    if plan.is_frozen:
        raise DomainError("Planen är beslutad och låst. Gör en revidering för att ändra den.", code="plan_frozen")
    if not policies.can_compose_plan(actor, plan):
        raise PermissionDenied("Bara IT-styrningen sätter samman utvecklingsplanen.")


@transaction.atomic
def plan_create(
    *,
    actor,
    year: int,
    title: str = "",
    introduction: str = "",
    case: Case | None = None,
    principle_programme: PrincipleProgramme | None = None,
) -> DevelopmentPlan:
    if not policies.can_create_plan(actor):
        raise PermissionDenied("Bara IT-styrningen sätter samman utvecklingsplanen.")
    _check_year(year)
    if DevelopmentPlan.objects.filter(year=year).exists():
        raise DomainError(f"Det finns redan en plan för {year}. Revidera den i stället.")
    plan = DevelopmentPlan(
        year=year,
        version=1,
        title=title.strip() or f"Utvecklingsplan för kommungemensam IT och digitalisering {year}",
        introduction=introduction.strip(),
        case=case,
        principle_programme=principle_programme or programme_for_year(year),
        created_by=actor,
    )
    _validate(plan)
    _stamp(plan, actor, "Planen skapades")
    plan.save()
    return plan


PLAN_FIELDS = ("title", "introduction", "case", "principle_programme")


@transaction.atomic
def plan_update(*, actor, plan: DevelopmentPlan, **changes: Any) -> DevelopmentPlan:
    plan = _lock(plan)
    _require_draft(actor, plan)
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    changed = [k for k, v in changes.items() if getattr(plan, k) != v]
    for name in changed:
        value = changes[name]
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    if changed:
        _validate(plan)
        _stamp(plan, actor, "Planen ändrades")
        plan.save(update_fields=changed)
    return plan


def _paragraph_fields(
    plan: DevelopmentPlan, target: str, paragraph: AgendaItem, decided_on: dt.date | None
) -> dict[str, Any]:
    """A chosen paragraph supplies the day, the body and the citation; it must be the step's decision."""
    if not paragraph.paragraph_number:
        raise DomainError("Punkten har inget paragrafnummer ännu; välj en paragraf ur ett protokoll.")
    if plan.case_id is None:
        raise DomainError("Planen hör inte till något ärende; ange protokollsparagrafen som text.")
    if paragraph.case_id != plan.case_id:
        raise DomainError(
            f"Paragrafen hör inte till planens ärende {plan.case.number}. Välj en paragraf som beslutades i ärendet.",
            code="paragraph_other_case",
        )
    body = paragraph.meeting.body
    expected = STEP_BODIES[target]
    if expected not in (body.short_name, body.name):
        raise DomainError(
            f"Paragrafen är ett beslut av {body.name}, men steget ”{DevelopmentPlan.Status(target).label.lower()}” "
            f"beslutas av {expected}.",
            code="paragraph_other_body",
        )
    if paragraph.meeting.status == Meeting.Status.CANCELLED:
        raise DomainError("Sammanträdet ställdes in; paragrafen kan inte vara ett beslut.")
    day = meeting_selectors.paragraph_date(paragraph)
    if decided_on is not None and decided_on != day:
        raise DomainError(f"Sammanträdesdagen ska vara paragrafens sammanträdesdag, {day:%Y-%m-%d}.")
    used = PlanApproval.objects.filter(paragraph=paragraph).select_related("plan").first()
    if used is not None:
        raise DomainError(f"Paragrafen är redan registrerad som beslut om {used.plan}.", code="paragraph_used")
    return {"body": body, "decided_on": day, "minutes_reference": meeting_selectors.paragraph_reference(paragraph)}


def _record_step(
    *,
    actor,
    plan: DevelopmentPlan,
    target: str,
    decided_on: dt.date | None,
    minutes_reference: str,
    paragraph: AgendaItem | None,
) -> DevelopmentPlan:
    plan = _lock(plan)
    if not policies.can_record_plan_decision(actor, plan):
        raise PermissionDenied("Bara IT-styrningen eller nämndsekreteraren registrerar beslut om planen.")
    check_transition(plan, target)
    if paragraph is not None:
        fields = _paragraph_fields(plan, target, paragraph, decided_on)
    else:
        # A decision taken before or outside Samverka: the typed citation is the only record.
        if not (minutes_reference or "").strip():
            raise DomainError("Ange protokollsparagrafen som beslutet finns i, t.ex. ”KS 2023-10-18 § 312”.")
        if decided_on is None:
            raise DomainError("Ange sammanträdesdagen.")
        fields = {
            "body": (
                Body.objects.filter(short_name=STEP_BODIES[target]).first()
                or Body.objects.filter(name=STEP_BODIES[target]).first()
            ),
            "decided_on": decided_on,
            "minutes_reference": minutes_reference.strip(),
        }
    decided_on = fields["decided_on"]
    if decided_on > timezone.localdate():
        raise DomainError("Beslutsdagen kan inte ligga i framtiden.")
    last = plan.approvals.aggregate(last=Max("decided_on"))["last"]
    if last and decided_on < last:
        raise DomainError(f"Beslutet kan inte vara fattat före föregående steg ({last:%Y-%m-%d}).")
    if target == S.APPROVED_SERVICE_COMMITTEE and not plan.initiatives.filter(is_active=True).exists():
        raise DomainError("Planen har inga insatser ännu.")
    approval = PlanApproval(plan=plan, step=target, paragraph=paragraph, recorded_by=actor, **fields)
    _validate(approval)
    _stamp(approval, actor, DevelopmentPlan.Status(target).label)
    approval.save()
    changed = ["status"]
    plan.status = target
    if plan.frozen_at is None:
        plan.frozen_at = timezone.now()
        changed.append("frozen_at")
    _stamp(plan, actor, f"{DevelopmentPlan.Status(target).label} ({approval.minutes_reference})")
    plan.save(update_fields=changed)
    if target in IN_FORCE:
        for older in DevelopmentPlan.objects.select_for_update().filter(
            year=plan.year, status__in=IN_FORCE, version__lt=plan.version
        ):
            older.status = S.SUPERSEDED
            _stamp(older, actor, f"Ersattes av version {plan.version}")
            older.save(update_fields=["status"])
    return plan


def _step_service(target: str, doc: str):
    @transaction.atomic
    def record(
        *,
        actor,
        plan: DevelopmentPlan,
        decided_on: dt.date | None = None,
        minutes_reference: str = "",
        paragraph: AgendaItem | None = None,
    ) -> DevelopmentPlan:
        return _record_step(
            actor=actor,
            plan=plan,
            target=target,
            decided_on=decided_on,
            minutes_reference=minutes_reference,
            paragraph=paragraph,
        )

    record.__doc__ = doc
    return record


# Each step either rests on a paragraph of minutes in Samverka (which supplies day, body and
# citation) or, for decisions taken outside the system, on a typed citation and day.
plan_approve_by_service_committee = _step_service(
    S.APPROVED_SERVICE_COMMITTEE, "Servicenämnden approves the draft; from now on the plan is frozen."
)
plan_prepare_by_ksau = _step_service(S.PREPARED_KSAU, "KSAU prepares the plan for the board.")
plan_approve_by_ks = _step_service(S.APPROVED_KS, "The board adopts the plan; it is in force.")
plan_approve_by_kf = _step_service(
    S.APPROVED_KF, "When money or scope demands it, the council approves after the board."
)


STEP_SERVICES = {
    S.APPROVED_SERVICE_COMMITTEE: plan_approve_by_service_committee,
    S.PREPARED_KSAU: plan_prepare_by_ksau,
    S.APPROVED_KS: plan_approve_by_ks,
    S.APPROVED_KF: plan_approve_by_kf,
}


@transaction.atomic
def plan_revise(*, actor, plan: DevelopmentPlan, reason: str) -> DevelopmentPlan:
    """A revision of a decided plan is a new draft version with the same initiatives (and lineage)."""
    plan = _lock(plan)
    if not policies.can_revise_plan(actor, plan):
        if not plan.is_frozen:
            raise DomainError("Planen är ett utkast; ändra den direkt i stället för att revidera.")
        raise PermissionDenied("Bara IT-styrningen reviderar utvecklingsplanen.")
    if not reason.strip():
        raise DomainError("Ange varför planen revideras.", code="reason_required")
    if DevelopmentPlan.objects.filter(year=plan.year, status=S.DRAFT).exists():
        raise DomainError(f"Det finns redan ett utkast till en ny version av planen för {plan.year}.")
    version = (DevelopmentPlan.objects.filter(year=plan.year).aggregate(v=Max("version"))["v"] or 0) + 1
    revision = DevelopmentPlan(
        year=plan.year,
        version=version,
        title=plan.title,
        introduction=plan.introduction,
        case=plan.case,
        principle_programme=plan.principle_programme,
        previous=plan,
        revision_reason=reason.strip(),
        created_by=actor,
    )
    _validate(revision)
    _stamp(revision, actor, f"Revidering av version {plan.version}: {reason.strip()}")
    revision.save()
    for initiative in plan.initiatives.filter(is_active=True).prefetch_related("costs", "needs", "principles"):
        copy = Initiative(
            plan=revision,
            lineage=initiative.lineage,
            title=initiative.title,
            description=initiative.description,
            category=initiative.category,
            financing=initiative.financing,
            responsible_administration_id=initiative.responsible_administration_id,
            responsible_person_id=initiative.responsible_person_id,
            start_year=initiative.start_year,
            end_year=initiative.end_year,
            order=initiative.order,
        )
        _stamp(copy, actor, f"Kopierad från version {plan.version}")
        copy.save()
        copy.needs.set(initiative.needs.all())
        copy.principles.set(initiative.principles.all())
        for cost in initiative.costs.all():
            line = InitiativeCost(initiative=copy, year=cost.year, amount=cost.amount)
            _stamp(line, actor, f"Kopierad från version {plan.version}")
            line.save()
    return revision


# ---------------------------------------------------------------- initiatives


def _clean_costs(costs: Mapping[int, Any], start_year: int, end_year: int) -> dict[int, Decimal]:
    cleaned: dict[int, Decimal] = {}
    for year, amount in costs.items():
        if amount in (None, ""):
            continue
        try:
            value = Decimal(str(amount))
        except (InvalidOperation, ValueError) as exc:
            raise DomainError(f"Kostnaden för {year} ska vara ett belopp i kronor.") from exc
        if value < 0:
            raise DomainError(f"Kostnaden för {year} kan inte vara negativ.")
        if value != value.to_integral_value():
            raise DomainError(f"Kostnaden för {year} anges i hela kronor.")
        if not start_year <= int(year) <= end_year:
            raise DomainError(f"{year} ligger utanför insatsens år {start_year}–{end_year}.")
        cleaned[int(year)] = value
    return cleaned


def _link_needs(actor, initiative: Initiative, needs: Iterable[Need]) -> None:
    wanted = Need.objects.in_bulk([n.pk for n in needs])
    current = set(initiative.needs.values_list("pk", flat=True))
    for pk in set(wanted) - current:
        need = wanted[pk]
        if need.status not in (*ACTIVE_STATES,):
            raise DomainError(
                f"{need.reference} är {Need.Status(need.status).label.lower()} och kan inte tas in i planen."
            )
        initiative.needs.add(need)
        need_services.need_accept(
            actor=actor, need=need, reason=f"Togs in i {initiative.plan.title}: {initiative.title}"
        )
    for pk in current - set(wanted):
        initiative.needs.remove(pk)
        still_carried = Initiative.objects.filter(
            needs=pk, is_active=True, plan__status__in=[S.DRAFT, *IN_FORCE]
        ).exists()
        need = Need.objects.get(pk=pk)
        if not still_carried and need.status == Need.Status.ACCEPTED:
            need_services.need_release(actor=actor, need=need, reason=f"Togs bort ur insatsen {initiative.title}")


def _save_costs(actor, initiative: Initiative, costs: dict[int, Decimal]) -> None:
    existing = {c.year: c for c in initiative.costs.all()}
    for year, amount in costs.items():
        line = existing.pop(year, None)
        if line is None:
            line = InitiativeCost(initiative=initiative, year=year, amount=amount)
            _stamp(line, actor, "Kostnad lades till")
            line.save()
        elif line.amount != amount:
            line.amount = amount
            _stamp(line, actor, "Kostnad ändrades")
            line.save(update_fields=["amount"])
    for line in existing.values():
        if line.amount != 0:
            line.amount = Decimal(0)
            _stamp(line, actor, "Kostnad togs bort")
            line.save(update_fields=["amount"])


@transaction.atomic
def initiative_create(
    *,
    actor,
    plan: DevelopmentPlan,
    title: str,
    category: str,
    financing: str,
    start_year: int,
    end_year: int,
    description: str = "",
    responsible_administration: Administration | None = None,
    responsible_person: Person | None = None,
    costs: Mapping[int, Any] | None = None,
    needs: Iterable[Need] = (),
    principles: Iterable[Principle] = (),
) -> Initiative:
    plan = _lock(plan)
    _require_draft(actor, plan)
    _check_year(start_year, "Startåret")
    _check_year(end_year, "Slutåret")
    cleaned = _clean_costs(costs or {}, start_year, end_year)
    order = (plan.initiatives.aggregate(o=Max("order"))["o"] or 0) + 1
    initiative = Initiative(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        category=category,
        financing=financing,
        start_year=start_year,
        end_year=end_year,
        responsible_administration=responsible_administration,
        responsible_person=responsible_person,
        order=order,
    )
    _validate(initiative)
    _stamp(initiative, actor, "Insatsen lades till i planen")
    initiative.save()
    initiative.principles.set(principles)
    _save_costs(actor, initiative, cleaned)
    _link_needs(actor, initiative, needs)
    return initiative


INITIATIVE_FIELDS = (
    "title",
    "description",
    "category",
    "financing",
    "start_year",
    "end_year",
    "responsible_administration",
    "responsible_person",
)


@transaction.atomic
def initiative_update(
    *,
    actor,
    initiative: Initiative,
    costs: Mapping[int, Any] | None = None,
    needs: Iterable[Need] | None = None,
    principles: Iterable[Principle] | None = None,
    **changes: Any,
) -> Initiative:
    initiative = Initiative.objects.select_for_update().select_related("plan").get(pk=initiative.pk)
    _require_draft(actor, initiative.plan)
    unknown = set(changes) - set(INITIATIVE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    changed = [k for k, v in changes.items() if getattr(initiative, k) != v]
    for name in changed:
        value = changes[name]
        setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    if costs is not None:
        cleaned = _clean_costs(costs, initiative.start_year, initiative.end_year)
    else:
        cleaned = None
        outside = initiative.costs.exclude(year__range=(initiative.start_year, initiative.end_year)).exclude(amount=0)
        if outside.exists():
            raise DomainError("Insatsen har kostnader utanför de nya åren; ändra kostnaderna också.")
    _validate(initiative)
    if changed:
        _stamp(initiative, actor, "Insatsen ändrades")
        initiative.save(update_fields=changed)
    if cleaned is not None:
        _save_costs(actor, initiative, cleaned)
    if principles is not None:
        initiative.principles.set(principles)
    if needs is not None:
        _link_needs(actor, initiative, needs)
    return initiative


@transaction.atomic
def initiative_link_need(*, actor, initiative: Initiative, need: Need) -> Initiative:
    """IT governance takes a need into an initiative of the draft plan; the need is accepted."""
    initiative = Initiative.objects.select_for_update().select_related("plan").get(pk=initiative.pk)
    _require_draft(actor, initiative.plan)
    if initiative.needs.filter(pk=need.pk).exists():
        raise DomainError(f"{need.reference} hör redan till insatsen.")
    _link_needs(actor, initiative, [*initiative.needs.all(), need])
    return initiative


@transaction.atomic
def initiative_remove(*, actor, initiative: Initiative, reason: str) -> Initiative:
    """Take an initiative out of the draft plan (kept in history); its needs go back to preparation."""
    initiative = Initiative.objects.select_for_update().select_related("plan").get(pk=initiative.pk)
    _require_draft(actor, initiative.plan)
    if not reason.strip():
        raise DomainError("Ange varför insatsen tas bort ur planen.", code="reason_required")
    _link_needs(actor, initiative, [])
    initiative.is_active = False
    _stamp(initiative, actor, f"Togs bort ur planen: {reason.strip()}")
    initiative.save(update_fields=["is_active"])
    return initiative


# ---------------------------------------------------------------- the plan document in its case

DOCUMENT_TYPE_CODES = ("utvecklingsplan", "plan", "rapport", "tjansteskrivelse")


def _document_type():
    from samverka.registry.selectors import document_types

    types = {t.code: t for t in document_types()}
    for code in DOCUMENT_TYPE_CODES:
        if code in types:
            return types[code]
    if types:
        return next(iter(types.values()))
    raise DomainError("Det finns ingen handlingstyp att registrera planen som. Be registrator lägga till en.")


@transaction.atomic
def plan_register_documents(*, actor, plan: DevelopmentPlan):
    """Render the plan as PDF and DOCX and register both as one document in the plan's case."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samverka.registry import services as registry_services
    from samverka.registry.models import Document

    from . import documents

    plan = _lock(plan)
    if plan.case_id is None:
        raise DomainError("Planen är inte kopplad till något ärende. Ange diarienumret först.")
    if not policies.can_register_plan_documents(actor, plan):
        raise PermissionDenied("Bara IT-styrningen registrerar plandokumentet.")
    files = [
        SimpleUploadedFile(documents.filename(plan, "pdf"), documents.plan_pdf(plan), content_type="application/pdf"),
        SimpleUploadedFile(
            documents.filename(plan, "docx"),
            documents.plan_docx(plan),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    return registry_services.document_register(
        actor=actor,
        case=plan.case,
        direction=Document.Direction.CREATED,
        document_type=_document_type(),
        document_date=timezone.localdate(),
        subject=f"{plan.title}, version {plan.version} ({plan.get_status_display().lower()})",
        files=files,
    )
