from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_reminder_email(recipient: str, subject: str, body: str) -> None:
    """Send one reminder. The record in ReminderSent is written before, so it is never sent twice."""
    send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[recipient])
