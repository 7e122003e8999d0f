"""The yearly follow-up (uppföljning): a round per year with questions on the principles to every
committee, the status of every initiative of the year's plan, and the compiled report to the board."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.organisation.models import Body
from samverka.plans.models import DevelopmentPlan, Initiative
from samverka.principles.models import Principle
from samverka.registry.models import Case, Document


class FollowUpRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Öppen")
        CLOSED = "closed", _("Avslutad")

    year = models.PositiveIntegerField(_("år"), unique=True, validators=[MinValueValidator(2000)])
    title = models.CharField(_("rubrik"), max_length=300)
    deadline = models.DateField(_("svar senast"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    case = models.ForeignKey(
        Case, verbose_name=_("ärende"), null=True, blank=True, on_delete=models.PROTECT, related_name="followup_rounds"
    )
    report_document = models.ForeignKey(
        Document, verbose_name=_("rapport"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The approved plan whose initiatives the round follows up; empty when the round was opened
    # knowingly without one (e.g. the first year, when the plan was decided outside Samverka).
    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("utvecklingsplan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followup_rounds",
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("öppnad"), auto_now_add=True)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class RoundPrinciple(models.Model):
    """A principle for digitalisation as it stood when the round was opened (one question each).

    Number and title are the snapshot taken when the round opened, so the round reads the same after
    the programme is revised; `principle` links to the principle itself."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.PROTECT, related_name="principles")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("princip"), max_length=300)
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("princip i principprogrammet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followup_questions",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("princip i uppföljningen")
        verbose_name_plural = _("principer i uppföljningen")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="round_principle_number"),
            models.UniqueConstraint(
                fields=["round", "principle"], condition=Q(principle__isnull=False), name="round_principle_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def question(self) -> str:
        return f"Hur arbetar nämnden utifrån principen ”{self.title}”?"


class RoundCommittee(models.Model):
    """A committee asked to answer in the round; answered when it has submitted its answers."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.PROTECT, related_name="committees")
    body = models.ForeignKey(Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tillfrågad nämnd")
        verbose_name_plural = _("tillfrågade nämnder")
        ordering = ["round", "body__name"]
        constraints = [models.UniqueConstraint(fields=["round", "body"], name="round_committee_once")]

    def __str__(self) -> str:
        return f"{self.body} ({self.round.year})"

    @property
    def answered_late(self) -> bool:
        """Answered, or last revised, after the round's deadline: still taken until the round is
        closed, and shown as late."""
        return self.answered_at is not None and timezone.localdate(self.answered_at) > self.round.deadline


class PrincipleAnswer(models.Model):
    committee = models.ForeignKey(RoundCommittee, on_delete=models.PROTECT, related_name="answers")
    principle = models.ForeignKey(RoundPrinciple, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("svar"))
    maturity = models.PositiveSmallIntegerField(
        _("mognadsnivå"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar om princip")
        verbose_name_plural = _("svar om principer")
        ordering = ["committee", "principle__number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "principle"], name="principle_answer_once"),
            models.CheckConstraint(
                condition=Q(maturity__gte=1) & Q(maturity__lte=5),
                name="principle_answer_maturity_1_5",
                violation_error_message=_("Mognadsnivån ska vara från 1 till 5."),
            ),
        ]


class Rag(models.TextChoices):
    GREEN = "green", _("Grön – enligt plan")
    AMBER = "amber", _("Gul – risk för avvikelse")
    RED = "red", _("Röd – avviker")


class InitiativeStatus(models.Model):
    """Where one initiative of the year's plan stands: progress, red/amber/green, comment, money.

    Title, category and planned amount are the snapshot taken when the round opened (the plan may be
    revised later); `initiative` links to the initiative in the plan."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.PROTECT, related_name="initiatives")
    title = models.CharField(_("insats"), max_length=300)
    category = models.CharField(_("kategori"), max_length=100)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("insats i utvecklingsplanen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followup_statuses",
    )
    planned_amount = models.DecimalField(
        _("planerad kostnad (kr)"), max_digits=14, decimal_places=0, validators=[MinValueValidator(Decimal(0))]
    )
    spent_amount = models.DecimalField(
        _("använt (kr)"),
        max_digits=14,
        decimal_places=0,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    progress = models.PositiveSmallIntegerField(
        _("genomfört (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    rag = models.CharField(_("status"), max_length=10, choices=Rag.choices, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    reported_at = models.DateTimeField(_("rapporterad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("insatsens status")
        verbose_name_plural = _("insatsernas status")
        ordering = ["round", "category", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="initiative_status_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(spent_amount__gte=0) & Q(planned_amount__gte=0), name="initiative_status_money_positive"
            ),
            models.UniqueConstraint(
                fields=["round", "initiative"], condition=Q(initiative__isnull=False), name="initiative_status_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FollowUpReminder(models.Model):
    """A reminder sent to a committee; never sent twice for the same round, committee, kind and address."""

    committee = models.ForeignKey(RoundCommittee, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=20)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "kind", "recipient"], name="followup_reminder_once")
        ]
