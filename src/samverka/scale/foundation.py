"""The foundation's share of generated data: the organisation (bodies, administrations, people,
roles) and the registry (series, cases, documents with files and extracted text, search
entries, history). Cases are numbered from the registry's own SeriesCounter rows, and the
counters are moved past the generated numbers, so `case_open` goes on where the data ends."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.utils import timezone

from samverka.organisation.models import (
    Administration,
    Body,
    ExternalParty,
    Person,
    PoliticalAssignment,
    Role,
    RoleAssignment,
)
from samverka.registry.models import (
    Case,
    CaseRelation,
    CaseSeries,
    Document,
    DocumentFile,
    DocumentType,
    SearchEntry,
    SeriesCounter,
)

from .context import FULL_SCALE, AdministrationRow, BodyRow, ScaleContext, SeriesRow
from .loader import move_counters_past
from .words import FIRST_NAMES, LAST_NAMES, PARTIES, TextMaker

BENCH_PASSWORD = "bench-pass-123"  # noqa: S105 (generated test data only)
BENCH_USERS = ("bench-admin", "bench-user")

# (short name, name, kind, parent short name, administration short name, administration name)
BODIES = [
    ("KF", "Kommunfullmäktige", "council", None, None, None),
    ("KS", "Kommunstyrelsen", "board", None, "STK", "Stadskontoret"),
    ("KSAU", "Kommunstyrelsens arbetsutskott", "working_committee", "KS", None, None),
    ("SN", "Servicenämnden", "committee", None, "SEF", "Serviceförvaltningen"),
    ("SNAU", "Servicenämndens arbetsutskott", "working_committee", "SN", None, None),
    ("MN", "Miljönämnden", "committee", None, "MF", "Miljöförvaltningen"),
    ("KN", "Kulturnämnden", "committee", None, "KUF", "Kulturförvaltningen"),
    ("FRN", "Fritidsnämnden", "committee", None, "FRF", "Fritidsförvaltningen"),
    ("SBN", "Stadsbyggnadsnämnden", "committee", None, "SBK", "Stadsbyggnadskontoret"),
    ("TN", "Tekniska nämnden", "committee", None, "GK", "Gatukontoret"),
    ("GRN", "Grundskolenämnden", "committee", None, "GRF", "Grundskoleförvaltningen"),
    (
        "GYVN",
        "Gymnasie- och vuxenutbildningsnämnden",
        "committee",
        None,
        "GYVF",
        "Gymnasie- och vuxenutbildningsförvaltningen",
    ),
    ("FSKN", "Förskolenämnden", "committee", None, "FSKF", "Förskoleförvaltningen"),
    ("ASN", "Arbetsmarknads- och socialnämnden", "committee", None, "ASF", "Arbetsmarknads- och socialförvaltningen"),
    ("HVON", "Hälsa-, vård- och omsorgsnämnden", "committee", None, "HVOF", "Hälsa-, vård- och omsorgsförvaltningen"),
    ("FN", "Funktionsstödsnämnden", "committee", None, "FSF", "Funktionsstödsförvaltningen"),
    ("VN", "Valnämnden", "committee", None, None, None),
    ("ÖFN", "Överförmyndarnämnden", "committee", None, "ÖFF", "Överförmyndarförvaltningen"),
    ("SR", "Revisorskollegiet", "auditors", None, "SRK", "Stadsrevisionen"),
    ("MNAU", "Miljönämndens arbetsutskott", "working_committee", "MN", None, None),
    ("GRNAU", "Grundskolenämndens arbetsutskott", "working_committee", "GRN", None, None),
    ("ASNAU", "Arbetsmarknads- och socialnämndens arbetsutskott", "working_committee", "ASN", None, None),
    ("SOAN", "Stadsområdesnämnd Norr", "committee", None, "SOFN", "Stadsområdesförvaltning Norr"),
    ("SOAS", "Stadsområdesnämnd Söder", "committee", None, "SOFS", "Stadsområdesförvaltning Söder"),
    ("SOAO", "Stadsområdesnämnd Öster", "committee", None, "SOFO", "Stadsområdesförvaltning Öster"),
    ("SOAV", "Stadsområdesnämnd Väster", "committee", None, "SOFV", "Stadsområdesförvaltning Väster"),
    ("SOAI", "Stadsområdesnämnd Innerstaden", "committee", None, "SOFI", "Stadsområdesförvaltning Innerstaden"),
    ("DIGF", "Samverkansforum för digitalisering", "forum", None, None, None),
    ("ITR", "IT-rådet", "forum", None, None, None),
    ("DLF", "Forum för digitaliseringsansvariga", "forum", None, None, None),
    ("INFS", "Forum för informationssäkerhet", "forum", None, None, None),
    ("ARKF", "Arkivforum", "forum", None, None, None),
    ("EHF", "E-hälsoforum", "forum", None, None, None),
    ("SKF", "Skolans digitaliseringsforum", "forum", None, None, None),
    ("KRF", "Kommunala pensionärsrådet", "forum", None, None, None),
    ("FHR", "Funktionshinderrådet", "forum", None, None, None),
    ("DDR", "Dataskyddsrådet", "forum", None, None, None),
    ("BRF", "Brottsförebyggande rådet", "forum", None, None, None),
    ("MKR", "Miljö- och klimatrådet", "forum", None, None, None),
    ("UR", "Ungdomsrådet", "forum", None, None, None),
]
EXTERNAL_PARTIES = [
    ("Vision", "union"),
    ("Saco", "union"),
    ("Kommunal", "union"),
    ("Lärarförbundet", "union"),
    ("Länsstyrelsen i Skåne", "authority"),
    ("Region Skåne", "authority"),
    ("Integritetsskyddsmyndigheten", "authority"),
    ("Myndigheten för digital förvaltning", "authority"),
    ("Sveriges Kommuner och Regioner", "association"),
    ("Adda Inköpscentral", "company"),
    ("Skatteverket", "authority"),
    ("Arkivet i Lund", "authority"),
]
DOCUMENT_TYPES = [
    ("yttrande", "Yttrande"),
    ("tjansteskrivelse", "Tjänsteskrivelse"),
    ("protokollsutdrag", "Protokollsutdrag"),
    ("beslut", "Beslut"),
    ("skrivelse", "Skrivelse"),
    ("remiss", "Remiss"),
    ("avtal", "Avtal"),
    ("rapport", "Rapport"),
    ("e-post", "E-post"),
    ("promemoria", "Promemoria"),
    ("ansokan", "Ansökan"),
    ("kvittens", "Kvittens"),
]
SECRECY = ["OSL 18 kap. 8 §", "OSL 21 kap. 7 §", "OSL 19 kap. 3 §", "OSL 31 kap. 16 §"]


def _placeholder_pdf() -> bytes:
    """One small PDF that every generated file row points at, so downloads work."""
    stream = b"BT /F1 12 Tf 72 720 Td (Genererad handling) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def generate_organisation(ctx: ScaleContext) -> None:
    """Bodies, administrations and series through the ORM (few rows); people in bulk."""
    bodies: dict[str, Body] = {}
    for short_name, name, kind, parent, admin_short, admin_name in BODIES:
        body = Body.objects.filter(short_name=short_name).first() or Body.objects.filter(name=name).first()
        if body is None:
            body = Body.objects.create(
                short_name=short_name, name=name, kind=kind, parent=bodies.get(parent) if parent else None
            )
        bodies[short_name] = body
        ctx.bodies.append(BodyRow(body.pk, body.short_name, body.name, body.kind))
        if admin_short:
            administration = (
                Administration.objects.filter(short_name=admin_short).first()
                or Administration.objects.filter(name=admin_name).first()
                or Administration.objects.create(short_name=admin_short, name=admin_name, body=body)
            )
            ctx.administrations.append(
                AdministrationRow(
                    administration.pk, administration.body_id, administration.short_name, administration.name
                )
            )
    for name, kind in EXTERNAL_PARTIES:
        party, _ = ExternalParty.objects.get_or_create(name=name, defaults={"kind": kind})
        ctx.external_party_ids.append(party.pk)
    for code, name in DOCUMENT_TYPES:
        doctype = DocumentType.objects.filter(code=code).first() or DocumentType.objects.filter(name=name).first()
        if doctype is None:
            doctype = DocumentType.objects.create(code=code, name=name)
        ctx.document_type_ids[code] = doctype.pk
    for administration in ctx.administrations:
        prefix = "".join(ch for ch in administration.short_name if "A" <= ch <= "Z") or "X"
        series = CaseSeries.objects.filter(prefix=prefix).first() or CaseSeries.objects.create(
            prefix=prefix, name=administration.name, administration_id=administration.id
        )
        owner_body = series.body_id or administration.body_id
        ctx.series.append(SeriesRow(series.pk, series.prefix, owner_body, series.administration_id))
    _generate_people(ctx)


def _generate_people(ctx: ScaleContext) -> None:
    rng = ctx.rng
    user_model = get_user_model()
    # One hash for all generated accounts: hashing two thousand passwords would take minutes.
    password = make_password(BENCH_PASSWORD)
    now = timezone.now()
    users = ctx.loader.table(
        user_model, ["id", "username", "password", "first_name", "last_name", "email", "is_active", "date_joined"]
    )
    persons = ctx.loader.table(
        Person, ["id", "first_name", "last_name", "email", "title", "administration_id", "user_id", "is_active"]
    )
    roles = ctx.loader.table(RoleAssignment, ["person_id", "role", "body_id", "administration_id"])
    assignments = ctx.loader.table(PoliticalAssignment, ["person_id", "body_id", "kind", "party", "starts_on"])
    # Staff grow more slowly than the registry: a small municipality still has its committees.
    people = ctx.count("people") if ctx.scale >= 1 else max(40, round(FULL_SCALE["people"] * ctx.scale**0.5))
    officials = people * 3 // 4
    run = rng.randint(0, 10**6)
    # A later run with the same seed appends people of its own instead of colliding on usernames.
    while user_model.objects.filter(username=f"p{run}-0").exists():
        run += 1

    def add_person(first: str, last: str, administration_id: int | None, username: str | None, title: str) -> int:
        person_id = ctx.loader.next_id(Person)
        user_id = None
        if username:
            user_id = ctx.loader.next_id(user_model)
            users.add(user_id, username, password, first, last, f"{username}@kommun.example", True, now)
            ctx.users[person_id] = user_id
        persons.add(
            person_id, first, last, f"{first}.{last}@kommun.example".lower(), title, administration_id, user_id, True
        )
        ctx.people[person_id] = administration_id
        return person_id

    # The two accounts the benchmark signs in with: an administrator and a case officer in one
    # administration (whose view of secrets is filtered). Kept when data is generated again.
    officer_administration = ctx.administrations[min(3, len(ctx.administrations) - 1)]
    for username, role, administration in (
        ("bench-admin", Role.ADMINISTRATOR, None),
        ("bench-user", Role.CASE_OFFICER, officer_administration),
    ):
        person = Person.objects.filter(user__username=username).first()
        if person is not None:
            ctx.bench_people[username] = person.pk
            ctx.people[person.pk] = person.administration_id
            continue
        person_id = add_person(
            "Bänk",
            username.split("-")[1].capitalize(),
            administration.id if administration else None,
            username,
            str(role.label),
        )
        roles.add(person_id, role.value, None, administration.id if administration else None)
        ctx.bench_people[username] = person_id
    admin_person = ctx.bench_people["bench-admin"]
    ctx.system_user_id = ctx.users.get(admin_person) or user_model.objects.get(username="bench-admin").pk
    for n in range(officials):
        administration = ctx.administrations[n % len(ctx.administrations)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        person_id = add_person(first, last, administration.id, f"p{run}-{n}", "Handläggare")
        role = rng.choices(
            [Role.CASE_OFFICER, Role.REGISTRAR, Role.SECRETARY, Role.DIGITAL_LEAD, Role.READER],
            weights=[60, 8, 6, 4, 22],
        )[0]
        roles.add(person_id, role.value, None, administration.id)
    political_bodies = [b for b in ctx.bodies if b.kind != "forum"]
    for n in range(people - officials):
        person_id = add_person(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), None, None, "Förtroendevald")
        ctx.people[person_id] = None
        ctx.politicians.append(person_id)
        body = political_bodies[n % len(political_bodies)]
        kind = (PoliticalAssignment.Kind.MEMBER if n % 3 else PoliticalAssignment.Kind.SUBSTITUTE).value
        assignments.add(
            person_id, body.id, kind, rng.choice(PARTIES), dt.date(ctx.today.year - ctx.today.year % 4 - 1, 1, 1)
        )


@dataclass
class _Counters:
    last: dict[tuple[int, int], int]

    def next(self, series_id: int, year: int) -> int:
        value = self.last.get((series_id, year), 0) + 1
        self.last[(series_id, year)] = value
        return value


class RegistryGenerator:
    """Makes cases and documents; other apps' generators call `add_case` and `add_document`
    for the cases and documents their own objects belong to."""

    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx = ctx
        loader = ctx.loader
        self.counters = _Counters(
            {(c.series_id, c.year): c.last_number for c in SeriesCounter.objects.all()}
            | {
                (row["series_id"], row["year"]): row["last"]
                for row in Case.objects.values("series_id", "year").annotate(last=Max("sequence"))
            }
        )
        self.case_columns = [
            "id",
            "series_id",
            "year",
            "sequence",
            "number",
            "title",
            "public_title",
            "description",
            "responsible_officer_id",
            "responsible_body_id",
            "responsible_administration_id",
            "status",
            "opened_on",
            "closed_on",
            "closing_reason",
            "child_rights_assessment",
            "is_secret",
            "secrecy_reference",
            "created_by_id",
            "created_at",
        ]
        self.document_columns = [
            "id",
            "case_id",
            "sequence",
            "direction",
            "document_type_id",
            "document_date",
            "counterpart_body_id",
            "counterpart_administration_id",
            "counterpart_external_id",
            "counterpart_text",
            "subject",
            "protected_subject",
            "is_secret",
            "secrecy_reference",
            "registered_by_id",
            "registered_at",
            "registered_on",
        ]
        self.file_columns = [
            "id",
            "document_id",
            "version",
            "file",
            "filename",
            "content_type",
            "size",
            "sha256",
            "text_extracted",
            "uploaded_by_id",
            "uploaded_at",
        ]
        history = ["history_date", "history_type", "history_change_reason", "history_user_id"]
        self.cases = loader.table(Case, self.case_columns)
        self.case_history = loader.table(Case.history.model, self.case_columns + history)
        self.documents = loader.table(Document, self.document_columns)
        self.document_history = loader.table(Document.history.model, self.document_columns + history)
        self.files = loader.table(DocumentFile, [*self.file_columns, "extracted_text"])
        self.file_history = loader.table(DocumentFile.history.model, self.file_columns + history)
        self.relations = loader.table(
            CaseRelation, ["id", "from_case_id", "to_case_id", "note", "created_by_id", "created_at"]
        )
        self.relation_history = loader.table(
            CaseRelation.history.model,
            ["id", "from_case_id", "to_case_id", "note", "created_by_id", "created_at", *history],
        )
        self.search = loader.table(SearchEntry, ["case_id", "document_id", "title", "public_text", "protected_text"])
        self.document_counts: dict[int, int] = defaultdict(int)
        pdf = _placeholder_pdf()
        self.file_name = "scale/genererad-handling.pdf"
        if not default_storage.exists(self.file_name):
            self.file_name = default_storage.save(self.file_name, ContentFile(pdf))
        self.file_size, self.file_sha = len(pdf), hashlib.sha256(pdf).hexdigest()
        self.counterparts = [b.id for b in ctx.bodies]

    @staticmethod
    def _moment(day: dt.date, rng) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59), rng.randint(0, 59)))
        )

    def add_case(
        self,
        *,
        series: SeriesRow,
        opened_on: dt.date,
        title: str,
        description: str = "",
        officer_id: int | None = None,
        closed_on: dt.date | None = None,
        is_secret: bool = False,
        child_rights_assessment: str = "",
    ) -> tuple[int, str]:
        """A case numbered after the last one of its series and year; (id, number)."""
        rng = self.ctx.rng
        case_id = self.ctx.loader.next_id(Case)
        sequence = self.counters.next(series.id, opened_on.year)
        number = f"{series.prefix}-{opened_on.year}-{sequence}"
        public_title = "Ärende med sekretess" if is_secret else ""
        reference = rng.choice(SECRECY) if is_secret else ""
        created_at = self._moment(opened_on, rng)
        values = (
            case_id,
            series.id,
            opened_on.year,
            sequence,
            number,
            title,
            public_title,
            description,
            officer_id,
            None if series.administration_id else series.body_id,
            series.administration_id,
            "closed" if closed_on else "open",
            opened_on,
            closed_on,
            "Ärendet är slutbehandlat." if closed_on else "",
            child_rights_assessment,
            is_secret,
            reference,
            self.ctx.system_user_id,
            created_at,
        )
        self.cases.add(*values)
        self.case_history.add(*values, created_at, "+", "Ärendet registrerades", self.ctx.system_user_id)
        display = public_title if is_secret else title
        public = " ".join(filter(None, [number, display] + ([] if is_secret else [description])))
        protected = " ".join(filter(None, [title, description])) if is_secret else ""
        self.search.add(case_id, None, display, public, protected)
        return case_id, number

    def add_document(
        self,
        *,
        case_id: int,
        case_number: str,
        case_secret: bool,
        document_date: dt.date,
        subject: str,
        direction: str,
        document_type_id: int,
        text: str | None,
        is_secret: bool = False,
        late_days: int = 0,
    ) -> int:
        """A document with one file whose extracted text is `text` (no file when None)."""
        ctx, rng = self.ctx, self.ctx.rng
        document_id = ctx.loader.next_id(Document)
        self.document_counts[case_id] += 1
        sequence = self.document_counts[case_id]
        registered_on = min(document_date + dt.timedelta(days=late_days), ctx.today)
        registered_at = self._moment(registered_on, rng)
        body_id = administration_id = external_id = None
        counterpart_text = ""
        if direction != Document.Direction.CREATED:
            pick = rng.random()
            if pick < 0.4:
                external_id = rng.choice(ctx.external_party_ids)
            elif pick < 0.7:
                body_id = rng.choice(self.counterparts)
            elif pick < 0.9:
                administration_id = rng.choice(ctx.administrations).id
            else:
                counterpart_text = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        protected_subject = f"{subject} (uppgifter om enskild)" if is_secret else ""
        public_subject = "Handling med sekretess" if is_secret else subject
        reference = rng.choice(SECRECY) if is_secret else ""
        values = (
            document_id,
            case_id,
            sequence,
            direction,
            document_type_id,
            document_date,
            body_id,
            administration_id,
            external_id,
            counterpart_text,
            public_subject,
            protected_subject,
            is_secret,
            reference,
            ctx.system_user_id,
            registered_at,
            registered_on,
        )
        self.documents.add(*values)
        self.document_history.add(*values, registered_at, "+", "Handlingen registrerades", ctx.system_user_id)
        if text is not None:
            file_id = ctx.loader.next_id(DocumentFile)
            file_values = (
                file_id,
                document_id,
                1,
                self.file_name,
                f"handling-{document_id}.pdf",
                "application/pdf",
                self.file_size,
                self.file_sha,
                True,
                ctx.system_user_id,
                registered_at,
            )
            self.files.add(*file_values, text)
            self.file_history.add(*file_values, registered_at, "+", "", ctx.system_user_id)
        # The same texts as registry.search.index_document writes.
        file_text = text or ""
        document_number = f"{case_number}:{sequence}"
        if is_secret or case_secret:
            public = " ".join(filter(None, [document_number, public_subject]))
            protected = " ".join(filter(None, [protected_subject, file_text]))
        else:
            public = " ".join(filter(None, [document_number, public_subject, protected_subject, file_text]))
            protected = ""
        self.search.add(case_id, document_id, public_subject, public, protected)
        return document_id

    def add_relation(self, from_case_id: int, to_case_id: int, day: dt.date) -> None:
        relation_id = self.ctx.loader.next_id(CaseRelation)
        at = self._moment(day, self.ctx.rng)
        values = (relation_id, from_case_id, to_case_id, "Tidigare ärende i samma fråga", self.ctx.system_user_id, at)
        self.relations.add(*values)
        self.relation_history.add(*values, at, "+", "", self.ctx.system_user_id)

    def finish(self) -> None:
        """Move every series counter past the numbers used (after the rows are written)."""
        move_counters_past(SeriesCounter, ("series_id", "year"), self.counters.last)


def generate_registry(ctx: ScaleContext) -> None:
    rng = ctx.rng
    ctx.text = TextMaker(
        rng,
        administrations=[a.name for a in ctx.administrations],
        bodies=[b.name for b in ctx.bodies],
        parties=[name for name, _kind in EXTERNAL_PARTIES],
        years=(ctx.first_year, ctx.today.year),
        pool_size=max(2000, min(30000, ctx.count("documents") // 50)),
    )
    registry = RegistryGenerator(ctx)
    ctx.registry = registry
    text = ctx.text
    total_cases = ctx.count("cases")
    total_documents = ctx.count("documents")
    doctypes = list(ctx.document_type_ids.values())
    directions = [d.value for d in Document.Direction]
    officials_by_administration = {a.id: ctx.officials_of(a.id) for a in ctx.administrations}
    bench_officer = ctx.bench_people["bench-user"]
    # Cases grow a little each year; each series gets a share weighted by its size.
    years = list(range(ctx.first_year, ctx.today.year + 1))
    year_weights = [1 + 0.05 * i for i in range(len(years))]
    series_weights = [1 + (i % 5) for i in range(len(ctx.series))]
    documents_left = total_documents
    opened: list[int] = []
    report_every = max(1, total_cases // 10)
    for n in range(total_cases):
        year = rng.choices(years, weights=year_weights)[0]
        series = rng.choices(ctx.series, weights=series_weights)[0]
        opened_on = ctx.random_date(year)
        officials = officials_by_administration.get(series.administration_id or 0) or [None]
        officer = rng.choice(officials)
        if n % 97 == 0:
            officer = bench_officer  # the bench case officer has cases of their own
        age = (ctx.today - opened_on).days
        closed_on = None
        if age > 60 and rng.random() < min(0.95, age / 400):
            closed_on = min(opened_on + dt.timedelta(days=rng.randint(5, 300)), ctx.today)
        is_secret = rng.random() < 0.03
        case_id, number = registry.add_case(
            series=series,
            opened_on=opened_on,
            title=text.title(),
            description=text.paragraph(1, 2) if rng.random() < 0.6 else "",
            officer_id=officer,
            closed_on=closed_on,
            is_secret=is_secret,
            child_rights_assessment=(
                "Barnets bästa har beaktats; beslutet bedöms inte påverka barn." if rng.random() < 0.3 else ""
            ),
        )
        opened.append(case_id)
        if len(opened) > 50 and rng.random() < 0.01:
            registry.add_relation(case_id, rng.choice(opened[-5000:-1]), opened_on)
        # Documents: on average total/cases per case, more in some (a long tail).
        cases_left = total_cases - n
        if documents_left <= 0:
            count = 0
        elif cases_left == 1:
            count = documents_left
        else:
            count = min(documents_left, max(1, round(rng.expovariate(cases_left / documents_left))))
        documents_left -= count
        last_day = closed_on or ctx.today
        for _ in range(count):
            day = opened_on + dt.timedelta(days=rng.randint(0, max(0, (last_day - opened_on).days)))
            subject = text.subject()
            registry.add_document(
                case_id=case_id,
                case_number=number,
                case_secret=is_secret,
                document_date=day,
                subject=subject,
                direction=rng.choice(directions),
                document_type_id=rng.choice(doctypes),
                text=text.document_text(subject) if rng.random() < 0.9 else None,
                is_secret=rng.random() < 0.04,
                late_days=rng.randint(1, 6) if rng.random() < 0.08 else 0,
            )
        if (n + 1) % report_every == 0:
            ctx.log(f"  {n + 1} ärenden")
