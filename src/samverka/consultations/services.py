"""Writes to consultations. Every function checks its policy and its rule, validates, and records
who, when and why (django-simple-history). Documents go into the registry only through its services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.meetings import selectors as meeting_selectors
from samverka.meetings.models import AgendaItem
from samverka.organisation.models import Administration, Body, ExternalParty, Person
from samverka.registry import policies as registry_policies
from samverka.registry import services as registry_services
from samverka.registry.models import Case, CaseSeries, Document, DocumentType

from . import policies, selectors, workflow
from .models import Answer, Comment, Compilation, Consultation, Question, Recipient, Reminder, Response, Topic

Party = Body | Administration | ExternalParty

# Document types the consultation registers; created on first use if the registry lacks them.
DOCUMENT_TYPES = {
    "remiss": "Remiss",
    "remissvar": "Remissvar",
    "sammanstallning": "Remissammanställning",
}


def document_type(code: str) -> DocumentType:
    """The registry's document type for `code`; the registry has no service for its vocabulary, so a
    missing type is added here (by code, or found by its name)."""
    found = DocumentType.objects.filter(code=code).first()
    if found is None:
        name = DOCUMENT_TYPES[code]
        found = DocumentType.objects.filter(name__iexact=name).first()
        if found is None:
            found, _created = DocumentType.objects.get_or_create(code=code, defaults={"name": name})
    return found


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update(of=("self",)).select_related("case__series").get(pk=consultation.pk)


def _require_manage(actor, consultation: Consultation, message: str) -> None:
    if not policies.can_manage_consultation(actor, consultation):
        raise PermissionDenied(message)


def _clean_questions(questions: Sequence[str]) -> list[str]:
    cleaned = [q.strip() for q in questions if q and q.strip()]
    if not cleaned:
        raise DomainError("Ange minst en fråga som remissinstanserna särskilt ska beakta.", code="no_questions")
    return cleaned


def _clean_recipients(recipients: Iterable[Party]) -> list[Party]:
    unique: dict[tuple[str, int], Party] = {}
    for party in recipients:
        if not isinstance(party, Body | Administration | ExternalParty) or party.pk is None:
            raise DomainError("Okänd remissinstans. Välj bland organ, förvaltningar och externa parter.")
        if not party.is_active:
            raise DomainError(f"{party} är inte längre aktiv och kan inte få remisser.")
        unique[(type(party).__name__, party.pk)] = party
    return list(unique.values())


def _check_deadline(deadline: dt.date, *, sent_on: dt.date) -> None:
    if deadline <= sent_on:
        raise DomainError("Sista svarsdag måste ligga efter den dag remissen skickas.", code="deadline_past")


def _check_documents(case: Case, documents: Iterable[Document]) -> list[Document]:
    documents = list(documents)
    for document in documents:
        if document.case_id != case.pk:
            raise DomainError(f"Handling {document.number} hör inte till ärende {case.number}.")
    return documents


def _check_paragraph(case: Case, paragraph: AgendaItem | None) -> AgendaItem | None:
    if paragraph is None:
        return None
    if paragraph.case_id != case.pk or not paragraph.paragraph_number:
        raise DomainError(
            f"Paragrafen hör inte till ärende {case.number}. Välj en paragraf som beslutades i ärendet.",
            code="paragraph_other_case",
        )
    return paragraph


def _refuse_paragraph_and_reference(paragraph: AgendaItem | None, text: str | None) -> None:
    """The sending decision is a paragraph of minutes or, for a decision made outside Samverka,
    a written reference: given both, which one holds would be a guess."""
    if paragraph is not None and (text or "").strip():
        raise DomainError(
            "Välj antingen en paragraf eller en hänvisning till ett beslut utanför Samverka, inte båda.",
            code="paragraph_and_reference",
            field="sending_decision",
        )


def _decision_fields(case: Case, paragraph: AgendaItem | None, text: str) -> dict[str, Any]:
    """A chosen paragraph supplies the reference text; without one the free text stands alone."""
    paragraph = _check_paragraph(case, paragraph)
    if paragraph is None:
        return {"sending_paragraph": None, "sending_decision": text.strip()}
    return {"sending_paragraph": paragraph, "sending_decision": meeting_selectors.paragraph_reference(paragraph)}


def _recipient_field(party: Party) -> str:
    if isinstance(party, Body):
        return "body"
    if isinstance(party, Administration):
        return "administration"
    return "external"


def _set_questions(actor, consultation: Consultation, questions: list[str]) -> None:
    """Questions by position; a draft's surplus questions are marked removed, never deleted."""
    existing = {q.position: q for q in consultation.questions.all()}
    for position, text in enumerate(questions, start=1):
        question = existing.get(position)
        if question is None:
            question = Question(consultation=consultation, position=position, text=text)
            question.full_clean()
            _stamp(question, actor, "Frågan lades till")
            question.save()
        elif question.text != text or question.is_removed:
            question.text, question.is_removed = text, False
            _stamp(question, actor, "Frågan ändrades")
            question.save(update_fields=["text", "is_removed"])
    for position, question in existing.items():
        if position > len(questions) and not question.is_removed:
            question.is_removed = True
            _stamp(question, actor, "Frågan togs bort ur utkastet")
            question.save(update_fields=["is_removed"])


def _set_recipients(actor, consultation: Consultation, recipients: list[Party]) -> None:
    wanted = {(_recipient_field(p), p.pk): p for p in recipients}
    existing = {}
    for recipient in consultation.recipients.all():
        key = (_recipient_field(recipient.party), recipient.party.pk)
        existing[key] = recipient
    for key, party in wanted.items():
        recipient = existing.get(key)
        if recipient is None:
            recipient = Recipient(consultation=consultation, **{key[0]: party})
            recipient.full_clean()
            _stamp(recipient, actor, "Remissinstansen lades till")
            recipient.save()
        elif recipient.is_removed:
            recipient.is_removed = False
            _stamp(recipient, actor, "Remissinstansen lades till igen")
            recipient.save(update_fields=["is_removed"])
    for key, recipient in existing.items():
        if key not in wanted and not recipient.is_removed:
            recipient.is_removed = True
            _stamp(recipient, actor, "Remissinstansen togs bort ur utkastet")
            recipient.save(update_fields=["is_removed"])


@transaction.atomic
def consultation_create(
    *,
    actor,
    case: Case,
    title: str,
    deadline: dt.date,
    questions: Sequence[str],
    recipients: Iterable[Party] = (),
    documents: Iterable[Document] = (),
    description: str = "",
    sending_decision: str = "",
    sending_paragraph: AgendaItem | None = None,
    responsible_officer: Person | None = None,
    sender_body: Body | None = None,
    reminder_days: int = 7,
    recorded_on: dt.date | None = None,
) -> Consultation:
    """A new consultation, as a draft, from a case.

    `recorded_on` is only for recording a consultation prepared earlier (the demo, imports): the
    deadline must then lie after that day instead of after today."""
    if not policies.can_create_consultation(actor, case):
        raise PermissionDenied(f"Du får inte skapa remisser i ärende {case.number}.")
    if case.status == Case.Status.CLOSED:
        raise DomainError(f"Ärende {case.number} är avslutat.", code="case_closed")
    today = timezone.localdate()
    _check_deadline(deadline, sent_on=min(recorded_on or today, today))
    cleaned_questions = _clean_questions(questions)
    cleaned_recipients = _clean_recipients(recipients)
    _refuse_paragraph_and_reference(sending_paragraph, sending_decision)
    decision = _decision_fields(case, sending_paragraph, sending_decision)
    if sender_body is None and decision["sending_paragraph"] is not None:
        sender_body = decision["sending_paragraph"].meeting.body
    consultation = Consultation(
        case=case,
        title=title.strip(),
        description=description.strip(),
        deadline=deadline,
        **decision,
        responsible_officer=responsible_officer or case.responsible_officer,
        sender_body=sender_body or case.responsible_body,
        reminder_days=reminder_days,
        created_by=actor,
    )
    consultation.full_clean()
    _stamp(consultation, actor, "Remissen skapades")
    consultation.save()
    consultation.documents.set(_check_documents(case, documents))
    _set_questions(actor, consultation, cleaned_questions)
    _set_recipients(actor, consultation, cleaned_recipients)
    return consultation


CONSULTATION_EDITABLE_FIELDS = (
    "title",
    "description",
    "deadline",
    "sending_decision",
    "sending_paragraph",
    "responsible_officer",
    "sender_body",
)


@transaction.atomic
def consultation_update(
    *,
    actor,
    consultation: Consultation,
    questions: Sequence[str] | None = None,
    recipients: Iterable[Party] | None = None,
    documents: Iterable[Document] | None = None,
    reminder_days: int | None = None,
    **changes: Any,
) -> Consultation:
    """Change a draft: its texts, deadline, questions, recipients and documents."""
    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte ändra denna remiss.")
    if consultation.status != Consultation.Status.DRAFT:
        raise DomainError("Bara ett utkast kan ändras. En skickad remiss ändras inte.", code="not_draft")
    unknown = set(changes) - set(CONSULTATION_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    if reminder_days is not None:
        changes["reminder_days"] = reminder_days
    if "deadline" in changes:
        _check_deadline(changes["deadline"], sent_on=timezone.localdate())
    if "sending_paragraph" in changes and "sending_decision" in changes:
        _refuse_paragraph_and_reference(changes["sending_paragraph"], changes["sending_decision"])
    if "sending_paragraph" in changes or "sending_decision" in changes:
        changes.update(
            _decision_fields(
                consultation.case,
                changes.get("sending_paragraph", consultation.sending_paragraph),
                changes.get("sending_decision", consultation.sending_decision),
            )
        )
    cleaned_questions = _clean_questions(questions) if questions is not None else None
    cleaned_recipients = _clean_recipients(recipients) if recipients is not None else None
    changed = [name for name, value in changes.items() if getattr(consultation, name) != value]
    for name in changed:
        value = changes[name]
        setattr(consultation, name, value.strip() if isinstance(value, str) else value)
    consultation.full_clean()
    if changed:
        _stamp(consultation, actor, "Utkastet ändrades")
        consultation.save(update_fields=changed)
    if documents is not None:
        consultation.documents.set(_check_documents(consultation.case, documents))
    if cleaned_questions is not None:
        _set_questions(actor, consultation, cleaned_questions)
    if cleaned_recipients is not None:
        _set_recipients(actor, consultation, cleaned_recipients)
    return consultation


def _recipient_list_text(recipients: list[Recipient]) -> str:
    names = ", ".join(r.name for r in recipients)
    return names if len(names) <= 300 else names[:296] + " …"


@transaction.atomic
def consultation_send(*, actor, consultation: Consultation, sent_on: dt.date | None = None) -> Consultation:
    """Send the consultation: register the outgoing "Remiss" in the case and notify every recipient.

    `sent_on` is for recording a consultation sent earlier (the demo, imports); never in the future."""
    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte skicka denna remiss.")
    workflow.check(consultation.status, Consultation.Status.SENT)
    today = timezone.localdate()
    sent_on = sent_on or today
    if sent_on > today:
        raise DomainError("En remiss kan inte skickas med ett datum i framtiden.")
    recipients = list(selectors.active_recipients(consultation))
    if not recipients:
        raise DomainError("Lägg till minst en remissinstans innan remissen skickas.", code="no_recipients")
    if not selectors.active_questions(consultation).exists():
        raise DomainError("Ange minst en fråga innan remissen skickas.", code="no_questions")
    _check_deadline(consultation.deadline, sent_on=sent_on)
    document = registry_services.document_register(
        actor=actor,
        case=consultation.case,
        direction=Document.Direction.OUTGOING,
        document_type=document_type("remiss"),
        document_date=sent_on,
        subject=f"Remiss: {consultation.title}"[:500],
        counterpart=_recipient_list_text(recipients),
    )
    consultation.status = Consultation.Status.SENT
    consultation.sent_on = sent_on
    consultation.sent_by = actor
    consultation.sent_document = document
    _stamp(consultation, actor, f"Remissen skickades till {len(recipients)} remissinstanser")
    consultation.save(update_fields=["status", "sent_on", "sent_by", "sent_document"])
    consultation_id = consultation.pk

    def notify() -> None:
        from .tasks import notify_recipients

        notify_recipients.enqueue(consultation_id)

    transaction.on_commit(notify)
    return consultation


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation, reason: str = "") -> Consultation:
    """Stop taking responses. Before the deadline a reason is required."""
    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte stänga denna remiss.")
    workflow.check(consultation.status, Consultation.Status.CLOSED)
    reason = reason.strip()
    if timezone.localdate() < consultation.deadline and not reason:
        raise DomainError("Ange varför remissen stängs före sista svarsdag.", code="reason_required")
    consultation.status = Consultation.Status.CLOSED
    consultation.closed_at = timezone.now()
    consultation.closed_by = actor
    consultation.close_reason = reason
    _stamp(consultation, actor, f"Remissen stängdes{': ' + reason if reason else ''}")
    consultation.save(update_fields=["status", "closed_at", "closed_by", "close_reason"])
    return consultation


@transaction.atomic
def consultation_reopen(
    *, actor, consultation: Consultation, reason: str, deadline: dt.date | None = None
) -> Consultation:
    """Take responses again (with a reason, and a new deadline if wanted)."""
    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte öppna denna remiss igen.")
    workflow.check(consultation.status, Consultation.Status.SENT)
    if not reason.strip():
        raise DomainError("Ange varför remissen öppnas igen.", code="reason_required")
    fields = ["status", "closed_at", "closed_by", "close_reason"]
    if deadline is not None:
        _check_deadline(deadline, sent_on=timezone.localdate())
        consultation.deadline = deadline
        fields.append("deadline")
    consultation.status = Consultation.Status.SENT
    consultation.closed_at = None
    consultation.closed_by = None
    consultation.close_reason = ""
    _stamp(consultation, actor, f"Remissen öppnades igen: {reason.strip()}")
    consultation.save(update_fields=fields)
    return consultation


@transaction.atomic
def consultation_compile(*, actor, consultation: Consultation) -> Consultation:
    """Compile the consultation: it becomes compiled, and the compilation (PDF and DOCX) is
    rendered and registered in the case by a background task after commit. On a compiled
    consultation it registers a new version (for instance once more comments have been answered)."""
    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte sammanställa denna remiss.")
    if consultation.status != Consultation.Status.COMPILED:
        workflow.check(consultation.status, Consultation.Status.COMPILED)
        consultation.status = Consultation.Status.COMPILED
        consultation.compiled_at = timezone.now()
        consultation.compiled_by = actor
        _stamp(consultation, actor, "Remissen sammanställdes")
        consultation.save(update_fields=["status", "compiled_at", "compiled_by"])
    if consultation.case.status == Case.Status.CLOSED:
        raise DomainError(
            f"Ärende {consultation.case.number} är avslutat; sammanställningen kan inte registreras.",
            code="case_closed",
        )
    consultation_id, actor_id = consultation.pk, actor.pk

    def render() -> None:
        from .tasks import register_compilation

        register_compilation.enqueue(consultation_id, actor_id)

    transaction.on_commit(render)
    return consultation


@transaction.atomic
def compilation_register(*, actor, consultation: Consultation) -> Compilation:
    """Render the compilation as PDF and DOCX and register it as a created document in the case
    (the next version). Long work: called by the task that `consultation_compile` enqueues."""
    from .export import compilation_docx, compilation_pdf

    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte sammanställa denna remiss.")
    if consultation.status != Consultation.Status.COMPILED:
        raise DomainError("Remissen är inte sammanställd.", code="not_compiled")
    data = selectors.compilation(consultation)
    today = timezone.localdate()
    version = (consultation.compilations.aggregate(last=Max("version"))["last"] or 0) + 1
    stem = f"sammanstallning-{consultation.case.number}-v{version}"
    files = [
        SimpleUploadedFile(f"{stem}.pdf", compilation_pdf(data), content_type="application/pdf"),
        SimpleUploadedFile(
            f"{stem}.docx",
            compilation_docx(data),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    document = registry_services.document_register(
        actor=actor,
        case=consultation.case,
        direction=Document.Direction.CREATED,
        document_type=document_type("sammanstallning"),
        document_date=today,
        subject=f"Remissammanställning: {consultation.title}"[:500],
        files=files,
    )
    compiled = Compilation(consultation=consultation, version=version, document=document, created_by=actor)
    _stamp(compiled, actor, f"Sammanställning version {version}")
    compiled.save()
    return compiled


@transaction.atomic
def consultation_link_final_proposal(*, actor, consultation: Consultation, proposal: Case | None) -> Consultation:
    """Link the case with the final proposal, so a reader can follow a comment to the decision."""
    consultation = _lock(consultation)
    _require_manage(actor, consultation, "Du får inte ändra denna remiss.")
    if consultation.status == Consultation.Status.DRAFT:
        raise DomainError("Ett utkast har inget slutligt förslag ännu.")
    consultation.final_proposal = proposal
    _stamp(consultation, actor, "Slutligt förslag kopplades" if proposal else "Kopplingen till förslaget togs bort")
    consultation.save(update_fields=["final_proposal"])
    return consultation


# -- The recipient's side ---------------------------------------------------------------------------


def _lock_recipient(recipient: Recipient) -> Recipient:
    return (
        Recipient.objects.select_for_update(of=("self",))
        .select_related("consultation__case__series", "body", "administration__body", "external", "recipient_case")
        .get(pk=recipient.pk)
    )


@transaction.atomic
def recipient_register_receipt(
    *,
    actor,
    recipient: Recipient,
    case: Case | None = None,
    series: CaseSeries | None = None,
    title: str = "",
    received_on: dt.date | None = None,
    responsible_officer: Person | None = None,
) -> Recipient:
    """The recipient's registrar registers the consultation as incoming, in an existing case of its
    own series or a new one, and the two cases reference each other."""
    recipient = _lock_recipient(recipient)
    consultation = recipient.consultation
    if not policies.can_register_receipt(actor, recipient):
        raise PermissionDenied(f"Du får inte registrera remisser till {recipient.name}.")
    if recipient.is_removed or consultation.status == Consultation.Status.DRAFT:
        raise DomainError("Remissen är inte skickad till er.")
    if recipient.incoming_document_id:
        raise DomainError(
            f"Remissen är redan registrerad i ärende {recipient.recipient_case.number}.", code="duplicate"
        )
    if (case is None) == (series is None):
        raise DomainError("Välj antingen ett befintligt ärende eller en diarieserie för ett nytt ärende.")
    received_on = received_on or timezone.localdate()
    if case is None:
        case = registry_services.case_open(
            actor=actor,
            series=series,
            title=(title or f"Remiss från {_sender_name(consultation)}: {consultation.title}")[:500],
            opened_on=received_on,
            responsible_officer=responsible_officer,
        )
    if case.pk == consultation.case_id:
        raise DomainError("Remissen kan inte registreras i avsändarens eget ärende.")
    document = registry_services.document_register(
        actor=actor,
        case=case,
        direction=Document.Direction.INCOMING,
        document_type=document_type("remiss"),
        document_date=max(consultation.sent_on or received_on, min(received_on, timezone.localdate())),
        subject=f"Remiss: {consultation.title} ({consultation.case.number})"[:500],
        counterpart=_sender_party(consultation),
    )
    try:
        with transaction.atomic():
            registry_services.case_relate(
                actor=actor, case=case, other=consultation.case, note=f"Remiss: {consultation.title}"[:300]
            )
    except (DomainError, IntegrityError) as error:
        if getattr(error, "code", "") != "duplicate":
            raise
    recipient.recipient_case = case
    recipient.incoming_document = document
    recipient.registered_at = timezone.now()
    _stamp(recipient, actor, f"Remissen registrerades i {case.number}")
    recipient.save(update_fields=["recipient_case", "incoming_document", "registered_at"])
    return recipient


def _sender_party(consultation: Consultation) -> Body | Administration | str:
    if consultation.sender_body_id:
        return consultation.sender_body
    case = consultation.case
    return case.responsible_body or case.responsible_administration or case.series.name


def _sender_name(consultation: Consultation) -> str:
    return str(_sender_party(consultation))


@dataclass(frozen=True)
class CommentInput:
    text: str
    topics: Sequence[Topic] = field(default_factory=tuple)


def _check_response_content(
    consultation: Consultation, standpoint: str, answers: Mapping[int, str], comments: Sequence[CommentInput]
) -> tuple[dict[int, str], list[CommentInput]]:
    if standpoint not in Response.Standpoint.values:
        raise DomainError("Välj ett ställningstagande.", code="standpoint")
    question_ids = set(selectors.active_questions(consultation).values_list("pk", flat=True))
    unknown = set(answers) - question_ids
    if unknown:
        raise DomainError("Svaret gäller en fråga som inte finns i remissen.", code="unknown_question")
    cleaned_answers = {qid: text.strip() for qid, text in answers.items() if text and text.strip()}
    cleaned_comments = []
    for comment in comments:
        if not comment.text.strip():
            continue
        for topic in comment.topics:
            if not isinstance(topic, Topic) or not topic.is_active:
                raise DomainError("Välj ämnen ur listan.", code="unknown_topic")
        cleaned_comments.append(CommentInput(comment.text.strip(), tuple(comment.topics)))
    return cleaned_answers, cleaned_comments


def _write_content(
    actor,
    response: Response,
    answers: dict[int, str],
    comments: list[CommentInput],
    reason: str,
) -> None:
    existing_answers = {a.question_id: a for a in response.answers.all()}
    for question_id, text in answers.items():
        answer = existing_answers.get(question_id)
        if answer is None:
            answer = Answer(response=response, question_id=question_id, text=text)
            _stamp(answer, actor, reason)
            answer.save()
        elif answer.text != text:
            answer.text = text
            _stamp(answer, actor, reason)
            answer.save(update_fields=["text"])
    for question_id, answer in existing_answers.items():
        if question_id not in answers and answer.text:
            answer.text = ""
            _stamp(answer, actor, reason)
            answer.save(update_fields=["text"])
    existing_comments = {c.position: c for c in response.comments.all()}
    for position, item in enumerate(comments, start=1):
        comment = existing_comments.get(position)
        if comment is None:
            comment = Comment(response=response, position=position, text=item.text)
            comment.full_clean()
            _stamp(comment, actor, reason)
            comment.save()
        elif comment.text != item.text or comment.is_removed:
            comment.text, comment.is_removed = item.text, False
            _stamp(comment, actor, reason)
            comment.save(update_fields=["text", "is_removed"])
        if {t.pk for t in comment.topics.all()} != {t.pk for t in item.topics}:
            comment.topics.set(item.topics)
    for position, comment in existing_comments.items():
        if position > len(comments) and not comment.is_removed:
            comment.is_removed = True
            _stamp(comment, actor, reason)
            comment.save(update_fields=["is_removed"])


def _check_can_respond(actor, recipient: Recipient) -> None:
    if not policies.can_respond(actor, recipient):
        raise PermissionDenied(f"Bara {recipient.name} kan svara på remissen.")
    if recipient.is_removed:
        raise DomainError("Remissen är inte skickad till er.")
    consultation = recipient.consultation
    if consultation.status == Consultation.Status.DRAFT:
        raise DomainError("Remissen är inte skickad ännu.", code="not_sent")
    if consultation.status != Consultation.Status.SENT:
        raise DomainError(
            "Remissen är stängd och tar inte emot svar. Avsändaren kan öppna den igen.", code="consultation_closed"
        )


@transaction.atomic
def response_save(
    *,
    actor,
    recipient: Recipient,
    standpoint: str,
    summary: str = "",
    answers: Mapping[int, str] | None = None,
    comments: Sequence[CommentInput] = (),
    decision_reference: str = "",
) -> Response:
    """Write or replace the recipient's draft response (a sent response is corrected instead)."""
    recipient = _lock_recipient(recipient)
    _check_can_respond(actor, recipient)
    consultation = recipient.consultation
    answers_clean, comments_clean = _check_response_content(consultation, standpoint, answers or {}, comments)
    response = Response.objects.select_for_update().filter(recipient=recipient).first()
    if response is not None and response.status == Response.Status.SENT:
        raise DomainError("Svaret är redan skickat. Rätta det som en ny version.", code="already_sent")
    if response is None:
        response = Response(recipient=recipient, written_by=actor)
        reason = "Svaret påbörjades"
    else:
        reason = "Utkastet till svar ändrades"
    response.standpoint = standpoint
    response.summary = summary.strip()
    response.decision_reference = decision_reference.strip()
    response.full_clean()
    _stamp(response, actor, reason)
    response.save()
    _write_content(actor, response, answers_clean, comments_clean, reason)
    return response


def _authorised_actor(case: Case, candidates: Iterable[Any]) -> Any | None:
    """The first candidate user who may register documents in `case`."""
    for user in candidates:
        if user is not None and user.is_active and registry_policies.can_register_document(user, case):
            return user
    return None


def _officer_user(case: Case | None):
    person = case.responsible_officer if case is not None else None
    return person.user if person is not None else None


def _register_response_documents(actor, response: Response, files: list[tuple[str, bytes, str]], label: str) -> None:
    """Register the response as outgoing in the recipient's case and incoming in the consultation's case."""
    from .export import response_pdf

    recipient = response.recipient
    consultation = recipient.consultation
    day = response.sent_on or timezone.localdate()
    stem = f"remissvar-{consultation.case.number}-{recipient.pk}-v{response.version}"
    contents = [(f"{stem}.pdf", response_pdf(response), "application/pdf"), *files]

    def uploads() -> list[UploadedFile]:
        return [SimpleUploadedFile(name, data, content_type=kind) for name, data, kind in contents]

    party = recipient.party
    if recipient.recipient_case is not None and recipient.recipient_case.status == Case.Status.OPEN:
        case = recipient.recipient_case
        registrar = _authorised_actor(case, [actor, _officer_user(case)])
        if registrar is not None:
            response.recipient_document = registry_services.document_register(
                actor=registrar,
                case=case,
                direction=Document.Direction.OUTGOING,
                document_type=document_type("remissvar"),
                document_date=day,
                subject=f"{label} till {_sender_name(consultation)}: {consultation.title}"[:500],
                counterpart=_sender_party(consultation),
                files=uploads(),
            )
    sender_case = consultation.case
    if sender_case.status == Case.Status.OPEN:
        # The response arrives through Samverka; it is registered on behalf of the sender's officer.
        receiver = _authorised_actor(
            sender_case, [_officer_user(consultation), consultation.sent_by, consultation.created_by, actor]
        )
        if receiver is not None:
            response.sender_document = registry_services.document_register(
                actor=receiver,
                case=sender_case,
                direction=Document.Direction.INCOMING,
                document_type=document_type("remissvar"),
                document_date=day,
                subject=f"{label} från {party}: {consultation.title}"[:500],
                counterpart=party,
                files=uploads(),
            )


def _read_files(files: Iterable[UploadedFile]) -> list[tuple[str, bytes, str]]:
    read = []
    for upload in files:
        upload.seek(0)
        read.append((upload.name or "bilaga", upload.read(), upload.content_type or "application/octet-stream"))
    return read


@transaction.atomic
def response_send(
    *, actor, recipient: Recipient, files: Iterable[UploadedFile] = (), sent_on: dt.date | None = None
) -> Response:
    """Send the draft response: registered on both sides, marked late after the deadline.

    `files` are the response as a document (e.g. the committee's signed statement or decision);
    `sent_on` is only for recording a response sent earlier (the demo, imports)."""
    recipient = _lock_recipient(recipient)
    _check_can_respond(actor, recipient)
    response = Response.objects.select_for_update().filter(recipient=recipient).first()
    if response is None:
        raise DomainError("Skriv svaret innan det skickas.", code="no_response")
    if response.status == Response.Status.SENT:
        raise DomainError("Svaret är redan skickat. Rätta det som en ny version.", code="already_sent")
    active_comments = response.comments.filter(is_removed=False).count()
    if response.standpoint == Response.Standpoint.SUPPORTS_WITH_COMMENTS and not active_comments:
        raise DomainError("Ett svar som tillstyrker med synpunkter behöver minst en synpunkt.", code="no_comments")
    if response.standpoint != Response.Standpoint.DECLINES and not (
        response.summary or active_comments or response.answers.exclude(text="").exists()
    ):
        raise DomainError("Skriv en sammanfattning, svara på frågorna eller lämna synpunkter.", code="empty")
    today = timezone.localdate()
    sent_on = sent_on or today
    if sent_on > today:
        raise DomainError("Ett svar kan inte skickas med ett datum i framtiden.")
    consultation = recipient.consultation
    response.status = Response.Status.SENT
    response.sent_on = sent_on
    response.sent_by = actor
    response.version += 1
    response.is_late = sent_on > consultation.deadline
    label = "Remissvar (avstår)" if response.is_declined else "Remissvar"
    _register_response_documents(actor, response, _read_files(files), label)
    _stamp(
        response,
        actor,
        ("Avstod från att svara" if response.is_declined else "Svaret skickades")
        + (" (sent)" if response.is_late else ""),
    )
    response.save(
        update_fields=[
            "status",
            "sent_on",
            "sent_by",
            "version",
            "is_late",
            "recipient_document",
            "sender_document",
            "updated_at",
        ]
    )
    return response


@transaction.atomic
def response_correct(
    *,
    actor,
    recipient: Recipient,
    reason: str,
    standpoint: str,
    summary: str = "",
    answers: Mapping[int, str] | None = None,
    comments: Sequence[CommentInput] = (),
    decision_reference: str = "",
    files: Iterable[UploadedFile] = (),
) -> Response:
    """Correct a sent response: a new version, registered again on both sides; the history keeps the old one."""
    recipient = _lock_recipient(recipient)
    _check_can_respond(actor, recipient)
    if not reason.strip():
        raise DomainError("Ange varför svaret rättas.", code="reason_required")
    response = Response.objects.select_for_update().filter(recipient=recipient).first()
    if response is None or response.status != Response.Status.SENT:
        raise DomainError("Bara ett skickat svar kan rättas; ändra annars utkastet.", code="not_sent")
    consultation = recipient.consultation
    answers_clean, comments_clean = _check_response_content(consultation, standpoint, answers or {}, comments)
    response.standpoint = standpoint
    response.summary = summary.strip()
    response.decision_reference = decision_reference.strip()
    response.version += 1
    response.sent_on = timezone.localdate()
    response.sent_by = actor
    response.is_late = response.sent_on > consultation.deadline
    response.full_clean()
    text = f"Rättelse, version {response.version}: {reason.strip()}"
    _write_content(actor, response, answers_clean, comments_clean, text)
    _register_response_documents(actor, response, _read_files(files), f"Rättat remissvar (version {response.version})")
    _stamp(response, actor, text)
    response.save()
    return response


# -- The sender's answer to every comment ------------------------------------------------------------


@transaction.atomic
def comment_handle(*, actor, comment: Comment, handling: str, motivation: str) -> Comment:
    """Record how a comment was handled in the final proposal, with a motivation."""
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("response__recipient__consultation__case__series")
        .get(pk=comment.pk)
    )
    consultation = comment.response.recipient.consultation
    if not policies.can_handle_comment(actor, comment):
        raise PermissionDenied("Bara avsändaren kan besvara synpunkterna.")
    if comment.is_removed or comment.response.status != Response.Status.SENT:
        raise DomainError("Synpunkten finns inte i ett skickat svar.")
    if consultation.status == Consultation.Status.DRAFT:
        raise DomainError("Remissen är inte skickad.")
    if handling not in Comment.Handling.values:
        raise DomainError("Välj hur synpunkten hanterades.", code="handling")
    if not motivation.strip():
        raise DomainError("Motivera hur synpunkten hanterades.", code="motivation_required")
    comment.handling = handling
    comment.handling_motivation = motivation.strip()
    comment.handled_by = actor
    comment.handled_at = timezone.now()
    comment.full_clean()
    _stamp(comment, actor, f"Synpunkten besvarades: {Comment.Handling(handling).label}")
    comment.save(update_fields=["handling", "handling_motivation", "handled_by", "handled_at"])
    return comment


# -- Reminders ------------------------------------------------------------------------------------------


def _reminder_kind(recipient: Recipient, today: dt.date) -> str | None:
    deadline = recipient.consultation.deadline
    if today >= deadline:
        return Reminder.Kind.ON_DEADLINE
    if today >= deadline - dt.timedelta(days=recipient.consultation.reminder_days):
        return Reminder.Kind.BEFORE_DEADLINE
    return None


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind every recipient that has not answered, before the deadline and on it. Safe to run
    twice: each reminder is recorded (one per recipient, kind and deadline) before it is sent."""
    from .tasks import send_reminder

    today = today or timezone.localdate()
    sent = 0
    for recipient in selectors.recipients_to_remind(today=today):
        kind = _reminder_kind(recipient, today)
        if kind is None:
            continue
        addresses = selectors.recipient_contacts(recipient)
        try:
            with transaction.atomic():
                _reminder, created = Reminder.objects.get_or_create(
                    recipient=recipient,
                    kind=kind,
                    deadline=recipient.consultation.deadline,
                    defaults={"addresses": ", ".join(addresses)},
                )
                if not created:
                    continue
                reminder_id = _reminder.pk
                transaction.on_commit(lambda reminder_id=reminder_id: send_reminder.enqueue(reminder_id))
        except IntegrityError:
            continue  # another run recorded the same reminder at the same moment: it sends it
        sent += 1
    return sent
