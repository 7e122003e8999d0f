"""Needs test data, created through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverka.needs import selectors, services
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, user_with_role


def administration(short_name: str, name: str, body_short: str, body_name: str):
    body = BodyFactory(short_name=body_short, name=body_name, kind=Body.Kind.COMMITTEE)
    return AdministrationFactory(short_name=short_name, name=name, body=body)


def environment():
    return administration("MF", "Miljöförvaltningen", "MN", "Miljönämnden")


def culture():
    return administration("KUF", "Kulturförvaltningen", "KN", "Kulturnämnden")


def digital_lead(admin, username: str | None = None):
    return user_with_role(Role.DIGITAL_LEAD, administration=admin, username=username)


def governance(username: str | None = None):
    return user_with_role(Role.IT_GOVERNANCE, username=username)


def open_window(monkeypatch, *, plan_year: int | None = None, opens=None, closes=None):
    """Pretend the annual wheel has an intake window open today (needs must not import plans)."""
    today = timezone.localdate()
    window = selectors.IntakeWindow(
        plan_year or today.year + 1, opens or today - dt.timedelta(days=10), closes or today + dt.timedelta(days=10)
    )
    monkeypatch.setattr(selectors, "intake_windows", lambda: [window])
    return window


def closed_window(monkeypatch, *, plan_year: int | None = None):
    today = timezone.localdate()
    window = selectors.IntakeWindow(
        plan_year or today.year + 1, today - dt.timedelta(days=40), today - dt.timedelta(days=10)
    )
    monkeypatch.setattr(selectors, "intake_windows", lambda: [window])
    return window


def make_need(*, actor, admin, title="Behov", description="Beskrivning av behovet", **kwargs):
    kwargs.setdefault("category", "other")
    return services.need_create(actor=actor, administration=admin, title=title, description=description, **kwargs)


def submitted_need(*, actor, admin, **kwargs):
    need = make_need(actor=actor, admin=admin, **kwargs)
    return services.need_submit(actor=actor, need=need)


TEAMS_A = {
    "title": "Manualer och utbildning i Teams",
    "description": (
        "Medarbetarna behöver manualer för Teams och utbildning i hur Teams används för möten och samarbete."
    ),
    "problem": "Många medarbetare vet inte hur Teams-möten och kanaler fungerar.",
}
TEAMS_B = {
    "title": "Utbildning och manual för Microsoft Teams",
    "description": "Vi vill ta fram egna Teams-manualer och utbilda våra medarbetare i Teams, möten och kanaler.",
    "problem": "Medarbetarna använder inte Teams fullt ut.",
}
UNRELATED = {
    "title": "Digital bokning av lokaler",
    "description": "Föreningar ska kunna boka kommunens lokaler och idrottshallar via en e-tjänst med betalning.",
    "problem": "Bokningar sker i dag via telefon och e-post.",
}


def ranking_criteria(*, actor, plan_year: int):
    """The two criteria the ranking tests score on: benefit (weight 3) and cost (weight 1)."""
    benefit = services.criterion_create(actor=actor, plan_year=plan_year, name="Nytta för invånarna", weight=3)
    cost = services.criterion_create(actor=actor, plan_year=plan_year, name="Kostnad", weight=1)
    return benefit, cost
