"""Needs raised by the administrations to shared IT, and their prioritisation in the forum."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.organisation.models import Administration, Person
from samverka.principles.models import Principle


class Category(models.TextChoices):
    """The categories shared by needs and the initiatives of the plan."""

    BASE_SERVICE = "base_service", _("Basleverans")
    E_SERVICE = "e_service", _("E-tjänst")
    IT_SECURITY = "it_security", _("IT-säkerhet")
    INFORMATION_MANAGEMENT = "information_management", _("Informationshantering")
    PLATFORM = "platform", _("Plattform")
    COMPETENCE = "competence", _("Kompetens")
    OTHER = "other", _("Övrigt")


class Need(models.Model):
    """A behov: raised by an administration's digital lead, submitted in the intake window."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inlämnat")
        IN_PREPARATION = "in_preparation", _("Under beredning")
        MERGED = "merged", _("Sammanslaget")
        REJECTED = "rejected", _("Avslaget")
        ACCEPTED = "accepted", _("Med i plan")
        DELIVERED = "delivered", _("Levererat")

    class Urgency(models.TextChoices):
        LOW = "low", _("Låg")
        MEDIUM = "medium", _("Medel")
        HIGH = "high", _("Hög")
        CRITICAL = "critical", _("Akut")

    reference = models.CharField(_("behovsnummer"), max_length=20, unique=True)
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"))
    problem = models.TextField(_("problem"), blank=True, help_text=_("Vilket problem löser behovet?"))
    benefit = models.TextField(_("nytta"), blank=True, help_text=_("Nyttan för invånare, företag och medarbetare."))
    administration = models.ForeignKey(
        Administration, verbose_name=_("förvaltning"), on_delete=models.PROTECT, related_name="needs"
    )
    administrations_concerned = models.ManyToManyField(
        Administration, verbose_name=_("berörda förvaltningar"), blank=True, related_name="concerning_needs"
    )
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    principles = models.ManyToManyField(
        Principle, verbose_name=_("principer för digitalisering"), blank=True, related_name="needs"
    )
    urgency = models.CharField(_("angelägenhet"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    legal_requirement = models.BooleanField(_("krävs enligt lag"), default=False)
    legal_reference = models.CharField(
        _("lagkrav"), max_length=300, blank=True, help_text=_("Vilken lag eller föreskrift, t.ex. NIS2.")
    )
    estimated_cost = models.DecimalField(
        _("uppskattad kostnad (kr)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    estimated_effort_days = models.PositiveIntegerField(_("uppskattad insats (persondagar)"), null=True, blank=True)
    horizon_years = models.PositiveSmallIntegerField(
        _("tidshorisont (år)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    plan_year = models.PositiveIntegerField(_("planår"), null=True, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    search_tokens = models.TextField(editable=False, blank=True, default="")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("inlämnat"), null=True, blank=True)
    submitted_late = models.BooleanField(_("inlämnat efter sista dag"), default=False)
    late_reason = models.TextField(_("skäl för sen inlämning"), blank=True)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutat"), null=True, blank=True)
    rejection_reason = models.TextField(_("skäl för avslag"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sammanslaget med"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_needs",
    )
    merge_note = models.TextField(_("kommentar till sammanslagningen"), blank=True)
    delivered_at = models.DateTimeField(_("levererat"), null=True, blank=True)
    # Set on every save, also saves of some fields only (see `save`): the duplicate finder's index
    # in each process finds the needs written since it was built by this column.
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["search_tokens", "updated_at"])

    class Meta:
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "plan_year"]),
            models.Index(fields=["administration", "status"]),
            # The need list's default order and its sort by title: the first page is read from the
            # index instead of sorting every need.
            models.Index(fields=["-created_at", "-id"], name="need_newest_first"),
            models.Index(fields=["title", "id"], name="need_title_order"),
            # A category's count read from the index alone, with the columns the visibility filter
            # asks (PostgreSQL; elsewhere a plain index on category and status).
            models.Index(
                fields=["category", "status"], include=["id", "created_by", "administration"], name="need_category"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_cost__isnull=True) | Q(estimated_cost__gte=0),
                name="need_cost_non_negative",
                violation_error_message=_("Kostnaden kan inte vara negativ."),
            ),
            models.CheckConstraint(
                condition=Q(horizon_years__gte=1) & Q(horizon_years__lte=4),
                name="need_horizon_1_4",
                violation_error_message=_("Tidshorisonten är 1–4 år."),
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="need_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "updated_at"]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.legal_requirement and not self.legal_reference.strip():
            errors["legal_reference"] = _("Ange vilken lag eller föreskrift som kräver behovet.")
        if self.merged_into_id and self.merged_into_id == self.pk:
            errors["merged_into"] = _("Ett behov kan inte slås ihop med sig självt.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open_for_editing(self) -> bool:
        return self.status == self.Status.DRAFT


def need_attachment_path(instance: "NeedAttachment", filename: str) -> str:
    return f"needs/{instance.need_id}/{filename}"


class NeedAttachment(models.Model):
    """A file attached to a need (checked by content like registered files)."""

    need = models.ForeignKey(Need, verbose_name=_("behov"), on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("fil"), upload_to=need_attachment_path)
    filename = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.filename


class Criterion(models.Model):
    """A weighted prioritisation criterion of a plan year (benefit for residents, cost, …)."""

    plan_year = models.PositiveIntegerField(_("planår"))
    name = models.CharField(_("kriterium"), max_length=120)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("vikt"), default=1, validators=[MaxValueValidator(100)], help_text=_("0–100; relativ vikt.")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prioriteringskriterium")
        verbose_name_plural = _("prioriteringskriterier")
        ordering = ["plan_year", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan_year", "name"], name="criterion_year_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class Score(models.Model):
    """One forum member's score of one need on one criterion: 0 (none) to 5 (very high)."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="need_scores")
    value = models.PositiveSmallIntegerField(_("poäng"), validators=[MaxValueValidator(5)])
    comment = models.CharField(_("kommentar"), max_length=300, blank=True)
    scored_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poäng")
        verbose_name_plural = _("poäng")
        constraints = [
            models.UniqueConstraint(fields=["need", "criterion", "scorer"], name="score_one_per_member"),
            models.CheckConstraint(condition=Q(value__lte=5), name="score_value_0_5"),
        ]

    def __str__(self) -> str:
        return f"{self.need_id}/{self.criterion_id}: {self.value}"


class NeedCounter(models.Model):
    """The last number used for needs in a year; locked while a reference is allocated."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)
