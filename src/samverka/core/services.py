from django.conf import settings
from django.core.mail import mail_admins, send_mail
from django.db import transaction

from .errors import DomainError
from .models import AccessibilityReport


@transaction.atomic
def accessibility_report_create(*, description: str, page_url: str = "", contact: str = "") -> AccessibilityReport:
    """Anyone, signed in or not, may report an accessibility fault; the contact point is told."""
    if len(description.strip()) < 10:
        raise DomainError("Beskriv problemet med minst tio tecken.")
    report = AccessibilityReport(
        description=description.strip(), page_url=page_url.strip()[:500], contact=contact.strip()
    )
    report.full_clean()
    report.save()

    def notify() -> None:
        send_mail(
            subject="Rapporterad tillgänglighetsbrist i Samverka",
            message=f"Sida: {report.page_url or '–'}\nKontakt: {report.contact or '–'}\n\n{report.description}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[settings.SAMVERKA_ACCESSIBILITY_CONTACT],
            fail_silently=True,
        )
        mail_admins("Tillgänglighetsbrist rapporterad", report.description, fail_silently=True)

    transaction.on_commit(notify)
    return report
