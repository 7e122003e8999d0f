"""Consultations (remisser): a proposal sent to recipients with questions and a deadline,
their responses (remissvar) with comments (synpunkter), and how each comment was handled."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.organisation.models import Administration, Body, ExternalParty, Person
from samverka.registry.models import Case, Document


class Topic(models.Model):
    """A term of the managed vocabulary that comments are tagged with (licenskostnader, uppföljning …)."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ämne")
        verbose_name_plural = _("ämnen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    """A remiss: sent from a case, with documents, questions, recipients and a deadline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SENT = "sent", _("Utskickad")
        CLOSED = "closed", _("Stängd")
        COMPILED = "compiled", _("Sammanställd")

    case = models.ForeignKey(Case, verbose_name=_("ärende"), on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(
        _("beskrivning"), blank=True, help_text=_("Vad remissen gäller och vad avsändaren vill ha synpunkter på.")
    )
    documents = models.ManyToManyField(
        Document, verbose_name=_("remisshandlingar"), blank=True, related_name="consultations"
    )
    deadline = models.DateField(_("svar senast"))
    sending_decision = models.CharField(
        _("beslut om remiss"),
        max_length=300,
        blank=True,
        help_text=_("Paragrafen i protokollet som beslutade om remissen, t.ex. KSAU 2020-10-05 § 567."),
    )
    # The paragraph itself when the decision was taken in Samverka; the text above then repeats its
    # reference, and stays the only record for decisions taken before or outside the system.
    sending_paragraph = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("paragraf om remiss"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations_sent",
    )
    sender_body = models.ForeignKey(
        Body,
        verbose_name=_("avsändare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Organet som skickar remissen, t.ex. kommunstyrelsens arbetsutskott."),
    )
    responsible_officer = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig handläggare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("påminnelse dagar före"),
        default=7,
        help_text=_("Så många dagar före sista svarsdag påminns de som inte har svarat; de påminns också på dagen."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_on = models.DateField(_("skickad"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_document = models.ForeignKey(
        Document,
        verbose_name=_("registrerad remiss"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_reason = models.TextField(_("skäl för att stänga"), blank=True)
    compiled_at = models.DateTimeField(_("sammanställd"), null=True, blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_proposal = models.ForeignKey(
        Case,
        verbose_name=_("slutligt förslag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations_proposed",
        help_text=_("Ärendet med det slutliga förslaget, så att en läsare kan följa en synpunkt till beslutet."),
    )
    history = HistoricalRecords(excluded_fields=["documents"])

    class Meta:
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open_for_responses(self) -> bool:
        return self.status == self.Status.SENT


class Question(models.Model):
    """A question the recipients should especially consider, in order."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("fråga"))
    is_removed = models.BooleanField(_("borttagen ur utkastet"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="consultation_question_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class Recipient(models.Model):
    """A remissinstans: a body, an administration or an external party."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="recipients")
    body = models.ForeignKey(Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.PROTECT)
    administration = models.ForeignKey(
        Administration, verbose_name=_("förvaltning"), null=True, blank=True, on_delete=models.PROTECT
    )
    external = models.ForeignKey(
        ExternalParty, verbose_name=_("extern part"), null=True, blank=True, on_delete=models.PROTECT
    )
    recipient_case = models.ForeignKey(
        Case,
        verbose_name=_("mottagarens ärende"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation_receipts",
    )
    incoming_document = models.ForeignKey(
        Document,
        verbose_name=_("inkommen remiss"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registrerad hos mottagaren"), null=True, blank=True)
    is_removed = models.BooleanField(_("borttagen ur utkastet"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("remissinstans")
        verbose_name_plural = _("remissinstanser")
        ordering = ["consultation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(body__isnull=False) & Q(administration__isnull=True) & Q(external__isnull=True))
                | (Q(body__isnull=True) & Q(administration__isnull=False) & Q(external__isnull=True))
                | (Q(body__isnull=True) & Q(administration__isnull=True) & Q(external__isnull=False)),
                name="consultation_recipient_single_party",
                violation_error_message=_("En remissinstans är ett organ, en förvaltning eller en extern part."),
            ),
            models.UniqueConstraint(
                fields=["consultation", "body"], condition=Q(body__isnull=False), name="consultation_recipient_body"
            ),
            models.UniqueConstraint(
                fields=["consultation", "administration"],
                condition=Q(administration__isnull=False),
                name="consultation_recipient_administration",
            ),
            models.UniqueConstraint(
                fields=["consultation", "external"],
                condition=Q(external__isnull=False),
                name="consultation_recipient_external",
            ),
        ]

    def __str__(self) -> str:
        return str(self.party)

    @property
    def party(self) -> Body | Administration | ExternalParty:
        return self.body or self.administration or self.external  # type: ignore[return-value]

    @property
    def name(self) -> str:
        return str(self.party)


class Response(models.Model):
    """A recipient's response (remissvar). One per recipient: a draft until sent, then corrected
    only as a new version (the history keeps every earlier one)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SENT = "sent", _("Skickat")

    class Standpoint(models.TextChoices):
        SUPPORTS = "supports", _("Tillstyrker")
        SUPPORTS_WITH_COMMENTS = "supports_with_comments", _("Tillstyrker med synpunkter")
        REJECTS = "rejects", _("Avstyrker")
        DECLINES = "declines", _("Avstår från att svara")

    recipient = models.OneToOneField(Recipient, on_delete=models.PROTECT, related_name="response")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    standpoint = models.CharField(_("ställningstagande"), max_length=30, choices=Standpoint.choices)
    summary = models.TextField(_("sammanfattning"), blank=True)
    decision_reference = models.CharField(
        _("nämndens beslut"), max_length=300, blank=True, help_text=_("T.ex. Miljönämnden 2020-12-15 § 231.")
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    is_late = models.BooleanField(_("sent inkommet"), default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    sent_on = models.DateField(_("skickat"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_document = models.ForeignKey(
        Document,
        verbose_name=_("utgående handling hos mottagaren"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sender_document = models.ForeignKey(
        Document,
        verbose_name=_("inkommande handling hos avsändaren"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("remissvar")
        verbose_name_plural = _("remissvar")
        ordering = ["recipient"]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.get_standpoint_display()}"

    @property
    def is_declined(self) -> bool:
        return self.standpoint == self.Standpoint.DECLINES


class Answer(models.Model):
    """The response's answer to one question."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("svar"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="consultation_answer_per_question")
        ]


class Comment(models.Model):
    """A synpunkt: one point made in a response, tagged by topic, answered by the sender."""

    class Handling(models.TextChoices):
        ACCEPTED = "accepted", _("Tillgodosedd")
        PARTLY = "partly", _("Delvis tillgodosedd")
        NOT_ACCEPTED = "not_accepted", _("Inte tillgodosedd")
        NOT_APPLICABLE = "not_applicable", _("Inte tillämplig")

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="comments")
    position = models.PositiveIntegerField(_("ordning"))
    text = models.TextField(_("synpunkt"))
    topics = models.ManyToManyField(Topic, verbose_name=_("ämnen"), related_name="comments", blank=True)
    is_removed = models.BooleanField(_("återtagen"), default=False)
    handling = models.CharField(_("hantering"), max_length=20, choices=Handling.choices, blank=True)
    handling_motivation = models.TextField(_("motivering"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")
        ordering = ["response", "position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "position"], name="consultation_comment_position"),
            models.CheckConstraint(
                condition=Q(handling="") | ~Q(handling_motivation=""),
                name="consultation_comment_handling_motivation",
                violation_error_message=_("Motivera hur synpunkten hanterades."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        if self.handling and not self.handling_motivation.strip():
            raise ValidationError({"handling_motivation": _("Motivera hur synpunkten hanterades.")})

    @property
    def is_handled(self) -> bool:
        return bool(self.handling)


class Reminder(models.Model):
    """A reminder sent to a recipient that has not answered: recorded so it is never sent twice."""

    class Kind(models.TextChoices):
        BEFORE_DEADLINE = "before", _("Före sista svarsdag")
        ON_DEADLINE = "deadline", _("På sista svarsdag")

    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    deadline = models.DateField(_("sista svarsdag"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    addresses = models.TextField(_("mottagare"), blank=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "deadline"], name="consultation_reminder_once"),
        ]


class Compilation(models.Model):
    """A registered export of the compilation (sammanställning), PDF and DOCX, in the case."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="compilations")
    version = models.PositiveIntegerField(_("version"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sammanställning")
        verbose_name_plural = _("sammanställningar")
        ordering = ["consultation", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "version"], name="consultation_compilation_version"),
        ]
