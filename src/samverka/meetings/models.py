"""Meetings of bodies, their agendas, attendance, minutes, verification, notices and extracts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.organisation.models import Administration, Body, ExternalParty, Person
from samverka.registry.models import Case, Document


class ParagraphCounter(models.Model):
    """The last paragraph number a body used in a calendar year; locked while numbers are allocated."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="paragraph_counter_body_year")]


class Meeting(models.Model):
    """A sammanträde of a body, from planning to the end of the appeal period."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerat")
        CALLED = "called", _("Kallat")
        HELD = "held", _("Genomfört")
        DRAFTED = "drafted", _("Protokoll upprättat")
        VERIFIED = "verified", _("Justerat")
        POSTED = "posted", _("Anslaget")
        APPEAL_OVER = "appeal_over", _("Överklagandetiden har gått ut")
        CANCELLED = "cancelled", _("Inställt")

    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=300)
    secretary = models.ForeignKey(
        Person, verbose_name=_("sekreterare"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    called_at = models.DateTimeField(_("kallat"), null=True, blank=True)
    held_at = models.DateTimeField(_("avslutat"), null=True, blank=True)
    drafted_at = models.DateTimeField(_("protokoll upprättat"), null=True, blank=True)
    verified_at = models.DateTimeField(_("justerat"), null=True, blank=True)
    verified_on = models.DateField(_("justeringsdag"), null=True, blank=True)
    minutes_pdf = models.FileField(_("protokoll (PDF/A, sigillerat)"), upload_to="meetings/minutes/", blank=True)
    minutes_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    sealed_at = models.DateTimeField(_("sigillerat"), null=True, blank=True)
    notice_pdf = models.FileField(_("kallelse (PDF)"), upload_to="meetings/notices/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "-starts_at"]), models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="meeting_times_in_order",
                violation_error_message=_("Sammanträdet kan inte sluta innan det börjar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name} {self.starts_at:%Y-%m-%d}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Sammanträdet kan inte sluta innan det börjar.")})

    @property
    def is_locked(self) -> bool:
        """Verified minutes never change again."""
        return self.status in (self.Status.VERIFIED, self.Status.POSTED, self.Status.APPEAL_OVER)


class AgendaItem(models.Model):
    """A point on the agenda; once handled at the meeting it is a paragraph (§) of the minutes."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Beslutsärende")
        INFORMATION = "information", _("Informationsärende")
        ELECTION = "election", _("Val")

    meeting = models.ForeignKey(Meeting, verbose_name=_("sammanträde"), on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField(_("ordning"))
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.DECISION)
    title = models.CharField(_("rubrik"), max_length=500)
    case = models.ForeignKey(
        Case, verbose_name=_("ärende"), null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    proposal = models.TextField(_("förslag till beslut"), blank=True, help_text=_("En beslutspunkt per rad."))
    decision_intro = models.CharField(_("beslutsformel"), max_length=300, blank=True)
    decision = models.TextField(_("beslut"), blank=True, help_text=_("En beslutspunkt per rad."))
    supporting_documents = models.ManyToManyField(
        Document, verbose_name=_("beslutsunderlag"), blank=True, related_name="agenda_items"
    )
    paragraph_body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    paragraph_year = models.PositiveIntegerField(_("år"), null=True, blank=True)
    paragraph_number = models.PositiveIntegerField(_("paragraf"), null=True, blank=True)
    immediately_verified_at = models.DateTimeField(_("omedelbart justerad"), null=True, blank=True)
    decision_recorded_at = models.DateTimeField(_("beslut protokollfört"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[supporting_documents])

    class Meta:
        verbose_name = _("punkt på föredragningslistan")
        verbose_name_plural = _("föredragningslista")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position"),
            models.UniqueConstraint(
                fields=["paragraph_body", "paragraph_year", "paragraph_number"],
                name="paragraph_number_unique_per_body_year",
                condition=Q(paragraph_number__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paragraph_label or self.position} {self.title}"

    @property
    def paragraph_label(self) -> str:
        return f"§ {self.paragraph_number}" if self.paragraph_number else ""

    @property
    def decision_points(self) -> list[str]:
        return [line.strip() for line in self.decision.splitlines() if line.strip()]

    @property
    def proposal_points(self) -> list[str]:
        return [line.strip() for line in self.proposal.splitlines() if line.strip()]


class Attendance(models.Model):
    """Who took part: deciding members, serving and non-serving substitutes, others present."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Ledamot")
        SERVING_SUBSTITUTE = "serving_substitute", _("Tjänstgörande ersättare")
        SUBSTITUTE = "substitute", _("Ersättare")
        OTHER = "other", _("Övrig närvarande")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("närvarande som"), max_length=20, choices=Role.choices)
    party = models.CharField(_("parti"), max_length=20, blank=True)
    title = models.CharField(_("titel eller uppdrag"), max_length=200, blank=True, help_text=_("T.ex. Ordförande."))
    replaces = models.ForeignKey(
        Person, verbose_name=_("ersätter"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    arrives_at_item = models.ForeignKey(
        AgendaItem, verbose_name=_("kom till punkt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    leaves_after_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("lämnade efter punkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["meeting", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")]

    def __str__(self) -> str:
        return self.label

    @property
    def is_deciding(self) -> bool:
        return self.role in (self.Role.MEMBER, self.Role.SERVING_SUBSTITUTE)

    @property
    def label(self) -> str:
        name = self.person.full_name
        if self.party:
            name += f" ({self.party})"
        if self.title:
            name += f" ({self.title})"
        return name

    def present_at(self, item: AgendaItem) -> bool:
        if self.arrives_at_item_id and self.arrives_at_item.position > item.position:
            return False
        return not (self.leaves_after_item_id and self.leaves_after_item.position < item.position)


class Disqualification(models.Model):
    """Jäv: the member takes no part in the item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="disqualifications")
    attendance = models.ForeignKey(Attendance, verbose_name=_("ledamot"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("grund"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jäv")
        verbose_name_plural = _("jäv")
        constraints = [models.UniqueConstraint(fields=["item", "attendance"], name="disqualification_once")]


def _attachment_path(instance, filename: str) -> str:
    return f"meetings/attachments/{instance.item.meeting_id}/{filename}"


class Dissent(models.Model):
    """Reservation: announced at the meeting; the written reasons may follow until verification."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="dissents")
    attendance = models.ForeignKey(Attendance, verbose_name=_("ledamot"), on_delete=models.PROTECT, related_name="+")
    announced_at = models.DateTimeField(_("anmäld"))
    reasons = models.TextField(_("skriftlig motivering"), blank=True)
    attachment = models.FileField(_("bilaga"), upload_to=_attachment_path, blank=True)
    reasons_submitted_at = models.DateTimeField(_("motivering inlämnad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservationer")
        ordering = ["item", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "attendance"], name="dissent_once")]


class SpecialStatement(models.Model):
    """Särskilt yttrande by one or more members, often an attachment to the minutes."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="statements")
    members = models.ManyToManyField(Attendance, verbose_name=_("ledamöter"), related_name="+")
    text = models.TextField(_("yttrande"), blank=True)
    attachment_label = models.CharField(_("bilaga"), max_length=50, blank=True, help_text=_("T.ex. Bilaga 13."))
    attachment = models.FileField(_("bilaga (fil)"), upload_to=_attachment_path, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["members"])

    class Meta:
        verbose_name = _("särskilt yttrande")
        verbose_name_plural = _("särskilda yttranden")
        ordering = ["item", "id"]


class DispatchRecipient(models.Model):
    """One line of "beslutet skickas till", and whether the extract has been sent."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="dispatch_recipients")
    position = models.PositiveIntegerField(default=0)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    administration = models.ForeignKey(
        Administration, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external = models.ForeignKey(ExternalParty, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("mottagare"), max_length=300)
    email = models.EmailField(_("e-post"), blank=True)
    dispatched_at = models.DateTimeField(_("expedierat"), null=True, blank=True)
    dispatch_note = models.CharField(_("anteckning"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mottagare av beslutet")
        verbose_name_plural = _("beslutet skickas till")
        ordering = ["item", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Signatory(models.Model):
    """A person who signs the minutes: the chair, a verifier or the secretary."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("Sekreterare")
        CHAIR = "chair", _("Ordförande")
        VERIFIER = "verifier", _("Justerande")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="signatories")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    signed_at = models.DateTimeField(_("signerat"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sign_in_method = models.CharField(_("inloggningsmetod"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("undertecknare")
        verbose_name_plural = _("undertecknare")
        ordering = ["meeting", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person", "role"], name="signatory_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Notice(models.Model):
    """A posting on the public notice board: verified minutes, or the announcement of a council meeting."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Protokoll")
        ANNOUNCEMENT = "announcement", _("Kungörelse")

    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="notices")
    title = models.CharField(_("rubrik"), max_length=300)
    posted_on = models.DateField(_("anslaget"))
    takedown_on = models.DateField(_("tas ned"))
    appeal_ends_on = models.DateField(_("överklagandetiden går ut"), null=True, blank=True)
    kept_at = models.CharField(_("förvaringsplats"), max_length=300, blank=True)
    posted_late = models.BooleanField(_("anslaget för sent"), default=False)
    taken_down_at = models.DateTimeField(_("nedtaget"), null=True, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anslag")
        verbose_name_plural = _("anslagstavla")
        ordering = ["-posted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="notice_once_per_meeting"),
            models.CheckConstraint(condition=Q(takedown_on__gte=models.F("posted_on")), name="notice_dates_in_order"),
        ]

    def __str__(self) -> str:
        return self.title


class Extract(models.Model):
    """Protokollsutdrag: one paragraph as PDF and DOCX, registered in the paragraph's case."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="extracts")
    pdf = models.FileField(_("PDF"), upload_to="meetings/extracts/", blank=True)
    docx = models.FileField(_("DOCX"), upload_to="meetings/extracts/", blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("registrerad handling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dispatched_at = models.DateTimeField(_("expedierat"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("protokollsutdrag")
        verbose_name_plural = _("protokollsutdrag")
        ordering = ["-created_at"]


class Reminder(models.Model):
    """A reminder that has been sent, so that nobody gets the same one twice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="reminder_once")]
