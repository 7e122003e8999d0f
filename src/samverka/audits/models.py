"""Audits (granskningar): the auditors' report with its findings, the board's answer with actions,
the required interim and final reports, and the reminders sent about them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.organisation.models import Administration, Body, Person
from samverka.registry.models import Case, Document


class Audit(models.Model):
    """An auditors' report (granskningsrapport), registered in the auditors' series, and the board's answer."""

    case = models.OneToOneField(
        Case, verbose_name=_("revisionens ärende"), on_delete=models.PROTECT, related_name="audit"
    )
    title = models.CharField(_("rubrik"), max_length=300)
    report_date = models.DateField(_("rapportens datum"))
    auditor_body = models.ForeignKey(Body, verbose_name=_("revisorer"), on_delete=models.PROTECT, related_name="audits")
    summary = models.TextField(_("sammanfattning av granskningen"), blank=True)
    # The board's answer (yttrande), in a case of its own.
    response_case = models.OneToOneField(
        Case,
        verbose_name=_("svarets ärende"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_response",
    )
    response_body = models.ForeignKey(
        Body,
        verbose_name=_("svarande organ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_responses",
    )
    response_date = models.DateField(_("yttrandets datum"), null=True, blank=True)
    response_address = models.CharField(_("adress"), max_length=200, blank=True)
    response_recipients = models.TextField(
        _("mottagare"), blank=True, help_text=_("En mottagare (e-postadress eller namn) per rad.")
    )
    response_summary = models.TextField(_("sammanfattning av yttrandet"), blank=True)
    response_statement = models.TextField(_("yttrande"), blank=True)
    final_report_due = models.DateField(_("slutredovisning senast"), null=True, blank=True)
    statement_document = models.ForeignKey(
        Document,
        verbose_name=_("registrerat yttrande"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("granskning")
        verbose_name_plural = _("granskningar")
        ordering = ["-report_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response_case__isnull=True) | ~Q(response_case=models.F("case")),
                name="audit_response_case_differs",
                violation_error_message=_("Svaret ska registreras i ett eget ärende."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.title}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.response_recipients.splitlines() if line.strip()]


class Finding(models.Model):
    """One finding (iakttagelse) of the audit, with the auditors' recommendation."""

    audit = models.ForeignKey(Audit, verbose_name=_("granskning"), on_delete=models.PROTECT, related_name="findings")
    sequence = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("iakttagelse"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    recommendation = models.TextField(_("rekommendation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("iakttagelse")
        verbose_name_plural = _("iakttagelser")
        ordering = ["audit", "sequence"]
        constraints = [models.UniqueConstraint(fields=["audit", "sequence"], name="finding_audit_sequence")]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.title}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Genomförd")
    DELAYED = "delayed", _("Försenad")


class Action(models.Model):
    """An action (åtgärd) the board commits to in answer to a finding."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("iakttagelse"), on_delete=models.PROTECT, related_name="actions"
    )
    sequence = models.PositiveIntegerField(_("nummer"))
    description = models.TextField(_("åtgärd"))
    expected_effect = models.TextField(_("förväntad effekt"))
    responsible_body = models.ForeignKey(
        Body, verbose_name=_("ansvarigt organ"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responsible_administration = models.ForeignKey(
        Administration,
        verbose_name=_("ansvarig förvaltning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_person = models.ForeignKey(
        Person, verbose_name=_("ansvarig person"), on_delete=models.PROTECT, related_name="audit_actions"
    )
    original_due_date = models.DateField(_("ursprunglig tidsgräns"))
    due_date = models.DateField(_("tidsgräns"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    completed_on = models.DateField(_("genomförd"), null=True, blank=True)
    evidence_document = models.ForeignKey(
        Document,
        verbose_name=_("underlag (handling)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence_decision = models.CharField(
        _("underlag (beslut)"), max_length=300, blank=True, help_text=_("T.ex. KF 2021-03-31 § 67.")
    )
    status_changed_at = models.DateTimeField(_("status ändrad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["finding__audit", "finding__sequence", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["finding", "sequence"], name="action_finding_sequence"),
            models.CheckConstraint(
                condition=~Q(status="done")
                | (Q(completed_on__isnull=False) & (Q(evidence_document__isnull=False) | ~Q(evidence_decision=""))),
                name="action_done_has_evidence",
                violation_error_message=_("En genomförd åtgärd behöver ett datum och ett underlag."),
            ),
            models.CheckConstraint(
                condition=Q(responsible_body__isnull=False) | Q(responsible_administration__isnull=False),
                name="action_has_responsible_unit",
                violation_error_message=_("Ange ansvarigt organ eller ansvarig förvaltning."),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["responsible_person", "status"])]

    def __str__(self) -> str:
        return f"{self.finding.sequence}.{self.sequence} {self.description[:60]}"

    @property
    def number(self) -> str:
        return f"{self.finding.sequence}.{self.sequence}"

    @property
    def responsible_unit(self) -> Body | Administration | None:
        return self.responsible_administration or self.responsible_body

    def is_overdue(self, today) -> bool:
        return self.status != ActionStatus.DONE and self.due_date < today

    def clean(self) -> None:
        if not (self.responsible_body_id or self.responsible_administration_id):
            raise ValidationError({"responsible_body": _("Ange ansvarigt organ eller ansvarig förvaltning.")})


class ActionEvent(models.Model):
    """A dated entry in an action's log: a status note by the responsible, or a change of status or date."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Statusanteckning")
        TRANSITION = "transition", _("Statusändring")

    action = models.ForeignKey(Action, verbose_name=_("åtgärd"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    noted_on = models.DateField(_("datum"))
    text = models.TextField(_("text"), blank=True)
    from_status = models.CharField(_("från status"), max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(_("till status"), max_length=20, choices=ActionStatus.choices, blank=True)
    old_due_date = models.DateField(_("tidigare tidsgräns"), null=True, blank=True)
    new_due_date = models.DateField(_("ny tidsgräns"), null=True, blank=True)
    author = models.ForeignKey(
        Person, verbose_name=_("av"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("händelse för åtgärd")
        verbose_name_plural = _("händelser för åtgärder")
        ordering = ["action", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action_id} {self.get_kind_display()} {self.noted_on}"


class AuditReport(models.Model):
    """A required report to the auditors on the actions: an interim report (delredovisning) or the final one."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Delredovisning")
        FINAL = "final", _("Slutredovisning")

    class Status(models.TextChoices):
        DUE = "due", _("Ska lämnas")
        SUBMITTED = "submitted", _("Lämnad")

    audit = models.ForeignKey(Audit, verbose_name=_("granskning"), on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    due_date = models.DateField(_("ska lämnas senast"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DUE)
    submitted_on = models.DateField(_("lämnad"), null=True, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("registrerad handling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("redovisning")
        verbose_name_plural = _("redovisningar")
        ordering = ["audit", "due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit"], condition=Q(kind="final"), name="audit_report_one_final"),
            models.CheckConstraint(
                condition=Q(status="due") | Q(submitted_on__isnull=False), name="audit_report_submitted_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date}"


# Interim reports in the same sense as the design's glossary (delredovisning).
InterimReport = AuditReport


class ReminderSent(models.Model):
    """A reminder that has been sent; the periodic job never sends the same one twice."""

    class Kind(models.TextChoices):
        ACTION_OVERDUE = "action_overdue", _("Åtgärd försenad")
        REPORT_DUE = "report_due", _("Redovisning ska lämnas")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    due_date = models.DateField()
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "due_date", "recipient"], name="audit_reminder_once")
        ]
