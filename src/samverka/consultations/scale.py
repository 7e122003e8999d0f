"""Generated consultations for `make bench`: remisser over twenty years, each sent from a case of its
own with the documents the app registers (the proposal, the outgoing remiss, every incoming
response, the compilation), recipients, questions, responses with answers and comments, and how
the sender handled each comment. States follow the workflow: a draft has no responses and no
remiss document, a sent one takes responses, closed and compiled ones answered before they
closed, a compiled one has its registered compilation. Some recipients registered the remiss in
a case of their own and their response went out from there."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from samverka.registry.models import Document
from samverka.scale.bench import STAFF, Endpoint, sample_ids
from samverka.scale.context import ScaleContext, SeriesRow

from .models import Answer, Comment, Compilation, Consultation, Question, Recipient, Response, Topic
from .services import document_type

Status = Consultation.Status
Standpoint = Response.Standpoint
HISTORY = ["history_date", "history_type", "history_change_reason", "history_user_id"]

CONSULTATION_COLUMNS = [
    "id",
    "case_id",
    "title",
    "description",
    "deadline",
    "sending_decision",
    "sender_body_id",
    "responsible_officer_id",
    "reminder_days",
    "status",
    "created_by_id",
    "created_at",
    "sent_on",
    "sent_by_id",
    "sent_document_id",
    "closed_at",
    "closed_by_id",
    "close_reason",
    "compiled_at",
    "compiled_by_id",
]
RESPONSE_COLUMNS = [
    "id",
    "recipient_id",
    "status",
    "standpoint",
    "summary",
    "decision_reference",
    "version",
    "is_late",
    "written_by_id",
    "updated_at",
    "sent_on",
    "sent_by_id",
    "recipient_document_id",
    "sender_document_id",
]
QUESTIONS = [
    "Hur ser {who} på förslagets inriktning för {theme}?",
    "Vilka konsekvenser får förslaget för {who} och dess verksamhet?",
    "Är ansvarsfördelningen för {theme} tydlig?",
    "Hur bör uppföljningen av {theme} utformas?",
    "Vilka kostnader och resursbehov ser {who} för {theme}?",
    "Finns det risker för informationssäkerhet eller dataskydd som förslaget inte tar upp?",
    "Hur påverkas barn och unga av förslaget?",
]
SUMMARIES = {
    Standpoint.SUPPORTS: "{who} tillstyrker förslaget om {theme} och har inga ytterligare synpunkter.",
    Standpoint.SUPPORTS_WITH_COMMENTS: "{who} ställer sig positiv till förslaget om {theme} men lämnar synpunkter"
    " på ansvar, finansiering och uppföljning.",
    Standpoint.REJECTS: "{who} avstyrker förslaget om {theme} i dess nuvarande form.",
    Standpoint.DECLINES: "{who} avstår från att yttra sig.",
}
COMMENTS = [
    "Ansvaret för {theme} mellan nämnderna och kommungemensam IT behöver beskrivas tydligare.",
    "Kostnaderna för {theme} bör fördelas efter nyttjande och redovisas i budgetprocessen.",
    "Förslaget saknar en plan för uppföljning av {theme}; den bör följas upp årligen.",
    "Informationssäkerheten vid {theme} behöver riskbedömas innan införandet.",
    "Barnperspektivet bör finnas med under hela arbetet med {theme}.",
    "Medarbetarnas digitala kompetens behöver stärkas inför {theme}.",
    "Tidplanen för {theme} är för snäv för förvaltningarnas planering.",
    "Licenskostnader bör kunna undantas från den gemensamma finansieringen.",
    "Upphandlingen bör samordnas med andra kommuner genom Adda.",
    "Förslaget bör ta hänsyn till cirkulär ekonomi vid inköp av hårdvara.",
]
MOTIVATIONS = {
    Comment.Handling.ACCEPTED: "Förslaget har kompletterats i enlighet med synpunkten.",
    Comment.Handling.PARTLY: "Synpunkten har delvis arbetats in; resten tas upp i utvecklingsplanen.",
    Comment.Handling.NOT_ACCEPTED: "Förslaget behålls för att ge en samlad styrning; frågan ses över efter ett år.",
    Comment.Handling.NOT_APPLICABLE: "Synpunkten gäller en fråga som utreds i ett eget ärende.",
}


def _moment(rng, day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59))))


@dataclass
class _Party:
    kind: str  # "body", "administration" or "external"
    id: int
    name: str
    series: SeriesRow | None  # where the recipient registers a remiss of its own


@dataclass(frozen=True)
class _About:
    """What a recipient's rows need to know of their consultation."""

    id: int
    title: str
    theme: str
    sender_name: str
    sent_on: dt.date | None
    deadline: dt.date
    compiled_at: dt.datetime | None
    officer_user: int


@dataclass
class _Reply:
    party: _Party
    recipient_id: int
    sent: bool
    standpoint: str = ""
    sent_on: dt.date | None = None
    receipt_on: dt.date | None = None
    response_id: int = 0
    sender_document_id: int | None = None
    comments: list[tuple[str, list[int]]] = field(default_factory=list)


class ConsultationGenerator:
    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        loader = ctx.loader
        self.consultations = loader.table(Consultation, CONSULTATION_COLUMNS)
        self.consultation_history = loader.table(Consultation.history.model, CONSULTATION_COLUMNS + HISTORY)
        self.documents_link = loader.table(Consultation.documents.through, ["consultation_id", "document_id"])
        self.questions = loader.table(Question, ["id", "consultation_id", "position", "text"])
        self.recipients = loader.table(
            Recipient,
            ["id", "consultation_id", "body_id", "administration_id", "external_id", "recipient_case_id"]
            + ["incoming_document_id", "registered_at"],
        )
        self.responses = loader.table(Response, RESPONSE_COLUMNS)
        self.response_history = loader.table(Response.history.model, RESPONSE_COLUMNS + HISTORY)
        self.answers = loader.table(Answer, ["response_id", "question_id", "text"])
        self.comments = loader.table(
            Comment,
            ["id", "response_id", "position", "text", "handling", "handling_motivation", "handled_by_id", "handled_at"],
        )
        self.comment_topics = loader.table(Comment.topics.through, ["comment_id", "topic_id"])
        self.compilations = loader.table(
            Compilation, ["id", "consultation_id", "version", "document_id", "created_by_id", "created_at"]
        )
        self.types = {
            "remiss": ctx.document_type_ids.get("remiss") or document_type("remiss").pk,
            "remissvar": document_type("remissvar").pk,
            "sammanstallning": document_type("sammanstallning").pk,
            "tjansteskrivelse": ctx.document_type_ids["tjansteskrivelse"],
        }
        self.topic_ids = list(Topic.objects.filter(is_active=True).values_list("pk", flat=True))
        bodies = {b.id: b for b in ctx.bodies}
        series_by_administration = {s.administration_id: s for s in ctx.series if s.administration_id}
        series_by_body: dict[int, SeriesRow] = {}
        for series in ctx.series:
            series_by_body.setdefault(series.body_id, series)
        from samverka.organisation.models import ExternalParty

        externals = dict(ExternalParty.objects.filter(pk__in=ctx.external_party_ids).values_list("pk", "name"))
        self.parties = (
            [
                _Party("body", b.id, b.name, series_by_body.get(b.id))
                for b in ctx.bodies
                if b.kind in ("board", "committee", "auditors")
            ]
            + [_Party("administration", a.id, a.name, series_by_administration.get(a.id)) for a in ctx.administrations]
            + [_Party("external", pk, externals.get(pk, ""), None) for pk in ctx.external_party_ids]
        )
        self.bodies = bodies
        self.officials = {a.id: ctx.officials_of(a.id) for a in ctx.administrations}
        # Who writes a recipient's response: officials of the administration, or of the body's administrations.
        self.writers: dict[tuple[str, int], list[int]] = {}
        for a in ctx.administrations:
            self.writers[("administration", a.id)] = self.officials[a.id]
            self.writers.setdefault(("body", a.body_id), []).extend(self.officials[a.id])
        self.bench_person = ctx.bench_people["bench-user"]
        bench_administration = ctx.people.get(self.bench_person)
        self.bench_series = series_by_administration.get(bench_administration)
        self.sender_series = [s for s in ctx.series if s.administration_id]
        self.bench_party = next(
            (p for p in self.parties if p.kind == "administration" and p.id == bench_administration), None
        )
        self.registrar = ctx.system_user_id

    def user_of(self, person_id: int | None) -> int:
        return self.ctx.users.get(person_id or 0, self.registrar)

    # -- planning -----------------------------------------------------------------------------------
    def statuses(self, count: int) -> list[str]:
        """Every state at the smallest scale; mostly compiled over twenty years."""
        first = [Status.COMPILED, Status.SENT, Status.CLOSED, Status.DRAFT, Status.COMPILED, Status.SENT]
        rest = self.rng.choices(
            [Status.COMPILED, Status.CLOSED, Status.SENT, Status.DRAFT], weights=[80, 10, 7, 3], k=max(0, count - 6)
        )
        return (first + rest)[:count]

    def response_counts(self, statuses: list[str], total: int) -> list[int]:
        """`total` responses shared among the consultations that were sent (a draft has none)."""
        sent = [i for i, status in enumerate(statuses) if status != Status.DRAFT]
        counts = [0] * len(statuses)
        cap = len(self.parties) - 1
        if not sent:
            return counts
        weights = [self.rng.uniform(0.4, 2.0) for _ in sent]
        for index in sent:
            counts[index] = 1
        left = total - len(sent)
        while left > 0:
            for pick, n in Counter(self.rng.choices(range(len(sent)), weights=weights, k=left)).items():
                index = sent[pick]
                take = min(n, cap - counts[index])
                counts[index] += take
                left -= take
            if all(counts[i] >= cap for i in sent):
                break
        return counts

    def dates(self, status: str) -> tuple[dt.date, dt.date | None, dt.date, dt.date | None, dt.date | None]:
        """(created, sent, deadline, closed, compiled) for a consultation in `status`."""
        rng, today = self.rng, self.today
        if status == Status.DRAFT:
            created = today - dt.timedelta(days=rng.randint(0, 40))
            return created, None, today + dt.timedelta(days=rng.randint(20, 60)), None, None
        if status == Status.SENT:
            sent = today - dt.timedelta(days=rng.randint(0, 70))
            created = sent - dt.timedelta(days=rng.randint(1, 20))
            return created, sent, sent + dt.timedelta(days=rng.randint(30, 90)), None, None
        latest = today - dt.timedelta(days=120)
        sent = self.ctx.random_date(self.rng.randint(self.ctx.first_year, latest.year))
        sent = min(sent, latest)
        created = sent - dt.timedelta(days=rng.randint(1, 20))
        deadline = sent + dt.timedelta(days=rng.randint(30, 90))
        closed = min(deadline + dt.timedelta(days=rng.randint(1, 14)), today)
        compiled = min(closed + dt.timedelta(days=rng.randint(2, 40)), today) if status == Status.COMPILED else None
        return created, sent, deadline, closed, compiled

    # -- writing ------------------------------------------------------------------------------------
    def run(self) -> None:
        ctx = self.ctx
        count = ctx.count("consultations", minimum=8)
        statuses = self.statuses(count)
        counts = self.response_counts(statuses, ctx.count("responses", minimum=4 * count))
        for n, (status, responses) in enumerate(zip(statuses, counts, strict=True)):
            self.consultation(n, status, responses)

    def consultation(self, n: int, status: str, response_count: int) -> None:
        ctx, rng, text, registry = self.ctx, self.rng, self.ctx.text, self.ctx.registry
        created, sent_on, deadline, closed_on, compiled_on = self.dates(status)
        if n % 25 == 3 and self.bench_series is not None:
            series, officer = self.bench_series, self.bench_person  # the bench officer's own consultations
        else:
            series = rng.choice(self.sender_series)
            officer = rng.choice(self.officials.get(series.administration_id, []) or [None])
        officer_user = self.user_of(officer)
        theme = text.theme()
        title = rng.choice(
            [
                f"Förslag till riktlinjer för {theme}",
                f"Remiss om {theme}",
                f"Handlingsplan för {theme} {created.year}–{created.year + 2}",
                f"Policy för {theme}",
                f"Utredning om {theme}",
            ]
        )
        sender = self.bodies.get(series.body_id)
        sender_name = sender.name if sender else series.prefix
        last_day = compiled_on or closed_on or self.today
        case_closed = None
        if compiled_on and (self.today - compiled_on).days > 60 and rng.random() < 0.8:
            case_closed = min(compiled_on + dt.timedelta(days=rng.randint(5, 60)), self.today)
        case_id, case_number = registry.add_case(
            series=series,
            opened_on=created - dt.timedelta(days=rng.randint(0, 30)),
            title=title,
            description=text.paragraph(1, 2),
            officer_id=officer,
            closed_on=case_closed,
        )

        # Recipients: the responding ones first, then some that never answered.
        party_pool = [p for p in self.parties if not (p.kind == "body" and p.id == series.body_id)]
        recipient_total = min(len(party_pool), max(1, response_count + rng.randint(0, 4)))
        parties = rng.sample(party_pool, recipient_total)
        bench_party = self.bench_party
        if n < 6 and bench_party in party_pool and bench_party not in parties:
            parties[0] = bench_party  # the bench officer's inbox has something at every scale
        consultation_id = ctx.loader.next_id(Consultation)
        replies: list[_Reply] = []
        for index, party in enumerate(parties):
            recipient_id = ctx.loader.next_id(Recipient)
            if index >= response_count:
                replies.append(_Reply(party, recipient_id, sent=False, standpoint=""))
                continue
            sent = rng.random() < (0.7 if status == Status.SENT else 0.96)
            reply = _Reply(party, recipient_id, sent=sent, response_id=ctx.loader.next_id(Response))
            reply.standpoint = rng.choices(
                [Standpoint.SUPPORTS, Standpoint.SUPPORTS_WITH_COMMENTS, Standpoint.REJECTS, Standpoint.DECLINES],
                weights=[25, 45, 10, 20],
            )[0]
            if sent:
                reply.sent_on = self.response_day(sent_on, deadline, closed_on)
            replies.append(reply)
        for reply in replies:
            if sent_on and reply.party.series is not None and rng.random() < 0.3:
                latest = reply.sent_on or min(last_day, self.today)
                reply.receipt_on = min(sent_on + dt.timedelta(days=rng.randint(0, 6)), latest)

        # The documents of the consultation's case, in the order of their dates.
        proposal_id = registry.add_document(
            case_id=case_id,
            case_number=case_number,
            case_secret=False,
            document_date=created,
            subject=f"Remissförslag: {title}"[:500],
            direction=Document.Direction.CREATED,
            document_type_id=self.types["tjansteskrivelse"],
            text=text.document_text(f"Remissförslag: {title}"),
        )
        self.documents_link.add(consultation_id, proposal_id)
        sent_document_id = None
        if sent_on:
            sent_document_id = registry.add_document(
                case_id=case_id,
                case_number=case_number,
                case_secret=False,
                document_date=sent_on,
                subject=f"Remiss: {title}"[:500],
                direction=Document.Direction.OUTGOING,
                document_type_id=self.types["remiss"],
                text=None,
            )
        for reply in sorted((r for r in replies if r.sent), key=lambda r: r.sent_on):
            label = "Remissvar (avstår)" if reply.standpoint == Standpoint.DECLINES else "Remissvar"
            subject = f"{label} från {reply.party.name}: {title}"[:500]
            reply.sender_document_id = registry.add_document(
                case_id=case_id,
                case_number=case_number,
                case_secret=False,
                document_date=reply.sent_on,
                subject=subject,
                direction=Document.Direction.INCOMING,
                document_type_id=self.types["remissvar"],
                text=text.document_text(subject),
            )
        compilation_document = None
        if compiled_on:
            subject = f"Remissammanställning: {title}"[:500]
            compilation_document = registry.add_document(
                case_id=case_id,
                case_number=case_number,
                case_secret=False,
                document_date=compiled_on,
                subject=subject,
                direction=Document.Direction.CREATED,
                document_type_id=self.types["sammanstallning"],
                text=text.document_text(subject),
            )

        # The consultation, with one history row per step it took.
        created_at = _moment(rng, created)
        closed_at = _moment(rng, closed_on) if closed_on else None
        compiled_at = _moment(rng, compiled_on) if compiled_on else None
        values = {
            "id": consultation_id,
            "case_id": case_id,
            "title": title,
            "description": f"{sender_name} efterfrågar synpunkter på förslaget om {theme}. " + text.paragraph(1, 2),
            "deadline": deadline,
            "sending_decision": f"{sender.short_name if sender else series.prefix} {created:%Y-%m-%d} "
            f"§ {rng.randint(1, 400)}"
            if rng.random() < 0.6
            else "",
            "sender_body_id": series.body_id,
            "responsible_officer_id": officer,
            "reminder_days": rng.choice([7, 7, 7, 10, 14]),
            "status": Status.DRAFT,
            "created_by_id": officer_user,
            "created_at": created_at,
            "sent_on": None,
            "sent_by_id": None,
            "sent_document_id": None,
            "closed_at": None,
            "closed_by_id": None,
            "close_reason": "",
            "compiled_at": None,
            "compiled_by_id": None,
        }
        steps = [("+", created_at, "Remissen skapades")]
        if sent_on:
            values.update(status=Status.SENT, sent_on=sent_on, sent_by_id=officer_user)
            values["sent_document_id"] = sent_document_id
            steps.append(("~", _moment(rng, sent_on), f"Remissen skickades till {len(replies)} remissinstanser"))
        if closed_at:
            values.update(status=Status.CLOSED, closed_at=closed_at, closed_by_id=officer_user)
            steps.append(("~", closed_at, "Remissen stängdes"))
        if compiled_at:
            values.update(status=Status.COMPILED, compiled_at=compiled_at, compiled_by_id=officer_user)
            steps.append(("~", compiled_at, "Remissen sammanställdes"))
        # Each history row holds the state after its step.
        snapshot = dict(values, status=Status.DRAFT, sent_on=None, sent_by_id=None, sent_document_id=None)
        snapshot.update(closed_at=None, closed_by_id=None, compiled_at=None, compiled_by_id=None)
        for kind, at, reason in steps:
            if reason.startswith("Remissen skickades"):
                snapshot.update(status=Status.SENT, sent_on=sent_on, sent_by_id=officer_user)
                snapshot["sent_document_id"] = sent_document_id
            elif reason == "Remissen stängdes":
                snapshot.update(status=Status.CLOSED, closed_at=closed_at, closed_by_id=officer_user)
            elif reason == "Remissen sammanställdes":
                snapshot.update(status=Status.COMPILED, compiled_at=compiled_at, compiled_by_id=officer_user)
            row = tuple(snapshot[c] for c in CONSULTATION_COLUMNS)
            self.consultation_history.add(*row, at, kind, reason, officer_user)
        self.consultations.add(*(values[c] for c in CONSULTATION_COLUMNS))
        if compilation_document:
            self.compilations.add(
                ctx.loader.next_id(Compilation), consultation_id, 1, compilation_document, officer_user, compiled_at
            )

        question_ids = []
        for position in range(1, rng.randint(1, 4) + 1):
            question_id = ctx.loader.next_id(Question)
            question_ids.append(question_id)
            template = QUESTIONS[(position - 1 + n) % len(QUESTIONS)]
            self.questions.add(question_id, consultation_id, position, template.format(who="nämnden", theme=theme))
        about = _About(consultation_id, title, theme, sender_name, sent_on, deadline, compiled_at, officer_user)
        for reply in replies:
            self.recipient(reply, about, question_ids)

    def response_day(self, sent_on: dt.date, deadline: dt.date, closed_on: dt.date | None) -> dt.date:
        """Mostly before the deadline, some late (but before the consultation closed); never in the future."""
        rng = self.rng
        last = min(closed_on or self.today, self.today)
        if rng.random() < 0.08 and last > deadline:
            day = deadline + dt.timedelta(days=rng.randint(1, max(1, (last - deadline).days)))
        else:
            day = sent_on + dt.timedelta(days=rng.randint(1, max(1, (deadline - sent_on).days)))
        return max(sent_on, min(day, last))

    def recipient(self, reply: _Reply, about: _About, question_ids: list[int]) -> None:
        ctx, rng, text, registry = self.ctx, self.rng, self.ctx.text, self.ctx.registry
        consultation_id, title, theme, deadline = about.id, about.title, about.theme, about.deadline
        sender_name, compiled_at = about.sender_name, about.compiled_at
        party = reply.party
        recipient_case = incoming = recipient_document = None
        registered_at = None
        writer = rng.choice(self.writers.get((party.kind, party.id)) or [None])
        writer_user = self.user_of(writer)
        if reply.receipt_on is not None and party.series is not None:
            closed = None
            if reply.sent_on and (self.today - reply.sent_on).days > 30:
                closed = reply.sent_on + dt.timedelta(days=rng.randint(1, 30))
            recipient_case, number = registry.add_case(
                series=party.series,
                opened_on=reply.receipt_on,
                title=f"Remiss från {sender_name}: {title}"[:500],
                officer_id=writer,
                closed_on=closed,
            )
            incoming = registry.add_document(
                case_id=recipient_case,
                case_number=number,
                case_secret=False,
                document_date=reply.receipt_on,
                subject=f"Remiss: {title}"[:500],
                direction=Document.Direction.INCOMING,
                document_type_id=self.types["remiss"],
                text=None,
            )
            registered_at = _moment(rng, reply.receipt_on)
            if reply.sent:
                subject = f"Remissvar till {sender_name}: {title}"[:500]
                recipient_document = registry.add_document(
                    case_id=recipient_case,
                    case_number=number,
                    case_secret=False,
                    document_date=reply.sent_on,
                    subject=subject,
                    direction=Document.Direction.OUTGOING,
                    document_type_id=self.types["remissvar"],
                    text=text.document_text(subject),
                )
        self.recipients.add(
            reply.recipient_id,
            consultation_id,
            party.id if party.kind == "body" else None,
            party.id if party.kind == "administration" else None,
            party.id if party.kind == "external" else None,
            recipient_case,
            incoming,
            registered_at,
        )
        if not reply.response_id:
            return
        who = party.name
        standpoint = reply.standpoint
        started = _moment(rng, max(about.sent_on, (reply.sent_on or self.today) - dt.timedelta(days=rng.randint(1, 5))))
        late = bool(reply.sent and reply.sent_on > deadline)
        values = [
            reply.response_id,
            reply.recipient_id,
            Response.Status.SENT if reply.sent else Response.Status.DRAFT,
            standpoint,
            SUMMARIES[standpoint].format(who=who, theme=theme),
            f"{who} {reply.sent_on:%Y-%m-%d} § {rng.randint(1, 300)}" if reply.sent and party.kind == "body" else "",
            1 if reply.sent else 0,
            late,
            writer_user,
            _moment(rng, reply.sent_on) if reply.sent else started,
            reply.sent_on,
            writer_user if reply.sent else None,
            recipient_document,
            reply.sender_document_id,
        ]
        self.responses.add(*values)
        draft = [*values]
        draft[2], draft[6], draft[7], draft[10], draft[11], draft[12], draft[13] = (
            Response.Status.DRAFT,
            0,
            False,
            None,
            None,
            None,
            None,
        )
        self.response_history.add(*draft, started, "+", "Svaret påbörjades", writer_user)
        if reply.sent:
            reason = "Avstod från att svara" if standpoint == Standpoint.DECLINES else "Svaret skickades"
            self.response_history.add(*values, values[9], "~", reason + (" (sent)" if late else ""), writer_user)
        if standpoint == Standpoint.DECLINES:
            return
        for question_id in question_ids:
            if rng.random() < 0.9:
                self.answers.add(reply.response_id, question_id, text.paragraph(1, 3))
        comments = {
            Standpoint.SUPPORTS_WITH_COMMENTS: rng.randint(1, 6),
            Standpoint.REJECTS: rng.randint(1, 4),
            Standpoint.SUPPORTS: rng.choice([0, 0, 1]),
        }[standpoint]
        for position in range(1, comments + 1):
            comment_id = ctx.loader.next_id(Comment)
            handling = motivation = ""
            handled_by = handled_at = None
            if reply.sent and compiled_at is not None and rng.random() < 0.85:
                handling = rng.choices(list(MOTIVATIONS), weights=[45, 25, 20, 10])[0]
                motivation = MOTIVATIONS[handling]
                handled_by = about.officer_user
                handled_at = compiled_at - dt.timedelta(hours=rng.randint(1, 48))
            comment_text = rng.choice(COMMENTS).format(theme=theme)
            if rng.random() < 0.5:
                comment_text += " " + text.paragraph(1, 1)
            self.comments.add(comment_id, reply.response_id, position, comment_text, handling, motivation, handled_by,
                              handled_at)  # fmt: skip
            if self.topic_ids:
                for topic_id in rng.sample(self.topic_ids, min(len(self.topic_ids), rng.choice([0, 1, 1, 2]))):
                    self.comment_topics.add(comment_id, topic_id)


def generate(ctx: ScaleContext) -> None:
    ConsultationGenerator(ctx).run()



def bench_endpoints() -> list[Endpoint]:
    """The consultation list, a sent consultation, its compilation and a recipient's page, and the API."""
    from . import selectors

    sample = sample_ids(Consultation.objects.exclude(status=Status.DRAFT), seed=11)
    compiled = sample_ids(Consultation.objects.filter(status=Status.COMPILED), seed=11) or sample
    recipients = list(
        Recipient.objects.filter(consultation_id__in=sample, response__status=Response.Status.SENT)
        .order_by("-consultation_id", "id")
        .values_list("consultation_id", "id")[:100]
    )

    def list_rows(user) -> list:
        from django.contrib.auth import get_user_model

        account = get_user_model().objects.filter(username=user).first() or user
        qs = selectors.consultation_list(user=account)
        return [qs[:25], qs.order_by()]

    return [
        Endpoint("Remisser", [reverse("consultations:list")], users=STAFF, rows=list_rows),
        Endpoint("Inkomna remisser", [reverse("consultations:inbox")], users=STAFF),
        Endpoint("Remiss", [reverse("consultations:detail", args=[pk]) for pk in sample], users=STAFF),
        Endpoint(
            "Remissammanställning",
            [reverse("consultations:compilation", args=[pk]) for pk in compiled],
            users=STAFF,
        ),
        Endpoint(
            "Remissvar (remissinstans)",
            [reverse("consultations:respond", args=[c, r]) for c, r in recipients],
            users=STAFF,
        ),
        Endpoint("API remiss", [f"/api/v1/consultations/{pk}/" for pk in sample], users=STAFF),
        Endpoint("API remissinstanser", [f"/api/v1/consultations/{pk}/recipients/" for pk in sample], users=STAFF),
        Endpoint("API synpunkter", [f"/api/v1/consultations/{pk}/comments/" for pk in sample], users=STAFF),
        Endpoint(
            "API remissvar",
            [f"/api/v1/consultations/{c}/recipients/{r}/response/" for c, r in recipients],
            users=STAFF,
        ),
    ]
