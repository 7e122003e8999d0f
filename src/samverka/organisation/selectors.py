"""Reads of the organisation, and the roles a user holds (the base of every policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import Administration, Body, ExternalParty, Person, PoliticalAssignment, Role, RoleAssignment


@dataclass(frozen=True)
class UserRoles:
    """The roles of one user: global ones and those scoped to bodies and administrations."""

    person_id: int | None = None
    is_superuser: bool = False
    global_roles: frozenset[str] = field(default_factory=frozenset)
    body_roles: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    administration_roles: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    # administration id -> body id, for every administration the user holds a role in
    administration_bodies: tuple[tuple[int, int], ...] = ()

    def has(self, role: str) -> bool:
        """Holds the role anywhere."""
        return (
            role in self.global_roles
            or any(r == role for r, _ in self.body_roles)
            or any(r == role for r, _ in self.administration_roles)
        )

    def has_for(self, role: str, *, body_id: int | None = None, administration_id: int | None = None) -> bool:
        """Holds the role for the given body or administration (a global role covers all)."""
        if role in self.global_roles:
            return True
        if body_id is not None and (role, body_id) in self.body_roles:
            return True
        if administration_id is not None:
            if (role, administration_id) in self.administration_roles:
                return True
            # A role on a body covers the body's administration.
            owner = dict(self.administration_bodies).get(administration_id)
            if owner is not None and (role, owner) in self.body_roles:
                return True
        return False

    def body_ids(self, *roles: str) -> set[int]:
        return {b for r, b in self.body_roles if r in roles}

    def administration_ids(self, *roles: str) -> set[int]:
        return {a for r, a in self.administration_roles if r in roles}

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.global_roles or self.has(Role.ADMINISTRATOR)

    @property
    def is_staff_member(self) -> bool:
        return self.is_superuser or bool(self.global_roles or self.body_roles or self.administration_roles)


ANONYMOUS_ROLES = UserRoles()


def active_on(day: dt.date) -> Q:
    return (Q(starts_on__isnull=True) | Q(starts_on__lte=day)) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def roles_for_user(user) -> UserRoles:
    """The user's current roles, computed once per user object (so once per request)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS_ROLES
    cached = getattr(user, "_samverka_roles", None)
    if cached is not None:
        return cached
    # One query for the person and their current roles; a person without any takes a second.
    assignments = list(
        RoleAssignment.objects.filter(person__user=user, person__is_active=True)
        .filter(active_on(timezone.localdate()))
        .select_related("person")
        .annotate(administration_body_id=F("administration__body_id"))
    )
    person = assignments[0].person if assignments else Person.objects.filter(user=user, is_active=True).first()
    if person is not None and not Person.user.field.remote_field.is_cached(user):
        # Every page names the signed-in person: `user.person` needs no query of its own.
        Person.user.field.remote_field.set_cached_value(user, person)
    global_roles: set[str] = set()
    body_roles: set[tuple[str, int]] = set()
    administration_roles: set[tuple[str, int]] = set()
    administration_bodies: dict[int, int] = {}
    for assignment in assignments:
        if assignment.body_id:
            body_roles.add((assignment.role, assignment.body_id))
        elif assignment.administration_id:
            administration_roles.add((assignment.role, assignment.administration_id))
            administration_bodies[assignment.administration_id] = assignment.administration_body_id
        else:
            global_roles.add(assignment.role)
    roles = UserRoles(
        person_id=person.id if person else None,
        is_superuser=user.is_superuser,
        global_roles=frozenset(global_roles),
        body_roles=frozenset(body_roles),
        administration_roles=frozenset(administration_roles),
        administration_bodies=tuple(sorted(administration_bodies.items())),
    )
    user._samverka_roles = roles
    return roles


def body_list(*, active_only: bool = True) -> QuerySet[Body]:
    qs = Body.objects.select_related("parent")
    return qs.filter(is_active=True) if active_only else qs


def administration_list(*, active_only: bool = True) -> QuerySet[Administration]:
    qs = Administration.objects.select_related("body")
    return qs.filter(is_active=True) if active_only else qs


def external_party_list(*, active_only: bool = True) -> QuerySet[ExternalParty]:
    qs = ExternalParty.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def person_list(*, active_only: bool = True) -> QuerySet[Person]:
    qs = Person.objects.select_related("administration", "user")
    return qs.filter(is_active=True) if active_only else qs


def person_for_user(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def body_members(body: Body, *, on: dt.date | None = None) -> QuerySet[PoliticalAssignment]:
    day = on or timezone.localdate()
    return (
        PoliticalAssignment.objects.filter(body=body)
        .filter(active_on(day))
        .select_related("person")
        .order_by("kind", "person__last_name")
    )
