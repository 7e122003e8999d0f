"""Audit test data, built through the real services: the auditors' case, the board's answer case,
IT governance, a responsible official and an auditor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samverka.audits import services
from samverka.audits.models import Action, Audit, Finding
from samverka.organisation.models import Body, Person, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, user_with_role
from samverka.registry.models import Case
from samverka.registry.tests.factories import CaseSeriesFactory, open_case, registrar_for, series_for

REPORT_DATE = dt.date(2020, 12, 8)
RESPONSE_DATE = dt.date(2021, 3, 25)
DUE = dt.date(2022, 12, 31)


@dataclass
class AuditWorld:
    audit: Audit
    auditors: Body
    audit_case: Case
    response_case: Case
    governance: object
    responsible: object
    responsible_person: Person
    auditor: object
    board_registrar: object
    other_official: object
    findings: list[Finding] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def make_world(*, actions: int = 1, findings: int = 1, with_response: bool = True) -> AuditWorld:
    stk = CaseSeriesFactory()  # STK, owned by Stadskontoret under KS
    auditors = BodyFactory(short_name="RK", name="Revisorskollegiet", kind=Body.Kind.AUDITORS)
    sr = series_for("SR", body=auditors, name="Revisorskollegiet")
    sf = AdministrationFactory(
        short_name="SF", name="Serviceförvaltningen", body=BodyFactory(short_name="SN", name="Servicenämnden")
    )
    governance = user_with_role(Role.IT_GOVERNANCE, administration=sf)
    responsible = user_with_role(Role.DIGITAL_LEAD, administration=sf)
    responsible_person = responsible.person
    responsible_person.administration = sf
    responsible_person.save()
    auditor = user_with_role(Role.AUDITOR, body=auditors)
    board_registrar = registrar_for(stk)
    other_official = user_with_role(Role.CASE_OFFICER, administration=sf)
    audit_case = open_case(series=sr, title="Granskning av digitalisering", opened_on=dt.date(2020, 2, 3))
    response_case = open_case(
        series=stk, actor=board_registrar, title="Rapport från revisorskollegiet", opened_on=dt.date(2020, 12, 11)
    )
    audit = services.audit_register(
        actor=governance,
        case=audit_case,
        title="Granskning av digitalisering",
        report_date=REPORT_DATE,
        summary="Revisorskollegiet har granskat styrningen av digitaliseringen.",
    )
    world = AuditWorld(
        audit=audit,
        auditors=auditors,
        audit_case=audit_case,
        response_case=response_case,
        governance=governance,
        responsible=responsible,
        responsible_person=responsible_person,
        auditor=auditor,
        board_registrar=board_registrar,
        other_official=other_official,
    )
    if with_response:
        services.audit_set_response(
            actor=governance,
            audit=audit,
            response_case=response_case,
            response_date=RESPONSE_DATE,
            address="Stadshustorget 1",
            recipients="revisionen@kommun.example\nrevisionskonsult@kommun.example",
            summary="Kommunstyrelsen instämmer i iakttagelserna.\n\n- Tydlighet i ansvar\n- Uppföljning",
            statement="Samtliga åtgärder ska vara genomförda senast vid utgången av 2022.",
            final_report_due=dt.date(2023, 1, 31),
        )
    for n in range(findings):
        finding = services.finding_add(
            actor=governance, audit=audit, title=f"Säkerställa att område {n + 1} fungerar", recommendation="Gör så."
        )
        world.findings.append(finding)
    for n in range(actions):
        world.actions.append(
            services.action_add(
                actor=governance,
                finding=world.findings[n % len(world.findings)],
                description=f"Åtgärd nummer {n + 1}: ta fram riktlinjer.",
                expected_effect=f"Effekt {n + 1}: tydlig ansvarsfördelning.",
                responsible_person=responsible_person,
                due_date=DUE,
            )
        )
    world.audit.refresh_from_db()
    return world
