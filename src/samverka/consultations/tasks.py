"""E-mail to recipients, run after commit as background tasks (immediately in tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from . import selectors
from .models import Consultation, Reminder


def _link(path: str) -> str:
    base = getattr(settings, "SAMVERKA_BASE_URL", "").rstrip("/")
    return f"{base}{path}"


@task()
def notify_recipients(consultation_id: int) -> int:
    """Tell each recipient's digital leads and registrars that a consultation has arrived."""
    consultation = Consultation.objects.select_related("case").get(pk=consultation_id)
    questions = list(selectors.active_questions(consultation))
    link = _link(reverse("consultations:detail", args=[consultation.pk]))
    sent = 0
    for recipient in selectors.active_recipients(consultation):
        addresses = selectors.recipient_contacts(recipient)
        if not addresses:
            continue
        lines = [
            f"{recipient.name} har fått en remiss från {consultation.case.number}: {consultation.title}.",
            "",
            f"Svara senast {consultation.deadline:%Y-%m-%d}.",
            "",
            "Frågor att särskilt beakta:",
            *[f"{q.position}. {q.text}" for q in questions],
            "",
            f"Remissen finns i Samverka: {link}",
        ]
        send_mail(
            f"Remiss: {consultation.title} (svar senast {consultation.deadline:%Y-%m-%d})",
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            addresses,
        )
        sent += 1
    return sent


@task()
def send_reminder(reminder_id: int) -> None:
    """Send one recorded reminder."""
    reminder = Reminder.objects.select_related(
        "recipient__consultation__case", "recipient__body", "recipient__administration", "recipient__external"
    ).get(pk=reminder_id)
    addresses = [a.strip() for a in reminder.addresses.split(",") if a.strip()]
    if not addresses:
        return
    consultation = reminder.recipient.consultation
    if reminder.kind == Reminder.Kind.ON_DEADLINE:
        subject = f"Påminnelse: remissvar ska vara inne i dag – {consultation.title}"
    else:
        subject = f"Påminnelse: svara på remissen senast {consultation.deadline:%Y-%m-%d} – {consultation.title}"
    body = (
        f"{reminder.recipient.name} har ännu inte svarat på remissen {consultation.title} "
        f"({consultation.case.number}).\n\n"
        f"Sista svarsdag: {consultation.deadline:%Y-%m-%d}.\n\n"
        f"Svara i Samverka: {_link(reverse('consultations:detail', args=[consultation.pk]))}"
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)


@task()
def register_compilation(consultation_id: int, actor_id: int) -> int:
    """Render and register the compilation (the long part of compiling). Returns the version."""
    from django.contrib.auth import get_user_model

    from . import services

    actor = get_user_model().objects.get(pk=actor_id)
    consultation = Consultation.objects.get(pk=consultation_id)
    return services.compilation_register(actor=actor, consultation=consultation).version
