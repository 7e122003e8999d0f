"""Writes to needs. Each function checks its policy and the workflow, validates, and records history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.organisation.models import Administration
from samverka.organisation.selectors import roles_for_user
from samverka.principles.models import Principle
from samverka.registry.uploads import check_upload

from . import policies, selectors, similarity
from .models import Criterion, Need, NeedAttachment, NeedCounter, Score
from .workflow import ACTIVE_STATES, check_transition

S = Need.Status


def _validate(obj: Any) -> None:
    """full_clean, with the model's messages as one Swedish domain error."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc


def _lock(need: Need) -> Need:
    return Need.objects.select_for_update().select_related("administration").get(pk=need.pk)


def _allocate_reference(year: int) -> str:
    NeedCounter.objects.bulk_create([NeedCounter(year=year, last_number=0)], ignore_conflicts=True)
    counter = NeedCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"BEH-{year}-{counter.last_number}"


def _refresh_tokens(need: Need) -> None:
    need.search_tokens = similarity.token_string(need.title, need.title, need.description, need.problem)


def _check_cost(value: Decimal | int | None) -> None:
    if value is not None and Decimal(value) < 0:
        raise DomainError("Kostnaden kan inte vara negativ.")


NEED_FIELDS = (
    "title",
    "description",
    "problem",
    "benefit",
    "category",
    "urgency",
    "legal_requirement",
    "legal_reference",
    "estimated_cost",
    "estimated_effort_days",
    "horizon_years",
)


@transaction.atomic
def need_create(
    *,
    actor,
    administration: Administration,
    title: str,
    description: str,
    category: str,
    problem: str = "",
    benefit: str = "",
    urgency: str = Need.Urgency.MEDIUM,
    legal_requirement: bool = False,
    legal_reference: str = "",
    estimated_cost: Decimal | None = None,
    estimated_effort_days: int | None = None,
    horizon_years: int = 1,
    administrations_concerned: Iterable[Administration] = (),
    principles: Iterable[Principle] = (),
    attachments: Iterable[UploadedFile] = (),
) -> Need:
    """A digital lead writes a need for their administration; it starts as a draft."""
    if not policies.can_create_need(actor, administration):
        raise PermissionDenied(f"Bara digitaliseringsansvarig för {administration} får skriva behov för den.")
    _check_cost(estimated_cost)
    checked = [(upload, check_upload(upload)) for upload in attachments]
    need = Need(
        reference=_allocate_reference(timezone.localdate().year),
        administration=administration,
        title=title.strip(),
        description=description.strip(),
        problem=problem.strip(),
        benefit=benefit.strip(),
        category=category,
        urgency=urgency,
        legal_requirement=legal_requirement,
        legal_reference=legal_reference.strip(),
        estimated_cost=estimated_cost,
        estimated_effort_days=estimated_effort_days,
        horizon_years=horizon_years,
        created_by=actor,
    )
    _refresh_tokens(need)
    _validate(need)
    _stamp(need, actor, "Behovet skapades")
    need.save()
    need.administrations_concerned.set(administrations_concerned)
    need.principles.set(principles)
    for upload, check in checked:
        _store_attachment(actor=actor, need=need, upload=upload, checked=check)
    return need


@transaction.atomic
def need_update(
    *,
    actor,
    need: Need,
    administrations_concerned: Iterable[Administration] | None = None,
    principles: Iterable[Principle] | None = None,
    **changes: Any,
) -> Need:
    need = _lock(need)
    if not policies.can_edit_need(actor, need):
        if need.status != S.DRAFT:
            raise DomainError("Behovet är inlämnat och kan inte längre ändras.", code="not_draft")
        raise PermissionDenied("Bara förvaltningens digitaliseringsansvarig får ändra behovet.")
    unknown = set(changes) - set(NEED_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    _check_cost(changes.get("estimated_cost"))
    changed = [name for name, value in changes.items() if getattr(need, name) != value]
    for name in changed:
        value = changes[name]
        setattr(need, name, value.strip() if isinstance(value, str) else value)
    _refresh_tokens(need)
    _validate(need)
    _stamp(need, actor, "Behovet ändrades")
    need.save(update_fields=[*changed, "search_tokens"])
    if administrations_concerned is not None:
        need.administrations_concerned.set(administrations_concerned)
    if principles is not None:
        need.principles.set(principles)
    return need


def _store_attachment(*, actor, need: Need, upload: UploadedFile, checked) -> NeedAttachment:
    name = (upload.name or f"bilaga.{checked.extension}").replace("\\", "/").rsplit("/", 1)[-1][:255]
    attachment = NeedAttachment(
        need=need, filename=name, content_type=checked.content_type, size=checked.size, uploaded_by=actor
    )
    attachment.file.save(f"{checked.sha256[:16]}.{checked.extension}", ContentFile(checked.content), save=False)
    try:
        _stamp(attachment, actor, "Bilaga lades till")
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def need_add_attachment(*, actor, need: Need, upload: UploadedFile) -> NeedAttachment:
    need = _lock(need)
    if not policies.can_edit_need(actor, need):
        raise PermissionDenied("Bilagor läggs till av förvaltningens digitaliseringsansvarig innan behovet lämnas in.")
    return _store_attachment(actor=actor, need=need, upload=upload, checked=check_upload(upload))


@transaction.atomic
def need_submit(*, actor, need: Need, on: dt.date | None = None) -> Need:
    """Submit a draft. Only while the annual wheel's intake window is open."""
    need = _lock(need)
    if not policies.can_create_need(actor, need.administration):
        raise PermissionDenied("Bara förvaltningens digitaliseringsansvarig får lämna in behovet.")
    check_transition(need, S.SUBMITTED)
    day = on or timezone.localdate()
    window = selectors.open_intake(day)
    if window is None:
        upcoming = selectors.next_intake(day)
        hint = (
            f" Nästa inlämning öppnar {upcoming.opens_on:%Y-%m-%d}."
            if upcoming
            else " IT-styrningen kan ta emot ett sent behov."
        )
        raise DomainError("Inlämningen av behov är stängd." + hint, code="intake_closed")
    need.status = S.SUBMITTED
    need.plan_year = window.plan_year
    need.submitted_by = actor
    need.submitted_at = (
        timezone.now()
        if on is None
        else timezone.make_aware(dt.datetime.combine(day, dt.time(12)), timezone.get_current_timezone())
    )
    _stamp(need, actor, f"Behovet lämnades in till planen för {window.plan_year}")
    need.save(update_fields=["status", "plan_year", "submitted_by", "submitted_at"])
    return need


@transaction.atomic
def need_accept_late(*, actor, need: Need, reason: str, plan_year: int | None = None) -> Need:
    """IT governance takes in a need after the intake has closed; the exception is recorded."""
    need = _lock(need)
    if not policies.can_accept_late_need(actor, need):
        raise PermissionDenied("Bara IT-styrningen får ta emot ett behov efter sista dag.")
    check_transition(need, S.SUBMITTED)
    if not reason.strip():
        raise DomainError("Ange varför behovet tas emot efter sista dag.", code="reason_required")
    if plan_year is None:
        window = selectors.latest_intake()
        if window is None:
            raise DomainError("Det finns ingen inlämningsperiod i årshjulet att knyta behovet till.")
        plan_year = window.plan_year
    need.status = S.SUBMITTED
    need.plan_year = plan_year
    need.submitted_by = actor
    need.submitted_at = timezone.now()
    need.submitted_late = True
    need.late_reason = reason.strip()
    need.late_accepted_by = actor
    _stamp(need, actor, f"Sent behov togs emot: {reason.strip()}")
    need.save(
        update_fields=[
            "status",
            "plan_year",
            "submitted_by",
            "submitted_at",
            "submitted_late",
            "late_reason",
            "late_accepted_by",
        ]
    )
    return need


def _decide(need: Need, actor, status: str) -> list[str]:
    need.status = status
    need.decided_by = actor
    need.decided_at = timezone.now()
    return ["status", "decided_by", "decided_at"]


@transaction.atomic
def need_prepare(*, actor, need: Need) -> Need:
    need = _lock(need)
    if not policies.can_prepare_need(actor, need):
        raise PermissionDenied("Bara IT-styrningen bereder behov.")
    check_transition(need, S.IN_PREPARATION)
    fields = _decide(need, actor, S.IN_PREPARATION)
    _stamp(need, actor, "Behovet togs upp för beredning")
    need.save(update_fields=fields)
    return need


@transaction.atomic
def need_merge(*, actor, need: Need, into: Need, note: str = "") -> Need:
    """Merge a need into another: the target carries on; every submitter and text is kept."""
    if need.pk == into.pk:
        raise DomainError("Ett behov kan inte slås ihop med sig självt.")
    need = _lock(need)
    target = _lock(into)
    if not policies.can_merge_need(actor, need):
        raise PermissionDenied("Bara IT-styrningen slår ihop behov.")
    check_transition(need, S.MERGED)
    if target.status not in ACTIVE_STATES:
        raise DomainError(
            f"{target.reference} är {Need.Status(target.status).label.lower()}; välj ett behov som är inlämnat, "
            "under beredning eller med i plan."
        )
    fields = _decide(need, actor, S.MERGED)
    need.merged_into = target
    need.merge_note = note.strip()
    _stamp(need, actor, f"Sammanslaget med {target.reference}")
    need.save(update_fields=[*fields, "merged_into", "merge_note"])
    concerned = {a.pk for a in target.administrations_concerned.all()}
    added = {need.administration_id, *need.administrations_concerned.values_list("pk", flat=True)}
    added -= concerned | {target.administration_id}
    if added:
        target.administrations_concerned.add(*added)
    return need


@transaction.atomic
def need_reject(*, actor, need: Need, reason: str) -> Need:
    """Reject a need with a reason that the submitter sees (and is e-mailed)."""
    need = _lock(need)
    if not policies.can_reject_need(actor, need):
        raise PermissionDenied("Bara IT-styrningen avslår behov.")
    check_transition(need, S.REJECTED)
    if not reason.strip():
        raise DomainError(
            "Ange skälet till avslaget; det visas för den som lämnade in behovet.", code="reason_required"
        )
    fields = _decide(need, actor, S.REJECTED)
    need.rejection_reason = reason.strip()
    _stamp(need, actor, f"Avslaget: {reason.strip()}")
    need.save(update_fields=[*fields, "rejection_reason"])
    recipient = getattr(getattr(need.submitted_by, "person", None), "email", "") or getattr(
        need.submitted_by, "email", ""
    )
    if recipient:
        subject = f"Behov {need.reference} har avslagits"
        message = f"Behovet {need.reference} {need.title} har avslagits.\n\nSkäl: {need.rejection_reason}"
        transaction.on_commit(
            lambda: send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True)
        )
    return need


@transaction.atomic
def need_accept(*, actor, need: Need, reason: str = "") -> Need:
    """Accept a need into a plan (called when an initiative takes it up)."""
    need = _lock(need)
    if not policies.is_governance(actor):
        raise PermissionDenied("Bara IT-styrningen tar in behov i planen.")
    if need.status == S.ACCEPTED:
        return need
    check_transition(need, S.ACCEPTED)
    fields = _decide(need, actor, S.ACCEPTED)
    _stamp(need, actor, reason or "Behovet togs in i utvecklingsplanen")
    need.save(update_fields=fields)
    return need


@transaction.atomic
def need_release(*, actor, need: Need, reason: str = "") -> Need:
    """Take an accepted need back into preparation (its initiative no longer carries it)."""
    need = _lock(need)
    if not policies.is_governance(actor):
        raise PermissionDenied("Bara IT-styrningen ändrar planens behov.")
    check_transition(need, S.IN_PREPARATION)
    fields = _decide(need, actor, S.IN_PREPARATION)
    _stamp(need, actor, reason or "Behovet togs bort ur planen och bereds igen")
    need.save(update_fields=fields)
    return need


@transaction.atomic
def need_deliver(*, actor, need: Need) -> Need:
    need = _lock(need)
    if not policies.can_deliver_need(actor, need):
        raise PermissionDenied("Bara IT-styrningen markerar behov som levererade.")
    check_transition(need, S.DELIVERED)
    fields = _decide(need, actor, S.DELIVERED)
    need.delivered_at = need.decided_at
    _stamp(need, actor, "Behovet är levererat")
    need.save(update_fields=[*fields, "delivered_at"])
    return need


# ---------------------------------------------------------------- prioritisation


@transaction.atomic
def criterion_create(
    *, actor, plan_year: int, name: str, weight: int, description: str = "", order: int | None = None
) -> Criterion:
    if not policies.can_manage_criteria(actor):
        raise PermissionDenied("Bara IT-styrningen ställer in prioriteringskriterierna.")
    if weight < 0:
        raise DomainError("Vikten kan inte vara negativ.")
    if Criterion.objects.filter(plan_year=plan_year, name__iexact=name.strip()).exists():
        raise DomainError(f"Kriteriet {name.strip()} finns redan för {plan_year}.")
    if order is None:
        order = Criterion.objects.filter(plan_year=plan_year).count() + 1
    criterion = Criterion(
        plan_year=plan_year, name=name.strip(), weight=weight, description=description.strip(), order=order
    )
    _validate(criterion)
    _stamp(criterion, actor, "Kriteriet skapades")
    criterion.save()
    return criterion


@transaction.atomic
def criterion_set_weight(*, actor, criterion: Criterion, weight: int) -> Criterion:
    if not policies.can_manage_criteria(actor):
        raise PermissionDenied("Bara IT-styrningen ställer in prioriteringskriterierna.")
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if weight < 0 or weight > 100:
        raise DomainError("Vikten ska vara mellan 0 och 100.")
    if criterion.weight != weight:
        old = criterion.weight
        criterion.weight = weight
        _stamp(criterion, actor, f"Vikten ändrades från {old} till {weight}")
        criterion.save(update_fields=["weight"])
    return criterion


@transaction.atomic
def score_set(*, actor, need: Need, criterion: Criterion, value: int, comment: str = "") -> Score:
    """A forum member scores a need on a criterion of its plan year (0–5); a new score replaces theirs."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    if not policies.can_score_need(actor, need):
        if policies.is_forum_member(actor):
            raise DomainError("Bara behov som är inlämnade, under beredning eller med i plan kan poängsättas.")
        raise PermissionDenied("Bara medlemmar i samverkansforumet poängsätter behov.")
    if criterion.plan_year != need.plan_year or not criterion.is_active:
        raise DomainError("Kriteriet hör inte till behovets planår.")
    if not isinstance(value, int) or not 0 <= value <= 5:
        raise DomainError("Poängen ska vara ett heltal från 0 till 5.")
    person_id = roles_for_user(actor).person_id
    score = Score.objects.filter(need=need, criterion=criterion, scorer_id=person_id).first()
    if score is None:
        score = Score(need=need, criterion=criterion, scorer_id=person_id, value=value, comment=comment.strip())
        _stamp(score, actor, "Poäng sattes")
    else:
        score.value = value
        score.comment = comment.strip()
        _stamp(score, actor, "Poäng ändrades")
    _validate(score)
    score.save()
    return score
