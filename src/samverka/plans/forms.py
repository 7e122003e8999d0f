from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.meetings import selectors as meeting_selectors
from samverka.meetings.models import AgendaItem
from samverka.needs.models import Category, Need
from samverka.needs.workflow import ACTIVE_STATES
from samverka.organisation.models import Administration, Person
from samverka.organisation.selectors import administration_list, person_list
from samverka.principles.models import Principle, PrincipleProgramme
from samverka.principles.selectors import principle_choices, programme_list
from samverka.registry.forms import DateInput, StyledForm
from samverka.registry.models import Case

from .models import CycleStep, Initiative


class CaseNumberField(forms.CharField):
    """A case given by its diarienummer (the registry's own number)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        from samverka.registry.selectors import case_get

        try:
            return case_get(number=value.strip().upper())
        except Case.DoesNotExist as exc:
            raise forms.ValidationError(_("Det finns inget ärende med diarienumret %(n)s.") % {"n": value}) from exc


class PlanForm(StyledForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        required=False,
        help_text=_("Lämna tomt för ”Utvecklingsplan för kommungemensam IT och digitalisering ÅR”."),
    )
    introduction = forms.CharField(label=_("Inledning"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    case = CaseNumberField(label=_("Diarienummer"), required=False, max_length=40, help_text=_("T.ex. STK-2023-1044."))
    principle_programme = forms.ModelChoiceField(
        label=_("Principprogram"),
        queryset=PrincipleProgramme.objects.none(),
        required=False,
        empty_label=_("Det som gäller för året"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle_programme"].queryset = programme_list()


class PlanEditForm(PlanForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["year"]


class InitiativeForm(StyledForm):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    category = forms.ChoiceField(label=_("Kategori"), choices=Category.choices)
    financing = forms.ChoiceField(label=_("Finansiering"), choices=Initiative.Financing.choices)
    responsible_administration = forms.ModelChoiceField(
        label=_("Ansvarig förvaltning"), queryset=Administration.objects.none(), required=False
    )
    responsible_person = forms.ModelChoiceField(
        label=_("Ansvarig person"), queryset=Person.objects.none(), required=False
    )
    start_year = forms.IntegerField(label=_("Från år"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Till och med år"), min_value=2000, max_value=2100)
    needs = forms.ModelMultipleChoiceField(
        label=_("Behov som insatsen möter"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    principles = forms.ModelMultipleChoiceField(
        label=_("Principer"), queryset=Principle.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plan, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.cost_years = list(range(plan.year, plan.year + 4))
        self.fields["responsible_administration"].queryset = administration_list()
        self.fields["responsible_person"].queryset = person_list()
        needs = Need.objects.filter(status__in=ACTIVE_STATES).select_related("administration")
        if initiative is not None:
            needs = needs | Need.objects.filter(pk__in=initiative.needs.values("pk"))
        self.fields["needs"].queryset = needs.order_by("-plan_year", "reference").distinct()
        self.fields["needs"].label_from_instance = lambda n: (
            f"{n.reference} {n.title} ({n.administration.short_name}, {n.get_status_display().lower()})"
        )
        self.fields["principles"].queryset = principle_choices(plan.year)
        for year in self.cost_years:
            field = forms.DecimalField(
                label=_("Kostnad %(year)s (kronor)") % {"year": year},
                min_value=Decimal(0),
                max_digits=14,
                decimal_places=0,
                required=False,
            )
            field.widget.attrs.update({"class": "ds-input", "inputmode": "numeric", "step": "1"})
            self.fields[f"cost_{year}"] = field
        if not self.is_bound:
            self.initial.setdefault("start_year", plan.year)
            self.initial.setdefault("end_year", plan.year)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Insatsen kan inte sluta innan den börjar."))
        return data

    def costs(self) -> dict[int, Decimal]:
        return {
            year: self.cleaned_data[f"cost_{year}"]
            for year in self.cost_years
            if self.cleaned_data.get(f"cost_{year}") is not None
        }

    def service_kwargs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("cost_")}
        data["costs"] = self.costs()
        return data


class DecisionForm(StyledForm):
    """A step of the approval chain: a paragraph of the plan's case, or a decision taken outside Samverka."""

    paragraph = forms.ModelChoiceField(
        label=_("Paragraf i protokollet"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("– Ingen paragraf i Samverka –"),
        help_text=_("Paragraferna i planens ärende, senaste först. Dag och hänvisning hämtas från paragrafen."),
    )
    decided_on = forms.DateField(
        label=_("Sammanträdesdag"),
        widget=DateInput(),
        required=False,
        help_text=_("Behövs bara när beslutet inte finns som paragraf i Samverka."),
    )
    minutes_reference = forms.CharField(
        label=_("Beslut fattat utanför Samverka"),
        max_length=200,
        required=False,
        help_text=_("Hänvisning till protokollet, t.ex. Servicenämnden 2023-06-20 § 87."),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        paragraphs = meeting_selectors.case_paragraphs(plan.case_id)
        if paragraphs.exists():
            self.fields["paragraph"].queryset = paragraphs
            self.fields["paragraph"].label_from_instance = meeting_selectors.paragraph_label
        else:
            # No minutes in the case yet: only the typed reference is possible.
            del self.fields["paragraph"]
            self.fields["decided_on"].required = True
            self.fields["minutes_reference"].required = True
            self.fields["minutes_reference"].label = _("Protokollsparagraf")
            self.fields["decided_on"].help_text = ""

    def clean(self):
        data = super().clean()
        if data.get("paragraph"):
            if (data.get("minutes_reference") or "").strip():
                message = _(
                    "Välj antingen en paragraf eller skriv en hänvisning till ett beslut utanför Samverka, inte båda."
                )
                self.add_error("minutes_reference", message)
            return data
        if "paragraph" in self.fields:
            if not (data.get("minutes_reference") or "").strip() and "minutes_reference" not in self.errors:
                self.add_error("minutes_reference", _("Välj en paragraf eller skriv hänvisningen till protokollet."))
            if data.get("decided_on") is None and "decided_on" not in self.errors:
                self.add_error("decided_on", _("Ange sammanträdesdagen för ett beslut utanför Samverka."))
        return data


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CycleForm(StyledForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    plan_year = forms.IntegerField(
        label=_("Planår"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Den plan som tas fram under året; lämna tomt för året efter."),
    )


class StepForm(StyledForm):
    kind = forms.ChoiceField(label=_("Typ"), choices=CycleStep.Kind.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    starts_on = forms.DateField(label=_("Från"), widget=DateInput())
    ends_on = forms.DateField(label=_("Till"), widget=DateInput(), required=False, help_text=_("Tomt för en enda dag."))
    description = forms.CharField(label=_("Beskrivning"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Steget kan inte sluta innan det börjar."))
        return data
