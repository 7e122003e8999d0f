from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AccessibilityReport(models.Model):
    """A reported accessibility fault (the law requires a way to report one)."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        HANDLED = "handled", _("Hanterad")

    page_url = models.CharField(_("sida"), max_length=500, blank=True)
    description = models.TextField(_("beskrivning av problemet"))
    contact = models.CharField(_("kontaktuppgift"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("inkom"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapporterad tillgänglighetsbrist")
        verbose_name_plural = _("rapporterade tillgänglighetsbrister")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description[:60]
