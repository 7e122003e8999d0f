"""Writes to the principles: programmes and their principles, with history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp

from . import policies
from .models import Principle, PrincipleProgramme


def _validate(obj: Any) -> None:
    """full_clean, with the model's messages as one Swedish domain error."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc


def _require_manager(actor) -> None:
    if not policies.can_manage_principles(actor):
        raise PermissionDenied("Bara IT-styrningen får ändra principerna för digitalisering.")


@transaction.atomic
def programme_create(
    *,
    actor,
    name: str,
    valid_from: int,
    valid_to: int | None = None,
    description: str = "",
    replaces: PrincipleProgramme | None = None,
    decision_reference: str = "",
) -> PrincipleProgramme:
    """Create a programme; a programme it replaces stops being in force the year before."""
    _require_manager(actor)
    programme = PrincipleProgramme(
        name=name.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        description=description.strip(),
        replaces=replaces,
        decision_reference=decision_reference.strip(),
    )
    _validate(programme)
    _stamp(programme, actor, "Principprogrammet skapades")
    programme.save()
    if replaces is not None:
        old = PrincipleProgramme.objects.select_for_update().get(pk=replaces.pk)
        if old.valid_from >= valid_from:
            raise DomainError("Ett nytt program måste börja gälla efter det program det ersätter.")
        if old.valid_to is None or old.valid_to >= valid_from:
            old.valid_to = valid_from - 1
            _stamp(old, actor, f"Ersattes av {programme.name}")
            old.save(update_fields=["valid_to"])
    return programme


PROGRAMME_FIELDS = ("name", "description", "valid_from", "valid_to", "decision_reference")


@transaction.atomic
def programme_update(*, actor, programme: PrincipleProgramme, **changes: Any) -> PrincipleProgramme:
    _require_manager(actor)
    programme = PrincipleProgramme.objects.select_for_update().get(pk=programme.pk)
    unknown = set(changes) - set(PROGRAMME_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    changed = [k for k, v in changes.items() if getattr(programme, k) != v]
    for name in changed:
        value = changes[name]
        setattr(programme, name, value.strip() if isinstance(value, str) else value)
    if changed:
        _validate(programme)
        _stamp(programme, actor, "Principprogrammet ändrades")
        programme.save(update_fields=changed)
    return programme


@transaction.atomic
def principle_create(
    *, actor, programme: PrincipleProgramme, title: str, description: str = "", number: int | None = None
) -> Principle:
    _require_manager(actor)
    programme = PrincipleProgramme.objects.select_for_update().get(pk=programme.pk)
    if number is None:
        number = (programme.principles.aggregate(last=Max("number"))["last"] or 0) + 1
    if programme.principles.filter(number=number).exists():
        raise DomainError(f"Programmet har redan en princip nummer {number}.")
    if programme.principles.filter(title__iexact=title.strip()).exists():
        raise DomainError("Programmet har redan en princip med den rubriken.")
    principle = Principle(programme=programme, number=number, title=title.strip(), description=description.strip())
    _validate(principle)
    _stamp(principle, actor, "Principen lades till")
    principle.save()
    return principle


PRINCIPLE_FIELDS = ("title", "description", "number", "is_active")


@transaction.atomic
def principle_update(*, actor, principle: Principle, reason: str = "", **changes: Any) -> Principle:
    """Change a principle; its history keeps every earlier wording."""
    _require_manager(actor)
    principle = Principle.objects.select_for_update().get(pk=principle.pk)
    unknown = set(changes) - set(PRINCIPLE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    if "number" in changes and (
        Principle.objects.filter(programme_id=principle.programme_id, number=changes["number"])
        .exclude(pk=principle.pk)
        .exists()
    ):
        raise DomainError(f"Programmet har redan en princip nummer {changes['number']}.")
    if "title" in changes and (
        Principle.objects.filter(programme_id=principle.programme_id, title__iexact=changes["title"].strip())
        .exclude(pk=principle.pk)
        .exists()
    ):
        raise DomainError("Programmet har redan en princip med den rubriken.")
    changed = [k for k, v in changes.items() if getattr(principle, k) != v]
    for name in changed:
        value = changes[name]
        setattr(principle, name, value.strip() if isinstance(value, str) else value)
    if changed:
        _validate(principle)
        _stamp(principle, actor, reason.strip() or "Principen ändrades")
        principle.save(update_fields=changed)
    return principle
