from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.organisation.models import Administration, Body, ExternalParty, Person


class CaseSeries(models.Model):
    """A diarieserie: a prefix (STK, MN …) owned by a body or an administration."""

    prefix = models.CharField(
        _("prefix"),
        max_length=12,
        unique=True,
        help_text=_("Versaler, t.ex. STK eller MN."),
    )
    name = models.CharField(_("namn"), max_length=200)
    body = models.ForeignKey(
        Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.PROTECT, related_name="series"
    )
    administration = models.ForeignKey(
        Administration,
        verbose_name=_("förvaltning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="series",
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("diarieserie")
        verbose_name_plural = _("diarieserier")
        ordering = ["prefix"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(body__isnull=False) & Q(administration__isnull=True))
                | (Q(body__isnull=True) & Q(administration__isnull=False)),
                name="series_single_owner",
                violation_error_message=_("En diarieserie ägs av ett organ eller en förvaltning."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} – {self.name}"

    def clean(self) -> None:
        if self.prefix and not (self.prefix.isascii() and self.prefix.isalpha() and self.prefix.isupper()):
            raise ValidationError({"prefix": _("Prefixet får bara innehålla versaler A–Z.")})

    @property
    def owner_body_id(self) -> int | None:
        """The body responsible for the series (an administration's body when owned by one)."""
        if self.body_id:
            return self.body_id
        return self.administration.body_id if self.administration_id else None


class SeriesCounter(models.Model):
    """The last number used in a series for a year; locked while a number is allocated."""

    series = models.ForeignKey(CaseSeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="counter_series_year")]


class Case(models.Model):
    """An ärende, numbered PREFIX-YEAR-N."""

    class Status(models.TextChoices):
        OPEN = "open", _("Öppet")
        CLOSED = "closed", _("Avslutat")

    series = models.ForeignKey(
        CaseSeries, verbose_name=_("diarieserie"), on_delete=models.PROTECT, related_name="cases"
    )
    year = models.PositiveIntegerField(_("år"))
    sequence = models.PositiveIntegerField(_("löpnummer"))
    number = models.CharField(_("diarienummer"), max_length=40, unique=True)
    title = models.CharField(_("ärendemening"), max_length=500)
    public_title = models.CharField(
        _("offentlig ärendemening"),
        max_length=500,
        blank=True,
        help_text=_("Visas för allmänheten när ärendemeningen omfattas av sekretess."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    responsible_officer = models.ForeignKey(
        Person,
        verbose_name=_("handläggare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_cases",
    )
    responsible_body = models.ForeignKey(
        Body, verbose_name=_("ansvarigt organ"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    responsible_administration = models.ForeignKey(
        Administration,
        verbose_name=_("ansvarig förvaltning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("öppnat"))
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    closing_reason = models.TextField(_("skäl för avslut"), blank=True)
    child_rights_assessment = models.TextField(_("barnrättsbedömning"), blank=True)
    is_secret = models.BooleanField(_("sekretess"), default=False)
    secrecy_reference = models.CharField(
        _("sekretessgrund"), max_length=200, blank=True, help_text=_("T.ex. OSL 18 kap. 8 §.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    related = models.ManyToManyField(
        "self", through="CaseRelation", symmetrical=False, related_name="related_from", blank=True
    )
    history = HistoricalRecords(excluded_fields=["related"])

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "sequence"], name="case_series_year_sequence"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_on__isnull=False),
                name="case_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-opened_on"]),
            models.Index(fields=["-opened_on", "-id"]),
            models.Index(fields=["responsible_officer", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        if self.is_secret and not self.secrecy_reference.strip():
            raise ValidationError({"secrecy_reference": _("Ange sekretessgrund (t.ex. OSL 18 kap. 8 §).")})
        if self.is_secret and not self.public_title.strip():
            raise ValidationError({"public_title": _("Ett ärende med sekretess behöver en offentlig ärendemening.")})

    @property
    def display_public_title(self) -> str:
        return self.public_title if self.is_secret else self.title


class CaseRelation(models.Model):
    """A reference between two cases; shown on both."""

    from_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="relations_out")
    to_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="relations_in")
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ärendekoppling")
        verbose_name_plural = _("ärendekopplingar")
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case"], name="case_relation_unique"),
            models.CheckConstraint(condition=~Q(from_case=models.F("to_case")), name="case_relation_not_self"),
        ]


class DocumentType(models.Model):
    """The configurable list of document types (yttrande, tjänsteskrivelse …)."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingstyp")
        verbose_name_plural = _("handlingstyper")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """A registered handling in a case."""

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Inkommande")
        CREATED = "created", _("Upprättad")
        OUTGOING = "outgoing", _("Utgående")

    case = models.ForeignKey(Case, verbose_name=_("ärende"), on_delete=models.PROTECT, related_name="documents")
    sequence = models.PositiveIntegerField(_("handlingsnummer"))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("handlingstyp"), on_delete=models.PROTECT, related_name="documents"
    )
    document_date = models.DateField(_("datum"), help_text=_("Inkommen, upprättad eller skickad."))
    counterpart_body = models.ForeignKey(
        Body,
        verbose_name=_("avsändare/mottagare (organ)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    counterpart_administration = models.ForeignKey(
        Administration,
        verbose_name=_("avsändare/mottagare (förvaltning)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    counterpart_external = models.ForeignKey(
        ExternalParty,
        verbose_name=_("avsändare/mottagare (extern part)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    counterpart_text = models.CharField(_("avsändare/mottagare (fritext)"), max_length=300, blank=True)
    subject = models.CharField(
        _("beskrivning"), max_length=500, help_text=_("Offentlig kort beskrivning av vad handlingen gäller.")
    )
    protected_subject = models.CharField(
        _("skyddad beskrivning"),
        max_length=500,
        blank=True,
        help_text=_("Fullständig beskrivning när den omfattas av sekretess; visas inte för allmänheten."),
    )
    is_secret = models.BooleanField(_("sekretess"), default=False)
    secrecy_reference = models.CharField(_("sekretessgrund"), max_length=200, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    registered_on = models.DateField(_("registreringsdag"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlingar")
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="document_case_sequence"),
        ]
        indexes = [
            models.Index(fields=["-document_date", "-id"]),
            models.Index(fields=["registered_on"]),
            # The public registry lists the newest registrations first.
            models.Index(fields=["-registered_at", "-id"], name="document_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def number(self) -> str:
        return f"{self.case.number}:{self.sequence}"

    @property
    def counterpart(self) -> str:
        for value in (
            self.counterpart_body,
            self.counterpart_administration,
            self.counterpart_external,
        ):
            if value is not None:
                return str(value)
        return self.counterpart_text

    @property
    def registered_late(self) -> bool:
        """Registered later than the day it arrived or was created (OSL 5 kap. 1 §)."""
        return self.registered_on > self.document_date

    def clean(self) -> None:
        errors = {}
        if self.is_secret and not self.secrecy_reference.strip():
            errors["secrecy_reference"] = _("Ange sekretessgrund (t.ex. OSL 18 kap. 8 §).")
        if self.direction in (self.Direction.INCOMING, self.Direction.OUTGOING) and not (
            self.counterpart_body_id
            or self.counterpart_administration_id
            or self.counterpart_external_id
            or self.counterpart_text.strip()
        ):
            errors["counterpart_text"] = _("Ange avsändare eller mottagare.")
        if errors:
            raise ValidationError(errors)


def document_file_path(instance: "DocumentFile", filename: str) -> str:
    return f"registry/{instance.document.case_id}/{instance.document_id}/v{instance.version}/{instance.sha256[:16]}"


class DocumentFile(models.Model):
    """One version of a document's file; never changed once stored."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="files")
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("fil"), upload_to=document_file_path, max_length=300)
    filename = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveBigIntegerField(_("storlek"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    extracted_text = models.TextField(_("extraherad text"), blank=True)
    text_extracted = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["extracted_text"])

    class Meta:
        verbose_name = _("fil")
        verbose_name_plural = _("filer")
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_file_version"),
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.version})"


class SearchEntry(models.Model):
    """The searchable text of one case or document; public and protected text kept apart."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    document = models.OneToOneField(Document, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=600)
    public_text = models.TextField(blank=True)
    protected_text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(document__isnull=True), name="search_entry_one_per_case"
            ),
        ]
