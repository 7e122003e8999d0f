"""Versioned programmes of principles for digitalisation; needs and initiatives link to principles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PrincipleProgramme(models.Model):
    """A programme of principles in force for a span of years, e.g. "Principer för digitalisering" (2023–)."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    valid_from = models.PositiveIntegerField(_("gäller från år"))
    valid_to = models.PositiveIntegerField(_("gäller till och med år"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("ersätter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    decision_reference = models.CharField(
        _("beslut"), max_length=200, blank=True, help_text=_("T.ex. KF 2023-02-23 § 45.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("principprogram")
        verbose_name_plural = _("principprogram")
        ordering = ["-valid_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="principle_programme_years_order",
                violation_error_message=_("Programmet kan inte sluta gälla innan det börjar gälla."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_label})"

    @property
    def period_label(self) -> str:
        return f"{self.valid_from}–{self.valid_to or ''}"

    def covers(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)

    def clean(self) -> None:
        if self.valid_from and not 1990 <= self.valid_from <= 2100:
            raise ValidationError({"valid_from": _("Ange ett årtal mellan 1990 och 2100.")})
        if self.replaces_id and self.replaces_id == self.pk:
            raise ValidationError({"replaces": _("Ett program kan inte ersätta sig självt.")})


class Principle(models.Model):
    """One principle of a programme."""

    programme = models.ForeignKey(
        PrincipleProgramme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="principles"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("princip för digitalisering")
        verbose_name_plural = _("principer för digitalisering")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="principle_programme_number"),
            models.UniqueConstraint(fields=["programme", "title"], name="principle_programme_title"),
        ]

    def __str__(self) -> str:
        return self.title
