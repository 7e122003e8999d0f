"""Writes to the registry. Every function checks its policy, validates, and records history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.organisation.models import Administration, Body, ExternalParty, Person

from . import policies, search
from .models import Case, CaseRelation, CaseSeries, Document, DocumentFile, DocumentType, SeriesCounter
from .uploads import CheckedUpload, check_upload, stored_filename


def _allocate_case_sequence(series: CaseSeries, year: int) -> int:
    """Next number in the series for the year, gap-free: the counter row is locked until commit."""
    SeriesCounter.objects.bulk_create([SeriesCounter(series=series, year=year, last_number=0)], ignore_conflicts=True)
    counter = SeriesCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


# Case numbers carry a four-digit year; older paper registries are not migrated into the system.
EARLIEST_YEAR = 1900


def case_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence}"


@transaction.atomic
def case_open(
    *,
    actor,
    series: CaseSeries,
    title: str,
    description: str = "",
    opened_on: dt.date | None = None,
    responsible_officer: Person | None = None,
    responsible_body: Body | None = None,
    responsible_administration: Administration | None = None,
    child_rights_assessment: str = "",
    is_secret: bool = False,
    secrecy_reference: str = "",
    public_title: str = "",
    sequence: int | None = None,
) -> Case:
    """Open a case and give it the next number of its series for the year it is opened.

    `sequence` is only for importing cases that already have a number (the demo and migrations
    from older systems); it must not collide with an existing one.
    """
    if not policies.can_open_case(actor, series):
        raise PermissionDenied(f"Du får inte registrera ärenden i serien {series.prefix}.")
    if not series.is_active:
        raise DomainError(f"Diarieserien {series.prefix} är inte längre aktiv.")
    opened_on = opened_on or timezone.localdate()
    if opened_on.year < EARLIEST_YEAR:
        raise DomainError(f"Ett ärende kan inte öppnas före år {EARLIEST_YEAR}.")
    if opened_on > timezone.localdate():
        raise DomainError("Ett ärende kan inte öppnas med ett datum i framtiden.")
    year = opened_on.year
    if sequence is None:
        sequence = _allocate_case_sequence(series, year)
    else:
        counter, _ = SeriesCounter.objects.select_for_update().get_or_create(series=series, year=year)
        if sequence > counter.last_number:
            counter.last_number = sequence
            counter.save(update_fields=["last_number"])
    case = Case(
        series=series,
        year=year,
        sequence=sequence,
        number=case_number(series.prefix, year, sequence),
        title=title.strip(),
        public_title=public_title.strip(),
        description=description.strip(),
        opened_on=opened_on,
        responsible_officer=responsible_officer,
        responsible_body=responsible_body or (series.body if series.body_id else None),
        responsible_administration=responsible_administration
        or (series.administration if series.administration_id else None),
        child_rights_assessment=child_rights_assessment.strip(),
        is_secret=is_secret,
        secrecy_reference=secrecy_reference.strip(),
        created_by=actor,
    )
    case.full_clean()
    _stamp(case, actor, "Ärendet registrerades")
    case.save()
    transaction.on_commit(lambda: search.index_case(case.pk))
    return case


CASE_EDITABLE_FIELDS = (
    "title",
    "public_title",
    "description",
    "responsible_officer",
    "responsible_body",
    "responsible_administration",
    "child_rights_assessment",
    "is_secret",
    "secrecy_reference",
)


@transaction.atomic
def case_update(*, actor, case: Case, reason: str = "", **changes: Any) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not policies.can_change_case(actor, case):
        raise PermissionDenied("Du får inte ändra detta ärende.")
    unknown = set(changes) - set(CASE_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    changed = [name for name, value in changes.items() if getattr(case, name) != value]
    if not changed:
        return case
    for name in changed:
        value = changes[name]
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    case.full_clean()
    _stamp(case, actor, reason or "Uppgifter ändrades")
    case.save(update_fields=changed)
    secrecy_changed = "is_secret" in changed
    transaction.on_commit(lambda: search.index_case(case.pk, with_documents=secrecy_changed))
    return case


@transaction.atomic
def case_close(*, actor, case: Case, reason: str, closed_on: dt.date | None = None) -> Case:
    case = Case.objects.select_for_update().select_related("series").get(pk=case.pk)
    if not policies.can_close_case(actor, case):
        raise PermissionDenied("Du får inte avsluta detta ärende.")
    if case.status == Case.Status.CLOSED:
        raise DomainError("Ärendet är redan avslutat.", code="invalid_transition")
    if not reason.strip():
        raise DomainError("Ange varför ärendet avslutas.", code="reason_required")
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        raise DomainError("Ett ärende kan inte avslutas med ett datum i framtiden.")
    if closed_on < case.opened_on:
        raise DomainError("Ett ärende kan inte avslutas före det datum det öppnades.")
    case.status = Case.Status.CLOSED
    case.closed_on = closed_on
    case.closing_reason = reason.strip()
    _stamp(case, actor, f"Ärendet avslutades: {reason.strip()}")
    case.save(update_fields=["status", "closed_on", "closing_reason"])
    return case


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str) -> Case:
    case = Case.objects.select_for_update().select_related("series").get(pk=case.pk)
    if not policies.can_close_case(actor, case):
        raise PermissionDenied("Du får inte återuppta detta ärende.")
    if case.status != Case.Status.CLOSED:
        raise DomainError("Ärendet är inte avslutat.", code="invalid_transition")
    if not reason.strip():
        raise DomainError("Ange varför ärendet återupptas.", code="reason_required")
    case.status = Case.Status.OPEN
    case.closed_on = None
    case.closing_reason = ""
    _stamp(case, actor, f"Ärendet återupptogs: {reason.strip()}")
    case.save(update_fields=["status", "closed_on", "closing_reason"])
    return case


@transaction.atomic
def case_relate(*, actor, case: Case, other: Case, note: str = "") -> CaseRelation:
    if case.pk == other.pk:
        raise DomainError("Ett ärende kan inte kopplas till sig självt.")
    if not (policies.can_change_case(actor, case) or policies.can_change_case(actor, other)):
        raise PermissionDenied("Du får inte koppla dessa ärenden.")
    existing = (
        CaseRelation.objects.filter(from_case=case, to_case=other).first()
        or CaseRelation.objects.filter(from_case=other, to_case=case).first()
    )
    if existing is not None:
        raise DomainError(f"{case.number} och {other.number} är redan kopplade.", code="duplicate")
    relation = CaseRelation(from_case=case, to_case=other, note=note.strip(), created_by=actor)
    _stamp(relation, actor, "Ärendena kopplades")
    relation.save()
    return relation


def _counterpart_fields(counterpart: Body | Administration | ExternalParty | str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "counterpart_body": None,
        "counterpart_administration": None,
        "counterpart_external": None,
        "counterpart_text": "",
    }
    if isinstance(counterpart, Body):
        fields["counterpart_body"] = counterpart
    elif isinstance(counterpart, Administration):
        fields["counterpart_administration"] = counterpart
    elif isinstance(counterpart, ExternalParty):
        fields["counterpart_external"] = counterpart
    elif counterpart:
        fields["counterpart_text"] = str(counterpart).strip()
    return fields


def _store_file(*, actor, document: Document, checked: CheckedUpload, filename: str) -> DocumentFile:
    last = document.files.aggregate(last=Max("version"))["last"] or 0
    stored = DocumentFile(
        document=document,
        version=last + 1,
        filename=stored_filename(filename, checked.extension),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    stored.file.save(f"{checked.sha256[:16]}.{checked.extension}", ContentFile(checked.content), save=False)
    try:
        _stamp(stored, actor, f"Fil version {stored.version} lades till")
        stored.save()
    except Exception:
        # Nothing half-written: a file whose row was not saved is removed again.
        stored.file.storage.delete(stored.file.name)
        raise
    transaction.on_commit(lambda: search.extract_text(stored.pk))
    return stored


@transaction.atomic
def document_register(
    *,
    actor,
    case: Case,
    direction: str,
    document_type: DocumentType,
    document_date: dt.date,
    subject: str,
    counterpart: Body | Administration | ExternalParty | str | None = None,
    protected_subject: str = "",
    is_secret: bool = False,
    secrecy_reference: str = "",
    files: Iterable[UploadedFile] = (),
    registered_on: dt.date | None = None,
) -> Document:
    """Register a document in a case, with its files; the next running number within the case."""
    case = Case.objects.select_for_update().select_related("series").get(pk=case.pk)
    if not policies.can_register_document(actor, case):
        raise PermissionDenied(f"Du får inte registrera handlingar i ärende {case.number}.")
    if case.status == Case.Status.CLOSED:
        raise DomainError(
            f"Ärende {case.number} är avslutat. Återuppta det innan nya handlingar registreras.",
            code="case_closed",
        )
    today = timezone.localdate()
    registered_on = registered_on or today
    if registered_on > today:
        raise DomainError("En handling kan inte registreras med ett datum i framtiden.", code="future_date")
    if document_date > registered_on:
        raise DomainError("Handlingens datum kan inte ligga efter registreringsdagen.", code="future_date")
    if not document_type.is_active:
        raise DomainError(f"Handlingstypen {document_type} används inte längre.")
    # Every file is checked before anything is written, so a refused file leaves no trace.
    checked_files = [(upload, check_upload(upload)) for upload in files]
    last = Document.objects.filter(case=case).aggregate(last=Max("sequence"))["last"] or 0
    document = Document(
        case=case,
        sequence=last + 1,
        direction=direction,
        document_type=document_type,
        document_date=document_date,
        subject=subject.strip(),
        protected_subject=protected_subject.strip(),
        is_secret=is_secret,
        secrecy_reference=secrecy_reference.strip(),
        registered_by=actor,
        registered_on=registered_on,
        **_counterpart_fields(counterpart),
    )
    document.full_clean()
    _stamp(document, actor, "Handlingen registrerades")
    document.save()
    stored: list[DocumentFile] = []
    try:
        for upload, checked in checked_files:
            stored.append(_store_file(actor=actor, document=document, checked=checked, filename=upload.name or ""))
    except BaseException:
        # The rows are rolled back with the transaction; the files already written go with them.
        for done in stored:
            done.file.storage.delete(done.file.name)
        raise
    transaction.on_commit(lambda: search.index_document(document.pk))
    return document


@transaction.atomic
def document_add_version(*, actor, document: Document, upload: UploadedFile) -> DocumentFile:
    """A new file makes a new version; earlier versions stay as they were."""
    document = Document.objects.select_for_update().select_related("case__series").get(pk=document.pk)
    if not policies.can_register_document(actor, document.case):
        raise PermissionDenied("Du får inte lägga till filer i denna handling.")
    if document.case.status == Case.Status.CLOSED:
        raise DomainError(
            f"Ärende {document.case.number} är avslutat. Återuppta det innan nya filer läggs till.",
            code="case_closed",
        )
    checked = check_upload(upload)
    return _store_file(actor=actor, document=document, checked=checked, filename=upload.name or "")


DOCUMENT_CORRECTABLE_FIELDS = (
    "document_type",
    "document_date",
    "subject",
    "protected_subject",
    "is_secret",
    "secrecy_reference",
    "counterpart_body",
    "counterpart_administration",
    "counterpart_external",
    "counterpart_text",
    "direction",
)


@transaction.atomic
def document_correct(*, actor, document: Document, reason: str, **changes: Any) -> Document:
    """Correct a registered document's metadata; who, when and why are kept in its history."""
    document = Document.objects.select_for_update().select_related("case__series").get(pk=document.pk)
    if not policies.can_correct_document(actor, document):
        raise PermissionDenied("Bara registrator får rätta registrerade uppgifter.")
    if not reason.strip():
        raise DomainError("Ange varför uppgifterna rättas.", code="reason_required")
    unknown = set(changes) - set(DOCUMENT_CORRECTABLE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte rättas: {', '.join(sorted(unknown))}.")
    changed = [name for name, value in changes.items() if getattr(document, name) != value]
    if not changed:
        raise DomainError("Inga uppgifter ändrades.", code="no_change")
    for name in changed:
        value = changes[name]
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    if document.document_date > document.registered_on:
        raise DomainError("Handlingens datum kan inte ligga efter registreringsdagen.", code="future_date")
    document.full_clean()
    _stamp(document, actor, f"Rättelse: {reason.strip()}")
    document.save(update_fields=changed)
    transaction.on_commit(lambda: search.index_document(document.pk))
    return document
