"""Demo: the plan 2024 (STK-2023-1044) with its initiatives and the needs behind them, and the wheels.

Idempotent. The needs' demo lives here too: submitting a need needs the annual wheel's window.
The people are invented.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.core.errors import DomainError
from samverka.needs import services as need_services
from samverka.needs.models import Criterion, Need, Score
from samverka.organisation.models import Administration, Person, Role, RoleAssignment

from . import services
from .models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative

D = dt.date

# username, first name, last name, administration: extra digital leads for the needs of other administrations
LEADS = [
    ("digitalisering-kuf", "Klara", "Ödmark", "KUF"),
    ("digitalisering-stk", "Tarik", "Hellgren", "STK"),
    ("digitalisering-sf", "Vera", "Lundmark", "SF"),
]

# key, administration, title, description, problem, benefit, category, urgency, cost, outcome
NEEDS = [
    (
        "teams-mf",
        "MF",
        "Manualer och utbildning i Teams",
        "Medarbetarna behöver manualer för Teams och utbildning i hur Teams används för möten och samarbete.",
        "Många medarbetare vet inte hur Teams-möten och kanaler fungerar.",
        "Bättre möten och mindre resor.",
        "competence",
        "medium",
        300_000,
        "initiative:teams",
    ),
    (
        "teams-kuf",
        "KUF",
        "Egna Teams-manualer och utbildning för medarbetarna",
        "Kulturförvaltningen vill ta fram egna manualer för Teams och utbilda medarbetarna i Teams-möten och kanaler.",
        "Medarbetarna använder inte Teams fullt ut.",
        "Enklare samarbete mellan biblioteken.",
        "competence",
        "low",
        250_000,
        "merged:teams-mf",
    ),
    (
        "edr-sf",
        "SF",
        "Skydd mot skadlig kod på alla datorer",
        "Alla datorer behöver ett modernt skydd som upptäcker och stoppar skadlig kod och intrång.",
        "Dagens antivirus upptäcker inte riktade attacker.",
        "Färre incidenter och avbrott i verksamheten.",
        "it_security",
        "high",
        5_000_000,
        "initiative:edr",
    ),
    (
        "soc-stk",
        "STK",
        "Säkerhetsövervakning dygnet runt",
        "Kommunen behöver övervakning av IT-miljön dygnet runt med förmåga att agera på larm.",
        "Larm utanför kontorstid hanteras först nästa arbetsdag.",
        "Snabbare åtgärd vid angrepp.",
        "it_security",
        "critical",
        3_000_000,
        "initiative:soc",
    ),
    (
        "incident-mf",
        "MF",
        "Incidenthantering utanför kontorstid",
        "Miljöförvaltningen behöver stöd när IT-säkerhetsincidenter inträffar kvällar och helger.",
        "Ingen jour finns för IT-säkerhet.",
        "Tillsynen kan fortsätta utan avbrott.",
        "it_security",
        "high",
        None,
        "initiative:soc",
    ),
    (
        "kulturstod-kuf",
        "KUF",
        "E-tjänst för ansökan om kulturstöd",
        "Föreningar ska kunna söka kulturstöd digitalt och följa sin ansökan.",
        "Ansökningar kommer på papper och e-post.",
        "Snabbare handläggning och enklare för föreningarna.",
        "e_service",
        "medium",
        400_000,
        "initiative:etjanst",
    ),
    (
        "miljoanmalan-mf",
        "MF",
        "E-tjänst för anmälan av miljöfarlig verksamhet",
        "Företag ska kunna anmäla miljöfarlig verksamhet i en e-tjänst med stöd för bilagor.",
        "Anmälningar skrivs av manuellt.",
        "Kortare handläggningstid för företagen.",
        "e_service",
        "medium",
        500_000,
        "initiative:etjanst",
    ),
    (
        "earkiv-stk",
        "STK",
        "Gemensam plattform för e-arkiv",
        "Kommunen behöver ett gemensamt e-arkiv för slutarkivering av allmänna handlingar.",
        "Handlingar ligger kvar i verksamhetssystem som ska avvecklas.",
        "Rättssäker arkivering och lägre kostnader.",
        "information_management",
        "high",
        2_300_000,
        "initiative:earkiv",
    ),
    (
        "chefsutbildning-sf",
        "SF",
        "Utbildning i informationssäkerhet för chefer",
        "Chefer behöver utbildning i informationssäkerhet och sitt ansvar enligt ledningssystemet.",
        "Chefer känner inte till sitt ansvar.",
        "Säkrare hantering av information.",
        "competence",
        "medium",
        300_000,
        "initiative:chefer",
    ),
    (
        "skyltning-kuf",
        "KUF",
        "Digital skyltning i biblioteken",
        "Biblioteken vill ha digitala skärmar för information till besökarna.",
        "Affischer blir snabbt inaktuella.",
        "Bättre information till besökarna.",
        "other",
        "low",
        150_000,
        "rejected:Digital skyltning är en del av Kulturnämndens egen digitalisering och ingen kommungemensam "
        "basleverans; förvaltningen kan upphandla själv efter yttrande från kommungemensam IT.",
    ),
    (
        "inspektion-mf",
        "MF",
        "Mobil app för miljöinspektioner",
        "Inspektörerna behöver en app för att dokumentera inspektioner på plats, även utan uppkoppling.",
        "Anteckningar skrivs in i efterhand.",
        "Mer tid för tillsyn.",
        "e_service",
        "medium",
        700_000,
        "prepare",
    ),
    (
        "klassning-stk",
        "STK",
        "Informationsklassning av kommunens system",
        "Alla system behöver klassas enligt kommunens modell för informationsklassning.",
        "Klassningen är ofullständig.",
        "Rätt skydd för rätt information.",
        "information_management",
        "medium",
        200_000,
        "submit",
    ),
]

INITIATIVES = [
    (
        "edr",
        "Starkare skydd för alla datorer",
        "Modernt skydd mot skadlig kod och intrång (EDR) på kommunens "
        "alla datorer. Licenserna fördelas på förvaltningarna.",
        "it_security",
        "allocated",
        2024,
        2025,
        {2024: 2_500_000, 2025: 2_500_000},
        "SF",
    ),
    (
        "soc",
        "Säkerhetsövervakning dygnet runt",
        "En säkerhetscentral (SOC) som övervakar IT-miljön dygnet runt "
        "och agerar på larm. Medel begärs i budgetskrivelsen.",
        "it_security",
        "budget_request",
        2024,
        2024,
        {2024: 3_000_000},
        "SF",
    ),
    (
        "teams",
        "Digital arbetsplats: manualer och utbildning i Teams",
        "Gemensamma manualer och utbildning i Teams för alla förvaltningar.",
        "competence",
        "within_frame",
        2024,
        2024,
        {2024: 600_000},
        "SF",
    ),
    (
        "etjanst",
        "Plattform för e-tjänster",
        "En gemensam plattform där förvaltningarna bygger e-tjänster.",
        "e_service",
        "within_frame",
        2024,
        2025,
        {2024: 1_200_000, 2025: 800_000},
        "SF",
    ),
    (
        "earkiv",
        "Gemensamt e-arkiv",
        "Införande av ett gemensamt e-arkiv för slutarkivering.",
        "information_management",
        "within_frame",
        2024,
        2026,
        {2024: 900_000, 2025: 900_000, 2026: 500_000},
        "STK",
    ),
    (
        "chefer",
        "Informationssäkerhet för chefer",
        "Utbildning för alla chefer i informationssäkerhet.",
        "competence",
        "within_frame",
        2024,
        2024,
        {2024: 300_000},
        "SF",
    ),
]

CRITERIA = [
    ("Nytta för invånarna", 3),
    ("Antal förvaltningar", 2),
    ("Lagkrav", 2),
    ("Säkerhet", 2),
    ("Kostnad", 1),
    ("Genomförbarhet", 1),
]


def _users():
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["itstyrning", "digitalisering", "registrator", "admin"])
    }
    return users


def _leads(system) -> dict[str, object]:
    """The digital lead user of each administration (MF is the organisation demo's 'digitalisering')."""
    from samverka.organisation import services as org

    leads = {}
    mf = get_user_model().objects.filter(username="digitalisering").first()
    if mf is not None:
        leads["MF"] = mf
    for username, first, last, short in LEADS:
        administration = Administration.objects.filter(short_name=short).first()
        if administration is None:
            continue
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            person = org.person_create(
                actor=system,
                first_name=first,
                last_name=last,
                email=f"{username}@kommun.example",
                title="Digitaliseringsansvarig",
                administration=administration,
            )
            from samverka.organisation.demo import DEMO_PASSWORD

            user = org.person_account_create(actor=system, person=person, username=username, password=DEMO_PASSWORD)
        person = Person.objects.get(user=user)
        if not RoleAssignment.objects.filter(person=person, role=Role.DIGITAL_LEAD).exists():
            org.role_assign(actor=system, person=person, role=Role.DIGITAL_LEAD, administration=administration)
        leads[short] = user
    return leads


def _cycle(actor, year: int, steps: list[tuple[str, str, dt.date, dt.date | None]]) -> AnnualCycle:
    cycle = AnnualCycle.objects.filter(year=year).first() or services.cycle_create(actor=actor, year=year)
    existing = set(cycle.steps.values_list("kind", "title"))
    for kind, title, start, end in steps:
        if (kind, title) not in existing:
            services.cycle_step_add(actor=actor, cycle=cycle, kind=kind, title=title, starts_on=start, ends_on=end)
    return cycle


def _standard_steps(year: int, intake: tuple[dt.date, dt.date]) -> list:
    return [
        ("follow_up", f"Uppföljning av planen {year - 1} vid årsbokslutet", D(year, 2, 6), D(year, 3, 10)),
        ("intake", "Inlämning av behov", intake[0], intake[1]),
        ("forum", "Beredning och prioritering i samverkansforumet", D(year, 3, 27), D(year, 5, 12)),
        ("budget_letter", "Budgetskrivelse med begärda medel", D(year, 4, 17), D(year, 4, 28)),
        ("service_committee", "Servicenämnden godkänner planen", D(year, 6, 20), None),
        ("ksau", "KSAU bereder planen", D(year, 10, 9), None),
        ("ks", "Kommunstyrelsen fastställer planen", D(year, 10, 18), None),
    ]


def load(stdout) -> None:
    from samverka.organisation.services import system_actor

    users = _users()
    governance = users.get("itstyrning")
    if governance is None:
        stdout.write("  Utvecklingsplan: hoppar över (IT-styrningens demoanvändare saknas).")
        return
    system = system_actor()
    leads = _leads(system)

    # The wheels: 2023 (plan 2024), 2024 (plan 2025), and the current year with the intake open now.
    _cycle(governance, 2023, _standard_steps(2023, (D(2023, 1, 16), D(2023, 3, 17))))
    _cycle(governance, 2024, _standard_steps(2024, (D(2024, 1, 15), D(2024, 3, 15))))
    today = timezone.localdate()
    if today.year not in (2023, 2024):
        start = max(D(today.year, 1, 1), today - dt.timedelta(days=14))
        end = min(D(today.year, 12, 31), today + dt.timedelta(days=21))
        steps = [s for s in _standard_steps(today.year, (start, end)) if s[0] != "intake"]
        steps.insert(1, ("intake", "Inlämning av behov", start, end))
        _cycle(governance, today.year, steps)

    # Criteria for 2024.
    for order, (name, weight) in enumerate(CRITERIA, start=1):
        if not Criterion.objects.filter(plan_year=2024, name=name).exists():
            need_services.criterion_create(actor=governance, plan_year=2024, name=name, weight=weight, order=order)

    # The dozen needs of 2023, through the workflow.
    needs: dict[str, Need] = {}
    created = 0
    for key, short, title, description, problem, benefit, category, urgency, cost, _outcome in NEEDS:
        lead = leads.get(short)
        administration = Administration.objects.filter(short_name=short).first()
        if lead is None or administration is None:
            continue
        need = Need.objects.filter(title=title, administration=administration).first()
        if need is None:
            need = need_services.need_create(
                actor=lead,
                administration=administration,
                title=title,
                description=description,
                problem=problem,
                benefit=benefit,
                category=category,
                urgency=urgency,
                estimated_cost=Decimal(cost) if cost is not None else None,
                horizon_years=1,
                legal_requirement=key == "earkiv-stk",
                legal_reference="Arkivlagen (1990:782)" if key == "earkiv-stk" else "",
            )
            need_services.need_submit(actor=lead, need=need, on=D(2023, 2, 15))
            created += 1
        needs[key] = need

    # Forum scores (two members) for the needs in play.
    scorers = [u for u in (leads.get("MF"), leads.get("KUF")) if u is not None]
    criteria = list(Criterion.objects.filter(plan_year=2024).order_by("order"))
    for index, need in enumerate(needs.values()):
        need.refresh_from_db()
        if need.status not in (Need.Status.SUBMITTED, Need.Status.IN_PREPARATION, Need.Status.ACCEPTED):
            continue
        for s, scorer in enumerate(scorers):
            for c, criterion in enumerate(criteria):
                if Score.objects.filter(need=need, criterion=criterion, scorer__user=scorer).exists():
                    continue
                need_services.score_set(actor=scorer, need=need, criterion=criterion, value=(index * 3 + c * 2 + s) % 6)

    # Merged, rejected, in preparation.
    for key, *_rest, outcome in NEEDS:
        need = needs.get(key)
        if need is None:
            continue
        need.refresh_from_db()
        if outcome.startswith("merged:") and need.status == Need.Status.SUBMITTED and outcome[7:] in needs:
            need_services.need_merge(
                actor=governance, need=need, into=needs[outcome[7:]], note="Samma behov; förvaltningarna går samman."
            )
        elif outcome.startswith("rejected:") and need.status == Need.Status.SUBMITTED:
            need_services.need_reject(actor=governance, need=need, reason=outcome[9:])
        elif (outcome == "prepare" or outcome.startswith("initiative:")) and need.status == Need.Status.SUBMITTED:
            need_services.need_prepare(actor=governance, need=need)

    # The plan 2024 in STK-2023-1044.
    from samverka.registry.models import Case

    case = Case.objects.filter(number="STK-2023-1044").first()
    plan = DevelopmentPlan.objects.filter(year=2024).order_by("version").first()
    if plan is None:
        plan = services.plan_create(
            actor=governance,
            year=2024,
            case=case,
            introduction=(
                "Utvecklingsplanen beskriver de förflyttningar som kommungemensam IT och digitalisering gör 2024 "
                "utifrån förvaltningarnas behov och kommunens principer för digitalisering.\n\n"
                "Årets största satsning är IT-säkerhet: 8 mnkr, varav 5 mnkr i licenser som fördelas på "
                "förvaltningarna och 3 mnkr som begärs i budgetskrivelsen. Övriga insatser ryms inom ramen."
            ),
        )
        for key, title, description, category, financing, start, end, costs, responsible in INITIATIVES:
            carried = [needs[k] for k, *_r, outcome in NEEDS if outcome == f"initiative:{key}" and k in needs]
            services.initiative_create(
                actor=governance,
                plan=plan,
                title=title,
                description=description,
                category=category,
                financing=financing,
                start_year=start,
                end_year=end,
                costs=costs,
                needs=carried,
                responsible_administration=Administration.objects.filter(short_name=responsible).first(),
                principles=list(plan.principle_programme.principles.all()[:2]) if plan.principle_programme else [],
            )
    # Each step rests on its paragraph in the meetings demo's minutes; the typed citation is the
    # fallback when the meetings demo has not been loaded.
    from samverka.meetings.models import AgendaItem

    for step, body, day, number in [
        (DevelopmentPlan.Status.APPROVED_SERVICE_COMMITTEE, "SN", D(2023, 6, 20), 56),
        (DevelopmentPlan.Status.PREPARED_KSAU, "KSAU", D(2023, 10, 9), 461),
        (DevelopmentPlan.Status.APPROVED_KS, "KS", D(2023, 10, 18), 269),
    ]:
        if plan.approvals.filter(step=step).exists():
            continue
        paragraph = (
            AgendaItem.objects.filter(
                meeting__body__short_name=body, paragraph_year=day.year, paragraph_number=number, case=plan.case_id
            ).first()
            if plan.case_id
            else None
        )
        if paragraph is not None:
            services.STEP_SERVICES[step](actor=governance, plan=plan, paragraph=paragraph)
        else:
            reference = f"{'Servicenämnden' if body == 'SN' else body} {day:%Y-%m-%d} § {number}"
            services.STEP_SERVICES[step](actor=governance, plan=plan, decided_on=day, minutes_reference=reference)
    plan.refresh_from_db()

    # The decided plan document in its case (by the registrar, who may register in STK).
    registered = False
    registrar = users.get("registrator")
    if case is not None and registrar is not None and case.status == Case.Status.OPEN:
        from samverka.registry.selectors import case_documents

        subject = f"{plan.title}, version {plan.version}"
        if not any(d.subject.startswith(subject) for d in case_documents(case)):
            try:
                services.plan_register_documents(actor=registrar, plan=plan)
                registered = True
            except DomainError as error:
                stdout.write(f"  Utvecklingsplan: plandokumentet registrerades inte ({error.message}).")
    stdout.write(
        f"  Utvecklingsplan: {created} nya behov, plan {plan.year} ({plan.get_status_display().lower()}), "
        f"{Initiative.objects.filter(plan=plan, is_active=True).count()} insatser, "
        f"{CycleStep.objects.count()} steg i årshjulen{', plandokument registrerat' if registered else ''}."
    )
