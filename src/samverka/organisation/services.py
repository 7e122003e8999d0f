"""Writes to the organisation. Every function checks the policy, validates and records history.

Nothing is deleted: bodies, administrations, external parties and persons are deactivated;
political assignments and roles get an end date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp

from . import policies
from .models import Administration, Body, ExternalParty, Person, PoliticalAssignment, Role, RoleAssignment

BODY_EDITABLE_FIELDS = ("name", "short_name", "kind", "parent", "email")
ADMINISTRATION_EDITABLE_FIELDS = ("name", "short_name", "body", "email")
EXTERNAL_PARTY_EDITABLE_FIELDS = ("name", "kind", "email")
PERSON_EDITABLE_FIELDS = ("first_name", "last_name", "email", "title", "administration", "user")
POLITICAL_ASSIGNMENT_EDITABLE_FIELDS = ("party", "position")


SYSTEM_USERNAME = "samverka-system"


def system_actor():
    """The account that imports and the demo loader act as when no person is named.

    A superuser that can never sign in (inactive, no usable password, no person), so the history
    shows that a change came from the system and not from someone's account.
    """
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_superuser": True, "is_active": False, "first_name": "Samverka", "last_name": "(system)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


# -- shared steps ------------------------------------------------------------------------------


def _require_manager(actor) -> None:
    if not policies.can_manage_organisation(actor):
        raise PermissionDenied(_("Du har inte behörighet att ändra organisationen."))


def _validate(obj: models.Model) -> None:
    """full_clean(), with the errors turned into one domain error the interface can show."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        messages: list[str] = []
        if hasattr(exc, "error_dict"):
            for field_name, errors in exc.message_dict.items():
                label = field_name
                if field_name != "__all__":
                    with contextlib.suppress(FieldDoesNotExist):
                        label = str(obj._meta.get_field(field_name).verbose_name)
                    messages += [f"{label.capitalize()}: {error}" for error in errors]
                else:
                    messages += list(errors)
        else:
            messages = list(exc.messages)
        raise DomainError(" ".join(messages), code="invalid") from exc


def _save(obj: models.Model, actor, reason: str, update_fields: list[str] | None = None) -> None:
    _validate(obj)
    _stamp(obj, actor, reason)
    obj.save(update_fields=update_fields)


def _is_active(obj: Any) -> bool:
    """Whether the row is active now (read from the database: the caller's copy may be stale)."""
    return type(obj)._default_manager.filter(pk=obj.pk, is_active=True).exists()


def _clean_value(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _apply_changes(obj: models.Model, changes: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    """Set the changed values on obj; return the names of the fields that really changed."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise DomainError(
            _("Dessa uppgifter kan inte ändras här: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    changed = []
    for name, value in changes.items():
        value = _clean_value(value)
        if value is None and isinstance(obj._meta.get_field(name), models.CharField):
            value = ""
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _overlapping(starts_on: dt.date | None, ends_on: dt.date | None) -> Q:
    """Rows whose period [starts_on, ends_on] overlaps the given one (open ends are unbounded)."""
    condition = Q()
    if starts_on is not None:
        condition &= Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    if ends_on is not None:
        condition &= Q(starts_on__isnull=True) | Q(starts_on__lte=ends_on)
    return condition


def _period_label(starts_on: dt.date | None, ends_on: dt.date | None) -> str:
    start = starts_on.isoformat() if starts_on else "…"
    end = ends_on.isoformat() if ends_on else "…"
    return f"{start} – {end}"


# -- bodies ------------------------------------------------------------------------------------


def _check_body_parent(body: Body) -> None:
    parent = body.parent
    if parent is None:
        return
    if not _is_active(parent):
        raise DomainError(_("Organet %(parent)s är inte aktivt.") % {"parent": parent})
    seen: set[int] = set()
    while parent is not None and parent.pk not in seen:
        if body.pk is not None and parent.pk == body.pk:
            raise DomainError(_("Ett organ kan inte tillhöra sig självt eller ett av sina underorgan."))
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def body_create(
    *,
    actor,
    name: str,
    short_name: str,
    kind: str,
    parent: Body | None = None,
    email: str = "",
) -> Body:
    _require_manager(actor)
    body = Body(name=name.strip(), short_name=short_name.strip(), kind=kind, parent=parent, email=email.strip())
    _check_body_parent(body)
    _save(body, actor, _("Organet lades upp"))
    return body


@transaction.atomic
def body_update(*, actor, body: Body, reason: str = "", **changes: Any) -> Body:
    _require_manager(actor)
    body = Body.objects.select_for_update().get(pk=body.pk)
    changed = _apply_changes(body, changes, BODY_EDITABLE_FIELDS)
    if not changed:
        return body
    if "parent" in changed:
        _check_body_parent(body)
    _save(body, actor, reason or _("Uppgifter ändrades"), changed)
    return body


@transaction.atomic
def body_deactivate(*, actor, body: Body, reason: str = "") -> Body:
    """A body that is wound up; its history, cases and minutes stay."""
    _require_manager(actor)
    body = Body.objects.select_for_update().get(pk=body.pk)
    if not body.is_active:
        raise DomainError(_("%(body)s är redan inaktivt.") % {"body": body})
    children = list(body.children.filter(is_active=True).values_list("short_name", flat=True))
    if children:
        raise DomainError(
            _("%(body)s har aktiva underorgan (%(names)s). Inaktivera dem eller flytta dem först.")
            % {"body": body, "names": ", ".join(children)}
        )
    administrations = list(body.administrations.filter(is_active=True).values_list("short_name", flat=True))
    if administrations:
        raise DomainError(
            _("%(body)s har aktiva förvaltningar (%(names)s). Inaktivera dem eller flytta dem först.")
            % {"body": body, "names": ", ".join(administrations)}
        )
    body.is_active = False
    _save(body, actor, reason or _("Organet inaktiverades"), ["is_active"])
    return body


@transaction.atomic
def body_reactivate(*, actor, body: Body, reason: str = "") -> Body:
    _require_manager(actor)
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.is_active:
        raise DomainError(_("%(body)s är redan aktivt.") % {"body": body})
    if body.parent is not None and not _is_active(body.parent):
        raise DomainError(_("Organet %(parent)s är inte aktivt.") % {"parent": body.parent})
    body.is_active = True
    _save(body, actor, reason or _("Organet återaktiverades"), ["is_active"])
    return body


# -- administrations ---------------------------------------------------------------------------


def _check_active_body(body: Body | None) -> None:
    if body is not None and not _is_active(body):
        raise DomainError(_("Organet %(body)s är inte aktivt.") % {"body": body})


@transaction.atomic
def administration_create(*, actor, name: str, short_name: str, body: Body, email: str = "") -> Administration:
    _require_manager(actor)
    _check_active_body(body)
    administration = Administration(name=name.strip(), short_name=short_name.strip(), body=body, email=email.strip())
    _save(administration, actor, _("Förvaltningen lades upp"))
    return administration


@transaction.atomic
def administration_update(*, actor, administration: Administration, reason: str = "", **changes: Any) -> Administration:
    _require_manager(actor)
    administration = Administration.objects.select_for_update().get(pk=administration.pk)
    changed = _apply_changes(administration, changes, ADMINISTRATION_EDITABLE_FIELDS)
    if not changed:
        return administration
    if "body" in changed:
        _check_active_body(administration.body)
    _save(administration, actor, reason or _("Uppgifter ändrades"), changed)
    return administration


@transaction.atomic
def administration_deactivate(*, actor, administration: Administration, reason: str = "") -> Administration:
    _require_manager(actor)
    administration = Administration.objects.select_for_update().get(pk=administration.pk)
    if not administration.is_active:
        raise DomainError(_("%(name)s är redan inaktiv.") % {"name": administration})
    administration.is_active = False
    _save(administration, actor, reason or _("Förvaltningen inaktiverades"), ["is_active"])
    return administration


@transaction.atomic
def administration_reactivate(*, actor, administration: Administration, reason: str = "") -> Administration:
    _require_manager(actor)
    administration = Administration.objects.select_for_update().get(pk=administration.pk)
    if administration.is_active:
        raise DomainError(_("%(name)s är redan aktiv.") % {"name": administration})
    _check_active_body(administration.body)
    administration.is_active = True
    _save(administration, actor, reason or _("Förvaltningen återaktiverades"), ["is_active"])
    return administration


# -- external parties --------------------------------------------------------------------------


@transaction.atomic
def external_party_create(*, actor, name: str, kind: str = ExternalParty.Kind.OTHER, email: str = "") -> ExternalParty:
    _require_manager(actor)
    party = ExternalParty(name=name.strip(), kind=kind, email=email.strip())
    _save(party, actor, _("Den externa parten lades upp"))
    return party


@transaction.atomic
def external_party_update(*, actor, party: ExternalParty, reason: str = "", **changes: Any) -> ExternalParty:
    _require_manager(actor)
    party = ExternalParty.objects.select_for_update().get(pk=party.pk)
    changed = _apply_changes(party, changes, EXTERNAL_PARTY_EDITABLE_FIELDS)
    if not changed:
        return party
    _save(party, actor, reason or _("Uppgifter ändrades"), changed)
    return party


@transaction.atomic
def external_party_deactivate(*, actor, party: ExternalParty, reason: str = "") -> ExternalParty:
    _require_manager(actor)
    party = ExternalParty.objects.select_for_update().get(pk=party.pk)
    if not party.is_active:
        raise DomainError(_("%(name)s är redan inaktiv.") % {"name": party})
    party.is_active = False
    _save(party, actor, reason or _("Den externa parten inaktiverades"), ["is_active"])
    return party


@transaction.atomic
def external_party_reactivate(*, actor, party: ExternalParty, reason: str = "") -> ExternalParty:
    _require_manager(actor)
    party = ExternalParty.objects.select_for_update().get(pk=party.pk)
    if party.is_active:
        raise DomainError(_("%(name)s är redan aktiv.") % {"name": party})
    party.is_active = True
    _save(party, actor, reason or _("Den externa parten återaktiverades"), ["is_active"])
    return party


# -- persons -----------------------------------------------------------------------------------


def _check_person(person: Person) -> None:
    if person.administration is not None and not _is_active(person.administration):
        raise DomainError(_("Förvaltningen %(name)s är inte aktiv.") % {"name": person.administration})
    if person.email:
        twin = Person.objects.filter(email__iexact=person.email).exclude(pk=person.pk).first()
        if twin is not None:
            raise DomainError(
                _("E-postadressen %(email)s används redan av %(person)s.") % {"email": person.email, "person": twin}
            )
    if person.user_id:
        holder = Person.objects.filter(user_id=person.user_id).exclude(pk=person.pk).first()
        if holder is not None:
            raise DomainError(
                _("Användarkontot %(username)s hör redan till %(person)s.")
                % {"username": person.user.get_username(), "person": holder}
            )


def _active_administrator_assignments() -> models.QuerySet[RoleAssignment]:
    from .selectors import active_on

    return RoleAssignment.objects.filter(
        active_on(timezone.localdate()),
        role=Role.ADMINISTRATOR,
        body__isnull=True,
        administration__isnull=True,
        person__is_active=True,
        person__user__is_active=True,
    )


def _keep_an_administrator(*, leaving_person: Person | None = None, ending: RoleAssignment | None = None) -> None:
    """The municipality must never be left without an administrator who can sign in."""
    remaining = _active_administrator_assignments()
    if leaving_person is not None:
        if not remaining.filter(person=leaving_person).exists():
            return
        remaining = remaining.exclude(person=leaving_person)
    if ending is not None:
        if ending.role != Role.ADMINISTRATOR or ending.body_id or ending.administration_id:
            return
        remaining = remaining.exclude(pk=ending.pk)
    if not remaining.exists():
        raise DomainError(
            _("Det måste finnas minst en administratör. Utse en ny administratör innan denna avslutas."),
            code="last_administrator",
        )


@transaction.atomic
def person_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    email: str = "",
    title: str = "",
    administration: Administration | None = None,
    user=None,
) -> Person:
    _require_manager(actor)
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        title=title.strip(),
        administration=administration,
        user=user,
    )
    _check_person(person)
    _save(person, actor, _("Personen lades upp"))
    return person


@transaction.atomic
def person_update(*, actor, person: Person, reason: str = "", **changes: Any) -> Person:
    _require_manager(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = _apply_changes(person, changes, PERSON_EDITABLE_FIELDS)
    if not changed:
        return person
    _check_person(person)
    _save(person, actor, reason or _("Uppgifter ändrades"), changed)
    return person


@transaction.atomic
def person_account_create(*, actor, person: Person, username: str, password: str | None = None):
    """Give a person a user account. Without a password the person signs in with single sign-on."""
    _require_manager(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id:
        raise DomainError(
            _("%(person)s har redan användarkontot %(username)s.")
            % {"person": person, "username": person.user.get_username()}
        )
    if not person.is_active:
        raise DomainError(_("%(person)s är inte aktiv.") % {"person": person})
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise DomainError(_("Ange ett användarnamn."))
    if user_model.objects.filter(username__iexact=username).exists():
        raise DomainError(_("Användarnamnet %(username)s är upptaget.") % {"username": username})
    user = user_model(username=username, first_name=person.first_name, last_name=person.last_name, email=person.email)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), code="weak_password") from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    user.save()
    person.user = user
    _save(person, actor, _("Användarkontot %(username)s skapades") % {"username": username}, ["user"])
    return user


@transaction.atomic
def person_deactivate(*, actor, person: Person, reason: str = "") -> Person:
    """A person who has left: the person and the person's user account are deactivated."""
    _require_manager(actor)
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if not person.is_active:
        raise DomainError(_("%(person)s är redan inaktiv.") % {"person": person})
    if person.user_id and person.user_id == getattr(actor, "pk", None):
        raise DomainError(_("Du kan inte inaktivera dig själv."))
    _keep_an_administrator(leaving_person=person)
    person.is_active = False
    _save(person, actor, reason or _("Personen inaktiverades"), ["is_active"])
    if person.user_id and person.user.is_active:
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_reactivate(*, actor, person: Person, reason: str = "") -> Person:
    _require_manager(actor)
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if person.is_active:
        raise DomainError(_("%(person)s är redan aktiv.") % {"person": person})
    person.is_active = True
    _save(person, actor, reason or _("Personen återaktiverades"), ["is_active"])
    if person.user_id and not person.user.is_active:
        person.user.is_active = True
        person.user.save(update_fields=["is_active"])
    return person


# -- political assignments ---------------------------------------------------------------------


def _check_political_assignment(assignment: PoliticalAssignment) -> None:
    if not _is_active(assignment.person):
        raise DomainError(_("%(person)s är inte aktiv.") % {"person": assignment.person})
    _check_active_body(assignment.body)
    if not (assignment.party or "").strip():
        raise DomainError(_("Ange parti."))
    others = PoliticalAssignment.objects.filter(
        _overlapping(assignment.starts_on, assignment.ends_on), body=assignment.body
    ).exclude(pk=assignment.pk)
    twin = others.filter(person=assignment.person).first()
    if twin is not None:
        raise DomainError(
            _("%(person)s har redan ett uppdrag i %(body)s under perioden (%(kind)s, %(period)s).")
            % {
                "person": assignment.person,
                "body": assignment.body,
                "kind": twin.get_kind_display().lower(),
                "period": _period_label(twin.starts_on, twin.ends_on),
            }
        )
    if assignment.position:
        holder = others.filter(position=assignment.position).select_related("person").first()
        if holder is not None:
            raise DomainError(
                _("%(body)s har redan en %(position)s under perioden: %(person)s.")
                % {
                    "body": assignment.body,
                    "position": assignment.get_position_display().lower(),
                    "person": holder.person,
                }
            )


@transaction.atomic
def political_assignment_create(
    *,
    actor,
    person: Person,
    body: Body,
    kind: str,
    party: str,
    starts_on: dt.date,
    position: str = "",
    ends_on: dt.date | None = None,
) -> PoliticalAssignment:
    _require_manager(actor)
    assignment = PoliticalAssignment(
        person=person,
        body=body,
        kind=kind,
        party=party.strip(),
        position=position or "",
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _validate(assignment)
    _check_political_assignment(assignment)
    _save(assignment, actor, _("Uppdraget lades upp"))
    return assignment


@transaction.atomic
def political_assignment_update(
    *, actor, assignment: PoliticalAssignment, reason: str = "", **changes: Any
) -> PoliticalAssignment:
    """Change party or chair position; the person, body and period are changed by ending and creating."""
    _require_manager(actor)
    assignment = PoliticalAssignment.objects.select_for_update().get(pk=assignment.pk)
    changed = _apply_changes(assignment, changes, POLITICAL_ASSIGNMENT_EDITABLE_FIELDS)
    if not changed:
        return assignment
    _validate(assignment)
    _check_political_assignment(assignment)
    _save(assignment, actor, reason or _("Uppdraget ändrades"), changed)
    return assignment


@transaction.atomic
def political_assignment_end(
    *, actor, assignment: PoliticalAssignment, ends_on: dt.date | None = None, reason: str = ""
) -> PoliticalAssignment:
    _require_manager(actor)
    assignment = PoliticalAssignment.objects.select_for_update().get(pk=assignment.pk)
    ends_on = ends_on or timezone.localdate()
    if assignment.ends_on is not None and assignment.ends_on < timezone.localdate():
        raise DomainError(
            _("Uppdraget avslutades redan %(date)s.") % {"date": assignment.ends_on.isoformat()},
            code="invalid_transition",
        )
    if ends_on < assignment.starts_on:
        raise DomainError(_("Uppdraget kan inte sluta innan det börjar."))
    if assignment.ends_on == ends_on:
        return assignment
    assignment.ends_on = ends_on
    _save(assignment, actor, reason or _("Uppdraget avslutades"), ["ends_on"])
    return assignment


# -- roles -------------------------------------------------------------------------------------


def _check_role(assignment: RoleAssignment) -> None:
    if assignment.role not in Role.values:
        raise DomainError(_("Okänd roll: %(role)s.") % {"role": assignment.role})
    if not _is_active(assignment.person):
        raise DomainError(_("%(person)s är inte aktiv.") % {"person": assignment.person})
    if assignment.body_id and assignment.administration_id:
        raise DomainError(_("En roll gäller ett organ eller en förvaltning, inte båda."))
    if assignment.role == Role.ADMINISTRATOR and (assignment.body_id or assignment.administration_id):
        raise DomainError(_("Rollen administratör gäller hela kommunen och kan inte begränsas till en del av den."))
    _check_active_body(assignment.body)
    if assignment.administration is not None and not _is_active(assignment.administration):
        raise DomainError(_("Förvaltningen %(name)s är inte aktiv.") % {"name": assignment.administration})
    twin = (
        RoleAssignment.objects.filter(
            _overlapping(assignment.starts_on, assignment.ends_on),
            person=assignment.person,
            role=assignment.role,
            body=assignment.body,
            administration=assignment.administration,
        )
        .exclude(pk=assignment.pk)
        .first()
    )
    if twin is not None:
        raise DomainError(
            _("%(person)s har redan rollen %(role)s (%(scope)s) under perioden.")
            % {"person": assignment.person, "role": twin.get_role_display().lower(), "scope": twin.scope_label}
        )


@transaction.atomic
def role_assign(
    *,
    actor,
    person: Person,
    role: str,
    body: Body | None = None,
    administration: Administration | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> RoleAssignment:
    """Give a person a staff role for a body, an administration, or (neither) the whole municipality."""
    _require_manager(actor)
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("Rollen kan inte sluta innan den börjar."))
    assignment = RoleAssignment(
        person=person, role=role, body=body, administration=administration, starts_on=starts_on, ends_on=ends_on
    )
    _check_role(assignment)
    _save(assignment, actor, _("Rollen tilldelades"))
    return assignment


@transaction.atomic
def role_end(*, actor, assignment: RoleAssignment, ends_on: dt.date | None = None, reason: str = "") -> RoleAssignment:
    _require_manager(actor)
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    today = timezone.localdate()
    ends_on = ends_on or today
    if assignment.ends_on is not None and assignment.ends_on < today:
        raise DomainError(
            _("Rollen avslutades redan %(date)s.") % {"date": assignment.ends_on.isoformat()},
            code="invalid_transition",
        )
    if assignment.starts_on and ends_on < assignment.starts_on:
        raise DomainError(_("Rollen kan inte sluta innan den börjar."))
    if assignment.ends_on == ends_on:
        return assignment
    if ends_on <= today:
        _keep_an_administrator(ending=assignment)
    assignment.ends_on = ends_on
    _save(assignment, actor, reason or _("Rollen avslutades"), ["ends_on"])
    return assignment
