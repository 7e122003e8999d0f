from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Body(models.Model):
    """A political body (organ): KF, KS, KSAU, a committee, a forum, the auditors."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Fullmäktige")
        BOARD = "board", _("Styrelse")
        WORKING_COMMITTEE = "working_committee", _("Arbetsutskott")
        COMMITTEE = "committee", _("Nämnd")
        FORUM = "forum", _("Forum")
        AUDITORS = "auditors", _("Revisorer")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("förkortning"), max_length=30, unique=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tillhör"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Ett arbetsutskott tillhör sin styrelse."),
    )
    email = models.EmailField(_("e-post"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.WORKING_COMMITTEE and not self.parent_id:
            raise ValidationError({"parent": _("Ett arbetsutskott måste tillhöra en styrelse eller nämnd.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Ett organ kan inte tillhöra sig självt.")})


class Administration(models.Model):
    """A civil-service organisation (förvaltning) under a body."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("förkortning"), max_length=30, unique=True)
    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="administrations")
    email = models.EmailField(_("e-post"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExternalParty(models.Model):
    """A party outside the municipality's own organisation: a union, another authority."""

    class Kind(models.TextChoices):
        UNION = "union", _("Fackförbund")
        AUTHORITY = "authority", _("Myndighet")
        COMPANY = "company", _("Företag")
        ASSOCIATION = "association", _("Förening")
        OTHER = "other", _("Övrig")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    email = models.EmailField(_("e-post"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extern part")
        verbose_name_plural = _("externa parter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person: an official, a politician or both. Signs in through the linked user."""

    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    administration = models.ForeignKey(
        Administration,
        verbose_name=_("förvaltning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användarkonto"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person",
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PoliticalAssignment(models.Model):
    """Membership of a body: member or substitute, with party, position and period."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Ledamot")
        SUBSTITUTE = "substitute", _("Ersättare")

    class Position(models.TextChoices):
        NONE = "", _("—")
        CHAIR = "chair", _("Ordförande")
        FIRST_VICE_CHAIR = "first_vice_chair", _("Förste vice ordförande")
        SECOND_VICE_CHAIR = "second_vice_chair", _("Andre vice ordförande")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="assignments")
    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(_("uppdrag"), max_length=20, choices=Kind.choices)
    party = models.CharField(_("parti"), max_length=20)
    position = models.CharField(_("ordförandepost"), max_length=20, choices=Position.choices, blank=True, default="")
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("politiskt uppdrag")
        verbose_name_plural = _("politiska uppdrag")
        ordering = ["body__name", "kind", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_period_order",
                violation_error_message=_("Uppdraget kan inte sluta innan det börjar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} i {self.body} ({self.party})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.position and self.kind != self.Kind.MEMBER:
            raise ValidationError({"position": _("Bara en ledamot kan vara ordförande eller vice ordförande.")})


class Role(models.TextChoices):
    REGISTRAR = "registrar", _("Registrator")
    CASE_OFFICER = "case_officer", _("Handläggare")
    SECRETARY = "secretary", _("Nämndsekreterare")
    DIGITAL_LEAD = "digital_lead", _("Digitaliseringsansvarig")
    IT_GOVERNANCE = "it_governance", _("IT-styrning")
    AUDITOR = "auditor", _("Revisor")
    READER = "reader", _("Läsare")
    ADMINISTRATOR = "administrator", _("Administratör")


class RoleAssignment(models.Model):
    """A staff role of a person, scoped to a body or an administration (or the whole municipality)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)
    body = models.ForeignKey(
        Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )
    administration = models.ForeignKey(
        Administration,
        verbose_name=_("förvaltning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        ordering = ["person__last_name", "role"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(body__isnull=False) & Q(administration__isnull=False)),
                name="role_single_scope",
                violation_error_message=_("En roll gäller ett organ eller en förvaltning, inte båda."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.scope_label})"

    @property
    def scope_label(self) -> str:
        if self.body_id:
            return str(self.body)
        if self.administration_id:
            return str(self.administration)
        return str(_("hela kommunen"))


class SignIn(models.Model):
    """A record of each successful sign-in, with the identity provider's assurance level."""

    class Method(models.TextChoices):
        PASSWORD = "password", _("Lösenord")
        OIDC = "oidc", _("Single sign-on")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_ins")
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    method = models.CharField(_("metod"), max_length=20, choices=Method.choices)
    assurance_level = models.CharField(_("tillitsnivå"), max_length=200, blank=True)
    identity_provider = models.CharField(_("identitetsleverantör"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)

    class Meta:
        verbose_name = _("inloggning")
        verbose_name_plural = _("inloggningar")
        ordering = ["-at"]
