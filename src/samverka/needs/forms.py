from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.organisation.models import Administration, Role
from samverka.organisation.selectors import administration_list, roles_for_user
from samverka.principles.selectors import principle_choices
from samverka.registry.forms import MultipleFileField, StyledForm

from . import selectors
from .models import Category, Criterion, Need


def administrations_for_lead(user):
    """The administrations a user is digital lead for (all of them for a global digital lead)."""
    roles = roles_for_user(user)
    qs = administration_list()
    if Role.DIGITAL_LEAD in roles.global_roles or roles.is_superuser:
        return qs
    ids = roles.administration_ids(Role.DIGITAL_LEAD)
    bodies = roles.body_ids(Role.DIGITAL_LEAD)
    return qs.filter(pk__in=ids) | qs.filter(body_id__in=bodies)


def _style_new_fields(form: forms.Form) -> None:
    """Fields added after StyledForm styled the form get the same classes and help links."""
    for name, field in form.fields.items():
        field.widget.attrs.setdefault("class", "ds-input")
        if field.help_text:
            field.widget.attrs.setdefault("aria-describedby", f"id_{name}_helptext")


class NeedForm(StyledForm):
    administration = forms.ModelChoiceField(label=_("Förvaltning"), queryset=Administration.objects.none())
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Vad behövs?")
    )
    problem = forms.CharField(
        label=_("Problem"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Vilket problem löser behovet?"),
    )
    benefit = forms.CharField(
        label=_("Nytta för invånare och medarbetare"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    administrations_concerned = forms.ModelMultipleChoiceField(
        label=_("Berörda förvaltningar"),
        queryset=Administration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ChoiceField(label=_("Kategori"), choices=Category.choices)
    principles = forms.ModelMultipleChoiceField(
        label=_("Principer för digitalisering som behovet stöder"),
        queryset=Need.principles.field.related_model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgency = forms.ChoiceField(label=_("Angelägenhet"), choices=Need.Urgency.choices, initial=Need.Urgency.MEDIUM)
    legal_requirement = forms.BooleanField(label=_("Behovet krävs enligt lag eller föreskrift"), required=False)
    legal_reference = forms.CharField(
        label=_("Lagkrav"), max_length=300, required=False, help_text=_("Vilken lag eller föreskrift, t.ex. NIS2.")
    )
    estimated_cost = forms.DecimalField(
        label=_("Uppskattad kostnad (kronor)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=0,
        required=False,
        help_text=_("I hela kronor, t.ex. 250000."),
    )
    estimated_effort_days = forms.IntegerField(
        label=_("Uppskattad insats (persondagar)"), min_value=0, max_value=100000, required=False
    )
    horizon_years = forms.TypedChoiceField(
        label=_("Tidshorisont"),
        coerce=int,
        choices=[(1, _("1 år")), (2, _("2 år")), (3, _("3 år")), (4, _("4 år"))],
        initial=1,
    )
    attachments = MultipleFileField(label=_("Bilagor"), required=False, help_text=_("PDF, Word, Excel och liknande."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        own = administrations_for_lead(user)
        self.fields["administration"].queryset = own
        if len(own) == 1:
            self.fields["administration"].empty_label = None
            self.fields["administration"].initial = own[0].pk
        self.fields["administrations_concerned"].queryset = administration_list()
        self.fields["principles"].queryset = principle_choices(timezone.localdate().year + 1)
        self.fields["estimated_cost"].widget.attrs.update({"inputmode": "numeric", "step": "1"})

    def clean(self):
        data = super().clean()
        if data.get("legal_requirement") and not (data.get("legal_reference") or "").strip():
            self.add_error("legal_reference", _("Ange vilken lag eller föreskrift som kräver behovet."))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("attachments", None)
        return data


class NeedEditForm(NeedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["administration"]
        del self.fields["attachments"]


class AttachmentForm(StyledForm):
    file = forms.FileField(label=_("Fil"))


class NeedFilterForm(StyledForm):
    q = forms.CharField(label=_("Rubrik eller behovsnummer"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alla"))] + list(Need.Status.choices))
    plan_year = forms.IntegerField(label=_("Planår"), required=False, min_value=2000, max_value=2100)
    administration = forms.ModelChoiceField(
        label=_("Förvaltning"), queryset=Administration.objects.none(), required=False, empty_label=_("Alla")
    )
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Alla"))] + list(Category.choices)
    )
    mine = forms.BooleanField(label=_("Bara min förvaltnings behov"), required=False)
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in selectors.NEED_SORTS], widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].queryset = administration_list()

    def to_filters(self) -> selectors.NeedFilters:
        if not self.is_bound or not self.is_valid():
            return selectors.NeedFilters()
        data = self.cleaned_data
        return selectors.NeedFilters(
            q=data.get("q") or "",
            status=data.get("status") or "",
            plan_year=data.get("plan_year"),
            administration=data["administration"].pk if data.get("administration") else None,
            category=data.get("category") or "",
            mine=bool(data.get("mine")),
        )


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class LateAcceptForm(ReasonForm):
    plan_year = forms.IntegerField(
        label=_("Planår"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Lämna tomt för planåret i den senaste inlämningen."),
    )


class MergeForm(StyledForm):
    into = forms.ModelChoiceField(label=_("Slå ihop med"), queryset=Need.objects.none())
    note = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = selectors.merge_targets(need)
        self.fields["into"].label_from_instance = lambda n: f"{n.reference} {n.title} ({n.administration.short_name})"


SCORE_CHOICES = [("", _("Ej bedömt"))] + [(str(i), str(i)) for i in range(0, 6)]


class ScoreForm(StyledForm):
    """One select per criterion of the need's plan year; 0 = none, 5 = very high."""

    def __init__(self, *args, criteria: list[Criterion], initial_scores: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (vikt {criterion.weight})",
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial_scores.get(criterion.pk),
                help_text=criterion.description,
            )
        _style_new_fields(self)

    def values(self) -> list[tuple[Criterion, int]]:
        return [
            (c, self.cleaned_data[f"c{c.pk}"]) for c in self.criteria if self.cleaned_data.get(f"c{c.pk}") is not None
        ]


class CriterionForm(StyledForm):
    name = forms.CharField(label=_("Kriterium"), max_length=120)
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)
    weight = forms.IntegerField(label=_("Vikt"), min_value=0, max_value=100, initial=1)


class WeightsForm(StyledForm):
    """Weights to try in the ranking (what if benefit counted double?)."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"w{criterion.pk}"] = forms.IntegerField(
                label=criterion.name, min_value=0, max_value=100, initial=criterion.weight, required=False
            )
        _style_new_fields(self)

    def weights(self) -> dict[int, int] | None:
        if not self.is_bound or not self.is_valid():
            return None
        return {
            c.pk: self.cleaned_data[f"w{c.pk}"] for c in self.criteria if self.cleaned_data.get(f"w{c.pk}") is not None
        }
