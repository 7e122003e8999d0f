"""Generated audits for `make bench`: the auditors' reports over twenty years, each in a case of the
auditors' series with its findings, the board's answer in a case of its own (with the registered
statement), the actions that answer the findings, the interim and final reports, and the log of
every action. Old audits are mostly done, recent ones planned or in progress; a done action has
its date and evidence, a delayed one a later date than it started with, and the newest audits
still wait for the board's answer (findings, no actions)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from samverka.registry.models import Document, DocumentType
from samverka.scale.bench import STAFF, Endpoint, sample_ids
from samverka.scale.context import ScaleContext, SeriesRow

from .models import Action, ActionEvent, ActionStatus, Audit, AuditReport, Finding
from .services import REPORT_DOCUMENT_TYPE, STATEMENT_DOCUMENT_TYPE

HISTORY = ["history_date", "history_type", "history_change_reason", "history_user_id"]
AUDIT_COLUMNS = [
    "id",
    "case_id",
    "title",
    "report_date",
    "auditor_body_id",
    "summary",
    "response_case_id",
    "response_body_id",
    "response_date",
    "response_address",
    "response_recipients",
    "response_summary",
    "response_statement",
    "final_report_due",
    "statement_document_id",
    "created_by_id",
    "created_at",
]
ACTION_COLUMNS = [
    "id",
    "finding_id",
    "sequence",
    "description",
    "expected_effect",
    "responsible_body_id",
    "responsible_administration_id",
    "responsible_person_id",
    "original_due_date",
    "due_date",
    "status",
    "completed_on",
    "evidence_document_id",
    "evidence_decision",
    "status_changed_at",
]
REPORT_COLUMNS = ["id", "audit_id", "kind", "due_date", "status", "submitted_on", "summary", "document_id"]

TITLES = [
    "Granskning av styrningen av {theme}",
    "Granskning av intern kontroll inom {theme}",
    "Granskning av informationssäkerhet vid {theme}",
    "Uppföljande granskning av {theme}",
    "Granskning av upphandling och avtalsuppföljning för {theme}",
]
FINDINGS = [
    (
        "Säkerställa en tydlig och dokumenterad ansvarsfördelning för {theme}",
        "Ansvaret för {theme} är inte dokumenterat och tolkas olika av nämnderna.",
    ),
    (
        "Säkerställa att nämnden årligen får uppföljning av {theme}",
        "Uppföljningen av {theme} har inte rapporterats till nämnden de senaste åren.",
    ),
    (
        "Säkerställa att risker med {theme} bedöms och hanteras",
        "Det saknas en dokumenterad riskanalys för {theme}.",
    ),
    (
        "Säkerställa att avtal för {theme} följs upp",
        "Avtalsuppföljningen är inte systematisk och kostnaderna följs inte upp mot avtalen.",
    ),
    (
        "Säkerställa en samordnad styrning av {theme} mellan förvaltningarna",
        "Förvaltningarna driver arbetet med {theme} var för sig, vilket ger dubbelarbete.",
    ),
]
ACTIONS = [
    ("Ta fram riktlinjer för {theme} och besluta dem i nämnden", "En gemensam och känd ansvarsfördelning."),
    ("Införa en årlig rapport om {theme} till nämnden", "Nämnden kan följa och styra arbetet."),
    ("Genomföra en riskanalys för {theme} och upprätta en handlingsplan", "Kända risker hanteras i tid."),
    ("Upprätta en rutin för avtalsuppföljning för {theme}", "Kostnaderna följer avtalen."),
    ("Inrätta ett samverkansforum för {theme}", "Mindre dubbelarbete mellan förvaltningarna."),
    ("Utbilda berörda chefer i {theme}", "Cheferna kan ta sitt ansvar för {theme}."),
]


def _moment(rng, day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59))))


def _days(day: dt.date, low: int, high: int, rng) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


class AuditGenerator:
    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today
        loader = ctx.loader
        self.audits = loader.table(Audit, AUDIT_COLUMNS)
        self.audit_history = loader.table(Audit.history.model, AUDIT_COLUMNS + HISTORY)
        self.findings = loader.table(Finding, ["id", "audit_id", "sequence", "title", "description", "recommendation"])
        self.actions = loader.table(Action, ACTION_COLUMNS)
        self.action_history = loader.table(Action.history.model, ACTION_COLUMNS + HISTORY)
        self.events = loader.table(
            ActionEvent,
            ["action_id", "kind", "noted_on", "text", "from_status", "to_status", "old_due_date", "new_due_date"]
            + ["author_id", "created_by_id", "created_at"],
        )
        self.reports = loader.table(AuditReport, REPORT_COLUMNS)
        self.report_history = loader.table(AuditReport.history.model, REPORT_COLUMNS + HISTORY)
        bodies = {b.id: b for b in ctx.bodies}
        auditors = next((b for b in ctx.bodies if b.kind == "auditors"), ctx.bodies[0])
        self.auditor_body = auditors
        administrations = {a.id: a for a in ctx.administrations}
        self.audit_series: SeriesRow = next(
            (s for s in ctx.series if s.body_id == auditors.id), ctx.series[0]
        )  # the auditors' own series (SR…)
        # The board answers most audits; committees answer those of their own field.
        self.answer_series = [s for s in ctx.series if s.body_id != auditors.id and s.administration_id]
        self.board_series = [s for s in self.answer_series if bodies[s.body_id].kind == "board"] or self.answer_series
        self.bodies = bodies
        self.administrations = [a for a in ctx.administrations if a.body_id != auditors.id] or ctx.administrations
        self.administration_names = {a.id: a.name for a in administrations.values()}
        self.officials = {a.id: ctx.officials_of(a.id) for a in ctx.administrations}
        self.anyone = [p for p, a in ctx.people.items() if a is not None]
        self.bench_person = ctx.bench_people["bench-user"]
        self.bench_administration = ctx.people.get(self.bench_person)
        self.types = {
            "yttrande": ctx.document_type_ids.get("yttrande") or self._type(*STATEMENT_DOCUMENT_TYPE),
            "redovisning": self._type(*REPORT_DOCUMENT_TYPE),
            "rapport": ctx.document_type_ids.get("rapport") or self._type("rapport", "Rapport"),
            "beslut": ctx.document_type_ids.get("beslut") or self._type("beslut", "Beslut"),
        }
        self.user = ctx.system_user_id
        self.action_number = 0

    @staticmethod
    def _type(code: str, name: str) -> int:
        return DocumentType.objects.get_or_create(code=code, defaults={"name": name})[0].pk

    def user_of(self, person_id: int | None) -> int:
        return self.ctx.users.get(person_id or 0, self.user)

    def run(self) -> None:
        left = self.ctx.count("audit_actions", minimum=8)
        # Audits from the oldest to the newest, each with a few actions, until every action is placed.
        plans: list[int] = []
        while left > 0:
            take = min(left, self.rng.randint(2, 8))
            plans.append(take)
            left -= take
        years = self.ctx.today.year - self.ctx.first_year + 1
        spacing = max(1, (years * 365 - 120) // max(1, len(plans)))
        start = self.ctx.today - dt.timedelta(days=years * 365)
        for index, actions in enumerate(plans):
            report_date = start + dt.timedelta(days=index * spacing + self.rng.randint(0, max(0, spacing - 1)))
            self.audit(min(report_date, self.today - dt.timedelta(days=60)), actions)
        # The newest audit: the board has not answered yet.
        self.audit(self.today - dt.timedelta(days=self.rng.randint(1, 20)), 0)

    def audit(self, report_date: dt.date, action_count: int) -> None:
        ctx, rng, text, registry = self.ctx, self.rng, self.ctx.text, self.ctx.registry
        theme = text.theme()
        title = rng.choice(TITLES).format(theme=theme)
        answered = action_count > 0
        response_date = _days(report_date, 20, 55, rng) if answered else None
        final_due = _days(response_date, 300, 500, rng) if answered else None
        final_submitted = final_due is not None and final_due < self.today
        interim_due = _days(response_date, 120, 200, rng) if answered and rng.random() < 0.6 else None
        audit_closed = None
        if final_submitted and (self.today - final_due).days > 30:
            audit_closed = _days(final_due, 5, 30, rng)

        audit_case, audit_number = registry.add_case(
            series=self.audit_series,
            opened_on=report_date - dt.timedelta(days=rng.randint(30, 120)),
            title=title,
            description=text.paragraph(1, 2),
            closed_on=audit_closed,
        )
        report_subject = f"Granskningsrapport: {title}"
        registry.add_document(
            case_id=audit_case,
            case_number=audit_number,
            case_secret=False,
            document_date=report_date,
            subject=report_subject,
            direction=Document.Direction.CREATED,
            document_type_id=self.types["rapport"],
            text=text.document_text(report_subject),
        )

        # The findings, and the actions that answer them (at least one each).
        finding_count = max(1, min(action_count, rng.randint(1, 4))) if answered else rng.randint(2, 4)
        shares = [1] * finding_count if answered else [0] * finding_count
        for _ in range(max(0, action_count - finding_count)):
            shares[rng.randrange(finding_count)] += 1
        audit_id = ctx.loader.next_id(Audit)
        planned_actions = []
        for sequence, share in enumerate(shares, start=1):
            finding_id = ctx.loader.next_id(Finding)
            heading, description = FINDINGS[(sequence - 1 + audit_id) % len(FINDINGS)]
            self.findings.add(
                finding_id,
                audit_id,
                sequence,
                heading.format(theme=theme),
                description.format(theme=theme) + " " + text.paragraph(1, 2),
                f"Revisorerna rekommenderar att nämnden {heading[0].lower()}{heading[1:].format(theme=theme)}.",
            )
            planned_actions += [(finding_id, n) for n in range(1, share + 1)]

        response_case = response_body = statement = None
        # (date, direction, type, subject, key) of the answer case's documents
        documents: list[tuple[dt.date, str, str, str, str]] = []
        if answered:
            series = rng.choice(self.board_series if rng.random() < 0.7 else self.answer_series)
            response_body = series.body_id
            actions = [
                self.plan_action(finding, n, report_date, response_date, final_due) for finding, n in planned_actions
            ]
            last = max([response_date, final_due if final_submitted else response_date]
                       + [a["completed_on"] or response_date for a in actions])  # fmt: skip
            all_done = all(a["status"] == ActionStatus.DONE for a in actions)
            closed = _days(last, 5, 30, rng) if final_submitted and all_done else None
            if closed and closed > self.today:
                closed = None
            opened_on = _days(report_date, 1, 10, rng)
            response_case, response_number = registry.add_case(
                series=series,
                opened_on=opened_on,
                title=f"Svar på revisorernas {title[0].lower()}{title[1:]}"[:500],
                officer_id=rng.choice(self.officials.get(series.administration_id) or [None]),
                closed_on=closed,
            )
            # The answer case's documents in date order: the report received, the statement, the
            # reports to the auditors and the evidence of done actions.
            documents.append((opened_on, "incoming", "rapport", report_subject, "report"))
            documents.append(
                (response_date, "outgoing", "yttrande", f"Yttrande över {title} {audit_number}", "statement")
            )
            for action in actions:
                if action["evidence"] == "document":
                    subject = f"Underlag: {action['description']}"
                    documents.append((action["completed_on"], "created", "beslut", subject, f"evidence-{action['id']}"))
            reports = []
            for kind, due in (("interim", interim_due), ("final", final_due)):
                if due is None:
                    continue
                submitted = min(_days(due, -14, 0, rng), self.today) if due < self.today else None
                if submitted:
                    submitted = max(submitted, response_date)
                    label = "Delredovisning" if kind == "interim" else "Slutredovisning"
                    documents.append((submitted, "outgoing", "redovisning", f"{label} av åtgärder: {title}", kind))
                reports.append((kind, due, submitted))
            documents.sort(key=lambda d: d[0])
            registered: dict[str, int] = {}
            for day, direction, code, subject, key in documents:
                day = min(max(day, opened_on), self.today)
                registered[key] = registry.add_document(
                    case_id=response_case,
                    case_number=response_number,
                    case_secret=False,
                    document_date=day,
                    subject=subject[:500],
                    direction=direction,
                    document_type_id=self.types[code],
                    text=text.document_text(subject) if direction != "incoming" else None,
                )
            statement = registered["statement"]
            for kind, due, submitted in reports:
                document = registered.get(kind) if submitted else None
                self.report(audit_id, kind, due, submitted, document, theme, _moment(rng, response_date))
            for action in actions:
                if action["evidence"] == "document":
                    action["evidence_document_id"] = registered[f"evidence-{action['id']}"]
                self.write_action(action)

        officer_user = self.user  # IT governance registers the audits
        created_at = _moment(rng, report_date)
        values = {
            "id": audit_id,
            "case_id": audit_case,
            "title": title,
            "report_date": report_date,
            "auditor_body_id": self.auditor_body.id,
            "summary": f"Revisorerna har granskat om nämnderna har en ändamålsenlig styrning av {theme}. "
            + text.paragraph(1, 2),
            "response_case_id": None,
            "response_body_id": None,
            "response_date": None,
            "response_address": "",
            "response_recipients": "",
            "response_summary": "",
            "response_statement": "",
            "final_report_due": None,
            "statement_document_id": None,
            "created_by_id": officer_user,
            "created_at": created_at,
        }
        self.audit_history.add(*(values[c] for c in AUDIT_COLUMNS), created_at, "+", "Granskningen registrerades",
                               officer_user)  # fmt: skip
        if answered:
            body = self.bodies[response_body]
            values.update(
                response_case_id=response_case,
                response_body_id=response_body,
                response_date=response_date,
                response_address=f"{self.auditor_body.name}\nBox {rng.randint(100, 999)}\n205 80 Malmö",
                response_recipients="revisionen@kommun.example\nregistrator@kommun.example",
                response_summary=f"{body.name} instämmer i revisorernas iakttagelser och redovisar åtgärder.",
                response_statement=text.paragraph(2, 4),
                final_report_due=final_due,
            )
            at = _moment(rng, response_date)
            self.audit_history.add(*(values[c] for c in AUDIT_COLUMNS), at, "~", "Styrelsens svar registrerades",
                                   officer_user)  # fmt: skip
            values["statement_document_id"] = statement
            self.audit_history.add(*(values[c] for c in AUDIT_COLUMNS), at, "~", "Yttrandet registrerades",
                                   officer_user)  # fmt: skip
        self.audits.add(*(values[c] for c in AUDIT_COLUMNS))

    def plan_action(
        self, finding_id: int, sequence: int, report_date: dt.date, response_date: dt.date, final_due: dt.date
    ) -> dict:
        """An action's rows: its final state and the steps that led there (each a log entry)."""
        rng, today = self.rng, self.today
        self.action_number += 1
        if self.action_number % 10 == 1 and self.bench_administration is not None:
            administration, person = self.bench_administration, self.bench_person  # the bench officer's actions
        else:
            administration = rng.choice(self.administrations).id
            person = rng.choice(self.officials.get(administration) or self.anyone)
        original_due = min(_days(response_date, 90, 400, rng), final_due)
        due = original_due
        steps: list[tuple[dt.date, str, str, dt.date | None, dt.date | None, str]] = []
        status = ActionStatus.PLANNED
        # How far the action got depends on how long ago the board answered.
        age = (today - response_date).days
        progress = rng.random() ** 0.5 * min(1.0, age / 500)
        if progress > 0.1:
            start = min(_days(response_date, 10, 60, rng), today)
            steps.append((start, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, None, None, "Arbetet har startat."))
            status = ActionStatus.IN_PROGRESS
        if status == ActionStatus.IN_PROGRESS and (due < today and rng.random() < 0.4 or rng.random() < 0.1):
            day = min(max(steps[-1][0], due - dt.timedelta(days=rng.randint(0, 20))), today)
            new_due = due + dt.timedelta(days=rng.randint(30, 240))
            reason = "Resurserna räckte inte; arbetet slutförs under nästa år."
            steps.append((day, status, ActionStatus.DELAYED, due, new_due, reason))
            status, due = ActionStatus.DELAYED, new_due
        completed_on = None
        evidence = ""
        if status != ActionStatus.PLANNED and progress > 0.35:
            completed_on = min(_days(steps[-1][0], 20, 200, rng), today)
            evidence = "document" if rng.random() < 0.3 else "decision"
            steps.append((completed_on, status, ActionStatus.DONE, None, None, ""))
            status = ActionStatus.DONE
        action_id = self.ctx.loader.next_id(Action)
        heading, effect = ACTIONS[(action_id + sequence) % len(ACTIONS)]
        theme = self.ctx.text.theme()
        body = next((a.body_id for a in self.administrations if a.id == administration), None)
        return {
            "id": action_id,
            "finding_id": finding_id,
            "sequence": sequence,
            "description": heading.format(theme=theme),
            "expected_effect": effect.format(theme=theme),
            "responsible_body_id": body if rng.random() < 0.2 else None,
            "responsible_administration_id": administration,
            "responsible_person_id": person,
            "original_due_date": original_due,
            "due_date": due,
            "status": status,
            "completed_on": completed_on,
            "evidence_document_id": None,
            "evidence_decision": "",
            "status_changed_at": None,
            "evidence": evidence,
            "steps": steps,
            "registered": _moment(rng, response_date),
        }

    def write_action(self, action: dict) -> None:
        rng = self.rng
        person = action["responsible_person_id"]
        user = self.user_of(person)
        if action["evidence"] == "decision":
            body = self.bodies.get(action["responsible_body_id"] or 0)
            short = body.short_name if body else "KS"
            action["evidence_decision"] = f"{short} {action['completed_on']:%Y-%m-%d} § {rng.randint(1, 300)}"
        final = dict(action)
        # The history: registered as planned, then one row per step with the state after it.
        state = dict(action, status=ActionStatus.PLANNED, due_date=action["original_due_date"], completed_on=None)
        state.update(evidence_document_id=None, evidence_decision="", status_changed_at=None)
        self.action_history.add(*(state[c] for c in ACTION_COLUMNS), action["registered"], "+",
                                "Åtgärden registrerades", self.user)  # fmt: skip
        for day, before, after, old_due, new_due, note in action["steps"]:
            at = max(_moment(rng, day), action["registered"])
            state["status"], state["status_changed_at"] = after, at
            if after == ActionStatus.DELAYED:
                state["due_date"] = new_due
                reason = f"Försenad till {new_due:%Y-%m-%d}: {note}"
            elif after == ActionStatus.DONE:
                state.update(completed_on=final["completed_on"], evidence_decision=final["evidence_decision"])
                state["evidence_document_id"] = final["evidence_document_id"]
                evidence = final["evidence_decision"] or f"handling {final['evidence_document_id']}"
                note = f"Underlag: {evidence}"
                reason = "Åtgärden är genomförd"
            else:
                reason = "Åtgärden påbörjades"
            self.action_history.add(*(state[c] for c in ACTION_COLUMNS), at, "~", reason, user)
            self.events.add(action["id"], "transition", day, note, before, after, old_due, new_due, person, user, at)
            final["status_changed_at"] = at
        if action["status"] in (ActionStatus.IN_PROGRESS, ActionStatus.DELAYED) and rng.random() < 0.5:
            day = min(action["steps"][-1][0] + dt.timedelta(days=rng.randint(5, 60)), self.today)
            text = f"Status: {self.ctx.text.paragraph(1, 1)}"
            self.events.add(action["id"], "note", day, text, "", "", None, None, person, user, _moment(rng, day))
        self.actions.add(*(final[c] for c in ACTION_COLUMNS))

    def report(
        self, audit_id: int, kind: str, due: dt.date, submitted: dt.date | None, document, theme: str, at
    ) -> None:
        report_id = self.ctx.loader.next_id(AuditReport)
        label = "Delredovisning" if kind == "interim" else "Slutredovisning"
        due_values = (report_id, audit_id, kind, due, "due", None, "", None)
        self.report_history.add(*due_values, at, "+", f"{label} planerades", self.user)
        if submitted is None:
            self.reports.add(*due_values)
            return
        summary = f"Redovisning av åtgärderna för {theme}: arbetet följer planen."
        values = (report_id, audit_id, kind, due, "submitted", submitted, summary, document)
        self.report_history.add(*values, _moment(self.rng, submitted), "~", f"{label} lämnades", self.user)
        self.reports.add(*values)


def generate(ctx: ScaleContext) -> None:
    AuditGenerator(ctx).run()



def bench_endpoints() -> list[Endpoint]:
    """The audit list, an audit, an action, and the API's audit, action and action log."""
    from . import selectors

    audits = sample_ids(Audit.objects.filter(response_case__isnull=False)) or sample_ids(Audit.objects.all())
    actions = sample_ids(Action.objects.all())

    def list_rows(_user) -> list:
        qs = selectors.audit_list(user=None)
        return [qs[:25], qs.order_by()]

    return [
        Endpoint("Revision", [reverse("audits:audit_list")], users=STAFF, rows=list_rows),
        Endpoint("Granskning", [reverse("audits:audit_detail", args=[pk]) for pk in audits], users=STAFF),
        Endpoint("Åtgärd (revision)", [reverse("audits:action_detail", args=[pk]) for pk in actions], users=STAFF),
        Endpoint("API granskning", [f"/api/v1/audits/{pk}/" for pk in audits], users=STAFF),
        Endpoint("API åtgärd (revision)", [f"/api/v1/audit-actions/{pk}/" for pk in actions], users=STAFF),
        Endpoint("API åtgärdslogg", [f"/api/v1/audit-actions/{pk}/events/" for pk in actions], users=STAFF),
    ]
