"""Demo data for audits: the auditors' report SR-2020-85 and the board's statement STK-2020-1678
with its four actions (the text of example 000), all done in 2022 with evidence, and the interim
and final reports.

Loaded by `manage.py load_demo` after the organisation and registry demos; idempotent: an audit
that exists is left alone. Everything is written through the services, so history and rules are
the real ones. The people are the demo municipality's invented officials.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from samverka.organisation.models import Body, Person
from samverka.registry import services as registry_services
from samverka.registry.models import Case

from . import services
from .models import Audit, AuditReport

AUDIT_CASE = "SR-2020-85"
RESPONSE_CASE = "STK-2020-1678"
AUDIT_TITLE = "Granskning av digitalisering i Malmö stad"
AUDIT_SUMMARY = (
    "Revisorskollegiet har granskat om kommunstyrelsen och nämnderna har en ändamålsenlig styrning, "
    "uppföljning och samordning av digitaliseringsarbetet."
)
DUE = dt.date(2022, 12, 31)
INTERIM_DUE = dt.date(2022, 1, 26)
FINAL_DUE = dt.date(2023, 1, 31)

# The statement's text, from example 000 (a public document).
SUMMARY = (
    "Kommunstyrelsen instämmer i revisorskollegiets iakttagelser av förbättringsområden och "
    "redovisar förslag till åtgärder för dessa. Sammanfattningsvis pekar åtgärderna framför "
    "allt på tre förbättringsområden:\n"
    "\n"
    "- Tydlighet i organisation och ansvar för arbetet med digitalisering inklusive plats i "
    "ledningsforum\n"
    "- Uppföljning och rapportering av digitaliseringsarbetet samt programmet Det digitala "
    "Malmö\n"
    "- Ökad samverkan mellan förvaltningarna genom ytterligare kommunövergripande samarbete"
)
STATEMENT = (
    "Samtliga åtgärder ska vara genomförda senast vid utgången av 2022. En delredovisning till "
    "revisorskollegiet ska, enligt instruktioner i bilagan till ärendet, ske senast 2022-01-26. "
    "De förslagna åtgärderna tar sin utgångspunkt i den föreslagna omorganisationen och "
    "sammanslagningen av kommungemensam IT med det förslag till riktlinjer för IT och "
    "digitalisering som har tagits fram (STK-2019-284).\n"
    "\n"
    "Ärendet STK-2019-284 tas upp i kommunfullmäktige den 31 mars 2021. Under förutsättning att "
    "kommunfullmäktige fattar beslut enligt förslaget adresseras den problematik som lyfts av "
    "revisorskollegiet i flera av förslagen. Det ges bättre förutsättningar för en tydlig "
    "ansvarsfördelning i den sammanslagna organisationen för kommungemensam IT och "
    "digitalisering."
)
FINDINGS = [
    (
        (
            "Säkerställa att det finns en tydlig och dokumenterad ansvarsfördelning för arbetet med "
            "digitalisering i Malmö stad"
        ),
        (
            "I ärendet med föreslagen omorganisation och sammanslagning av kommungemensam IT har ett "
            "förslag till riktlinjer för IT och digitalisering tagits fram (STK-2019-284). Riktlinjerna "
            "ska ägas av kommunstyrelsen. Servicenämnden föreslås ansvara för kommungemensam IT och i "
            "förslaget till riktlinjer definieras det ansvar som serviceförvaltningen tilldelas för "
            "kommungemensam IT och digitalisering. Nämndernas ansvar inom IT och digitalisering "
            "definieras liksom förvaltningarnas ansvar inom området. Förslaget till riktlinjer har "
            "varit ute på nämndsremiss och hänsyn till inkomna synpunkter har tagits i det slutliga "
            "förslaget."
        ),
        (
            "Förslaget till riktlinjer ger en tydlig roll- och ansvarsfördelning för arbetet med "
            "digitalisering i Malmö stad. Det ger förutsättningar för att området IT och digitalisering "
            "fungerar utifrån den helhet som verksamhetsområdet kräver. Den föreslagna "
            "ansvarsfördelningen skapar en större tydlighet om vad ansvaret för kommungemensam IT och "
            "digitalisering innefattar samt vilket ansvar nämnderna och förvaltningarna i sin tur har. "
            "Fördelningen ger ökad möjlighet till ett helhetsperspektiv över vilka satsningar som sker "
            "inom digitalisering. Detta kan i sin tur understödja att stadens resurser på området "
            "används på ett effektivt sätt."
        ),
    ),
    (
        (
            "Säkerställa att årligen erhålla information och uppföljning av digitaliseringsarbetet i "
            "Malmö stad samt ”Det digitala Malmö”"
        ),
        (
            "I förslaget till riktlinjer för IT och digitalisering föreslås att servicenämnden ska "
            "ansvara för att årligen bereda ett ärende om antagande av plan för kommungemensam IT med "
            "syfte att fastslå inriktningen för de kommande åren. Nämnden får också ansvar för att "
            "följa upp planen enligt kommunstyrelsen anvisningar. Servicenämnden föreslås vidare att "
            "ansvara för och följa upp programmet Det digitala Malmö. Nämnden ska också skapa förslag "
            "till reviderade eller nya program inom området."
        ),
        (
            "I de föreslagna riktlinjerna för IT och digitalisering fastslås att årliga planer ska tas "
            "fram. Det är servicenämnden som får detta ansvar för kommungemensam IT. Kommunstyrelsen "
            "ges i uppdrag att ge anvisningar för rapportering från servicenämnden. Servicenämndens "
            "ansvar för uppföljning föreslås gälla inte bara för den årliga inriktningen för "
            "kommungemensam IT utan även för programmet Det digitala Malmö. Det tydligt definierade "
            "ansvaret ger förutsättningar för att uppföljning sker på ett ändamålsenligt sätt."
        ),
    ),
    (
        ("Säkerställa att digitaliseringsfrågan får en given plats i ledningsforum"),
        (
            "I den föreslagna nya kommungemensamma IT-organisationen bildar IT-enheten och huvuddelen "
            "av digitaliseringsenheten på stadskontoret tillsammans med IT-service på "
            "serviceförvaltningen en ny organisation för kommungemensam IT och digitalisering. Frågorna "
            "föreslås organiseras i en ny avdelning på serviceförvaltningen. Avdelningschefen "
            "rapporterar direkt till serviceförvaltningens direktör och har en plats i förvaltningens "
            "ledningsgrupp."
        ),
        (
            "När frågan om kommungemensam IT och digitalisering inte är uppdelad på två olika "
            "förvaltningar utan får en tydlig ledning på serviceförvaltningen skapas förutsättningar "
            "för frågan att få en representation i stadens ledning. Kommungemensamma IT- och "
            "digitaliseringsfrågor får genom serviceförvaltningens direktör en representation i stadens "
            "ledningsgrupp som leds av stadsdirektören och där samtliga förvaltningsdirektörer ingår."
        ),
    ),
    (
        (
            "Säkerställa att det sker ytterligare kommunövergripande samarbete kring digitalisering i "
            "syfte att öka samverkan mellan förvaltningarna"
        ),
        (
            "Serviceutskottet föreslås i förslaget till riktlinjer för IT och digitalisering att få i "
            "uppdrag att i nära dialog med förvaltningarna utarbeta en samarbetsprocess för "
            "kommungemensam IT. Förvaltningarna föreslås att bidra i samarbetsprocessen genom att "
            "ansvara för att lyfta fram förvaltningens behov till kommungemensam IT. Det ställs också "
            "krav på att det ska finnas en utpekad roll på varje förvaltning som ansvarar för IT och "
            "digitalisering. Förvaltningarna har i sina remissvar lyft fram att samarbetet kring "
            "behovs- och beslutsprocessen behöver förtydligas och att den bör kopplas till mål- och "
            "budgetprocessen. Det är därför av vikt att samarbetsprocessen tas fram tillsammans med "
            "förvaltningarna och att resultat blir en tydlig process baserad på en fortsatt dialog."
        ),
        (
            "En tydlig och återkommande samarbetsprocess kopplad till stadens mål- och budgetprocess "
            "ger förutsättningar för en ökad samverkan inom digitalisering. Även tydliggörandet av "
            "roller och hur alla förväntas bidra till samverkansprocessen som föreslås i riktlinjerna "
            "skapar bättre förutsättningar för ytterligare kommunövergripande samverkan inom "
            "digitalisering."
        ),
    ),
]

# Who answers for each action (invented officials of the demo organisation).
RESPONSIBLE = [
    ("Hampus", "Berglund", "STK"),
    ("Ida", "Nyström", "SF"),
    ("Tove", "Grahn", "SF"),
    ("Ida", "Nyström", "SF"),
]


def _person(first: str, last: str, administration: str) -> Person | None:
    person = Person.objects.filter(first_name=first, last_name=last).first()
    if person is None:
        person = Person.objects.filter(administration__short_name=administration, is_active=True).first()
    return person


def _actor():
    users = get_user_model().objects
    return users.filter(username="admin").first() or users.filter(is_superuser=True).order_by("pk").first()


def _user_of(person: Person, fallback):
    return person.user if person.user_id else fallback


def load(stdout) -> None:
    if Audit.objects.filter(case__number=AUDIT_CASE).exists():
        stdout.write("Revision: granskningen finns redan.")
        return
    audit_case = Case.objects.filter(number=AUDIT_CASE).first()
    response_case = Case.objects.filter(number=RESPONSE_CASE).first()
    actor = _actor()
    auditors = Body.objects.filter(kind=Body.Kind.AUDITORS).first()
    if audit_case is None or response_case is None or actor is None or auditors is None:
        stdout.write(f"Revision: {AUDIT_CASE}, {RESPONSE_CASE} eller administratören saknas; ingen demo för revision.")
        return
    people = [_person(*spec) for spec in RESPONSIBLE]
    if any(p is None for p in people):
        stdout.write("Revision: de ansvariga tjänstepersonerna saknas; ingen demo för revision.")
        return
    board = Body.objects.filter(short_name="KS").first()
    audit = services.audit_register(
        actor=actor,
        case=audit_case,
        title=AUDIT_TITLE,
        report_date=dt.date(2020, 12, 8),
        auditor_body=auditors,
        summary=AUDIT_SUMMARY,
    )
    services.audit_set_response(
        actor=actor,
        audit=audit,
        response_case=response_case,
        response_date=dt.date(2021, 3, 25),
        response_body=board,
        address="August Palms Plats 1",
        recipients="registrera.revisionen@kommun.example\nrevisionskonsult@kommun.example",
        summary=SUMMARY,
        statement=STATEMENT,
        final_report_due=FINAL_DUE,
    )
    interim = services.report_schedule(actor=actor, audit=audit, due_date=INTERIM_DUE)
    actions = []
    for (title, action_text, effect), person in zip(FINDINGS, people, strict=True):
        finding = services.finding_add(actor=actor, audit=audit, title=title, recommendation=title + ".")
        unit = person.administration if person.administration_id else None
        actions.append(
            services.action_add(
                actor=actor,
                finding=finding,
                description=action_text,
                expected_effect=effect,
                responsible_person=person,
                responsible_administration=unit,
                responsible_body=None if unit else board,
                due_date=DUE,
            )
        )
    audit.refresh_from_db()
    _link_statement(actor, audit)
    a1, a2, a3, a4 = actions
    u1, u2, u3, u4 = (_user_of(p, actor) for p in people)
    # 2021: the guidelines are adopted by the council and the work starts on every action.
    services.action_start(
        actor=u1, action=a1, note="Riktlinjerna behandlas i kommunfullmäktige.", noted_on=dt.date(2021, 3, 26)
    )
    services.action_start(
        actor=u3, action=a3, note="Ny avdelning bildas på serviceförvaltningen.", noted_on=dt.date(2021, 4, 1)
    )
    services.action_start(
        actor=u2, action=a2, note="Arbetet med den första planen har börjat.", noted_on=dt.date(2021, 5, 3)
    )
    services.action_start(
        actor=u4, action=a4, note="Dialogmöten med förvaltningarna planeras.", noted_on=dt.date(2021, 6, 1)
    )
    services.action_note_add(
        actor=u1,
        action=a1,
        text=(
            "Kommunfullmäktige antog riktlinjerna 2021-03-31. En tillämpningsanvisning som beskriver "
            "nämndernas och förvaltningarnas ansvar tas fram."
        ),
        noted_on=dt.date(2021, 4, 15),
    )
    services.action_note_add(
        actor=u3,
        action=a3,
        text="Avdelningen för kommungemensam IT och digitalisering startar 2022-01-01.",
        noted_on=dt.date(2021, 9, 1),
    )
    services.action_note_add(
        actor=u2,
        action=a2,
        text="Förslag till plan för kommungemensam IT 2023 har tagits fram och skickats på remiss.",
        noted_on=dt.date(2021, 11, 15),
    )
    services.action_note_add(
        actor=u4,
        action=a4,
        text="Tre dialogmöten hållna; förvaltningarna vill koppla processen till mål- och budgetprocessen.",
        noted_on=dt.date(2021, 12, 10),
    )
    # 2022: every action is done before the end of the year, each with its evidence.
    services.action_complete(
        actor=u1,
        action=a1,
        completed_on=dt.date(2022, 1, 17),
        evidence_decision="KS 2022-01-12: Tillämpningsanvisning till riktlinjer för IT och digitalisering antagen",
    )
    _submit(
        actor,
        interim,
        dt.date(2022, 1, 20),
        "Arbetet följer i huvudsak planen. Ansvarsfördelningen är dokumenterad; övriga tre åtgärder pågår.",
    )
    services.action_complete(
        actor=u3,
        action=a3,
        completed_on=dt.date(2022, 2, 1),
        evidence_decision=(
            "Serviceförvaltningens beslut 2021-11-30 om avdelningen för kommungemensam IT och digitalisering"
        ),
    )
    services.action_complete(
        actor=u2,
        action=a2,
        completed_on=dt.date(2022, 6, 30),
        evidence_decision="SN 2022-06-21: Plan för kommungemensam IT 2023 antagen",
    )
    # The collaboration process is first feared late, then adopted in December after extra meetings.
    services.action_delay(
        actor=u4,
        action=a4,
        new_due_date=dt.date(2023, 3, 31),
        reason="Samarbetsprocessen ska följa mål- och budgetprocessen; fler dialogmöten behövs.",
        noted_on=dt.date(2022, 9, 12),
    )
    services.action_note_add(
        actor=u4,
        action=a4,
        text="Extra dialogmöten hållna i oktober; förslaget tas upp i serviceutskottet i december.",
        noted_on=dt.date(2022, 11, 7),
    )
    services.action_complete(
        actor=u4,
        action=a4,
        completed_on=dt.date(2022, 12, 14),
        evidence_decision="Serviceutskottet 2022-12-13: Samarbetsprocess för kommungemensam IT fastställd",
    )
    final = AuditReport.objects.get(audit=audit, kind=AuditReport.Kind.FINAL)
    _submit(
        actor,
        final,
        dt.date(2023, 1, 25),
        "Samtliga fyra åtgärder är genomförda under 2022. Samarbetsprocessen blev klar i december efter "
        "extra dialogmöten med förvaltningarna.",
    )
    stdout.write(f"Revision: granskningen {AUDIT_CASE} med yttrandet {RESPONSE_CASE} och fyra åtgärder.")


def _reopened(actor, case: Case, reason: str):
    """Run the registration in a case that may have been closed, and close it again as it was."""
    case.refresh_from_db()
    closed = case.status == Case.Status.CLOSED
    closing = (case.closing_reason, case.closed_on)
    if closed:
        registry_services.case_reopen(actor=actor, case=case, reason=reason)
    return closed, closing


def _submit(actor, report: AuditReport, day: dt.date, summary: str) -> None:
    case = report.audit.response_case
    closed, (reason, closed_on) = _reopened(actor, case, f"{report.get_kind_display()} ska registreras")
    services.report_submit(actor=actor, report=report, summary=summary, submitted_on=day, registered_on=day)
    if closed:
        registry_services.case_close(actor=actor, case=case, reason=reason, closed_on=max(closed_on, day))


def _link_statement(actor, audit: Audit) -> None:
    """The statement is already registered by the registry demo; otherwise render and register it."""
    existing = audit.response_case.documents.filter(document_type__code="yttrande", direction="created").first()
    if existing is not None:
        audit.statement_document = existing
        audit._history_user = actor
        audit._change_reason = f"Yttrandet är registrerat som {existing.number}"
        audit.save(update_fields=["statement_document"])
        return
    case = audit.response_case
    closed, (reason, closed_on) = _reopened(actor, case, "Yttrandet ska registreras")
    services.statement_register(actor=actor, audit=audit, registered_on=audit.response_date)
    if closed:
        registry_services.case_close(actor=actor, case=case, reason=reason, closed_on=closed_on)
