"""The development plan with its initiatives, its approval chain, and the annual wheel."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.needs.models import Category, Need
from samverka.organisation.models import Administration, Body, Person
from samverka.principles.models import Principle, PrincipleProgramme
from samverka.registry.models import Case


class AnnualCycle(models.Model):
    """The årshjul of a calendar year: the dated steps from needs intake to follow-up."""

    year = models.PositiveIntegerField(_("år"), unique=True)
    plan_year = models.PositiveIntegerField(_("planår"), help_text=_("Den plan som tas fram under året."))
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årshjul")
        verbose_name_plural = _("årshjul")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title or f"Årshjul {self.year}"


class CycleStep(models.Model):
    class Kind(models.TextChoices):
        INTAKE = "intake", _("Inlämning av behov")
        FORUM = "forum", _("Beredning i samverkansforum")
        SERVICE_COMMITTEE = "service_committee", _("Beslut i Servicenämnden")
        KSAU = "ksau", _("Beredning i KSAU")
        KS = "ks", _("Beslut i kommunstyrelsen")
        BUDGET_LETTER = "budget_letter", _("Budgetskrivelse")
        FOLLOW_UP = "follow_up", _("Uppföljning vid årsbokslut")
        OTHER = "other", _("Övrigt")

    cycle = models.ForeignKey(AnnualCycle, verbose_name=_("årshjul"), on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"))
    description = models.CharField(_("beskrivning"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steg i årshjulet")
        verbose_name_plural = _("steg i årshjulet")
        ordering = ["cycle", "starts_on", "ends_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="cycle_step_order",
                violation_error_message=_("Steget kan inte sluta innan det börjar."),
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(kind="intake"),
                name="cycle_one_intake",
                violation_error_message=_("Årshjulet har redan en period för inlämning av behov."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_single_day(self) -> bool:
        return self.starts_on == self.ends_on


class IntakeReminder(models.Model):
    """A reminder sent to a digital lead about an intake window; recorded so it is sent once."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Inlämningen har öppnat")
        CLOSING = "closing", _("En vecka kvar av inlämningen")

    step = models.ForeignKey(CycleStep, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "kind", "person"], name="intake_reminder_once"),
        ]


class DevelopmentPlan(models.Model):
    """Utvecklingsplan för kommungemensam IT och digitalisering, one per year and version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        APPROVED_SERVICE_COMMITTEE = "approved_sn", _("Godkänd av Servicenämnden")
        PREPARED_KSAU = "prepared_ksau", _("Beredd av KSAU")
        APPROVED_KS = "approved_ks", _("Fastställd av kommunstyrelsen")
        APPROVED_KF = "approved_kf", _("Fastställd av kommunfullmäktige")
        SUPERSEDED = "superseded", _("Ersatt av en senare version")

    year = models.PositiveIntegerField(_("år"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("rubrik"), max_length=300)
    introduction = models.TextField(_("inledning"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    case = models.ForeignKey(
        Case, verbose_name=_("ärende"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    principle_programme = models.ForeignKey(
        PrincipleProgramme,
        verbose_name=_("principprogram"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("föregående version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    revision_reason = models.TextField(_("skäl för revidering"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    frozen_at = models.DateTimeField(_("låst"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utvecklingsplan")
        verbose_name_plural = _("utvecklingsplaner")
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["year", "version"], name="plan_year_version")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class PlanApproval(models.Model):
    """One step of the approval chain, with its paragraph of minutes."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.PROTECT, related_name="approvals")
    step = models.CharField(_("steg"), max_length=20, choices=DevelopmentPlan.Status.choices)
    body = models.ForeignKey(Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.PROTECT)
    decided_on = models.DateField(_("sammanträdesdag"))
    # Always filled: repeats the paragraph's citation when there is one, and is the only record of
    # decisions taken before or outside Samverka.
    minutes_reference = models.CharField(
        _("protokollsparagraf"), max_length=200, help_text=_("T.ex. Servicenämnden 2023-06-20 § 87.")
    )
    paragraph = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("paragraf"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_approvals",
        help_text=_("Paragrafen i protokollet, när beslutet är fattat i Samverka."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut om planen")
        verbose_name_plural = _("beslut om planen")
        ordering = ["plan", "decided_on", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="plan_approval_step_once")]


class Initiative(models.Model):
    """A förflyttning: one commitment of the plan, carried by needs."""

    class Financing(models.TextChoices):
        WITHIN_FRAME = "within_frame", _("Inom IT-avdelningens ram")
        BUDGET_REQUEST = "budget_request", _("Nya medel begärs i budgetskrivelsen")
        ALLOCATED = "allocated", _("Fördelas på förvaltningarna")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.PROTECT, related_name="initiatives")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, help_text="Same across versions of the plan.")
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    financing = models.CharField(_("finansiering"), max_length=20, choices=Financing.choices)
    responsible_administration = models.ForeignKey(
        Administration,
        verbose_name=_("ansvarig förvaltning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_person = models.ForeignKey(
        Person, verbose_name=_("ansvarig person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_year = models.PositiveIntegerField(_("från år"))
    end_year = models.PositiveIntegerField(_("till och med år"))
    needs = models.ManyToManyField(Need, verbose_name=_("behov"), blank=True, related_name="initiatives")
    principles = models.ManyToManyField(Principle, verbose_name=_("principer"), blank=True, related_name="initiatives")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("med i planen"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="initiative_years_order",
                violation_error_message=_("Insatsen kan inte sluta innan den börjar."),
            ),
            models.UniqueConstraint(fields=["plan", "lineage"], name="initiative_plan_lineage"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year - self.start_year > 3:
            raise ValidationError({"end_year": _("En insats sträcker sig över högst fyra år.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class InitiativeCost(models.Model):
    """The planned cost of an initiative in one year, in kronor."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="costs")
    year = models.PositiveIntegerField(_("år"))
    amount = models.DecimalField(
        _("belopp (kr)"), max_digits=14, decimal_places=0, validators=[MinValueValidator(Decimal(0))]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kostnad")
        verbose_name_plural = _("kostnader")
        ordering = ["initiative", "year"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year"], name="initiative_cost_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="initiative_cost_non_negative"),
        ]
