from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.plans.models import Initiative
from samverka.registry.forms import DateInput, StyledForm
from samverka.registry.models import Case

from .models import Rag

MATURITY_CHOICES = [("", _("Välj nivå"))] + [(str(n), str(n)) for n in range(1, 6)]


class CaseNumberField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        case = Case.objects.filter(number=value.strip().upper()).first()
        if case is None:
            raise forms.ValidationError(_("Det finns inget ärende med diarienumret %(number)s.") % {"number": value})
        return case


class RoundOpenForm(StyledForm):
    """The principles and the plan's initiatives are taken by the service; the form only asks for the
    year, the deadline and the case (and whether to open knowingly without an approved plan)."""

    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Svar senast"), widget=DateInput())
    case = CaseNumberField(
        label=_("Ärende för rapporten"), required=False, max_length=40, help_text=_("T.ex. STK-2025-12.")
    )
    without_plan = forms.BooleanField(
        label=_("Öppna utan insatser"),
        required=False,
        help_text=_(
            "Bara om årets utvecklingsplan inte är fastställd i Samverka: nämnderna får frågorna om "
            "principerna, men inga insatser följs upp. Finns en fastställd plan används den ändå."
        ),
    )


class AnswerForm(StyledForm):
    """One free-text answer and one maturity level per principle of the round."""

    def __init__(self, *args, principles, initial_answers=None, **kwargs):
        self.principles = principles
        initial = {}
        for principle in principles:
            answer = (initial_answers or {}).get(principle.pk)
            if answer is not None:
                initial[f"text_{principle.pk}"] = answer.text
                initial[f"maturity_{principle.pk}"] = str(answer.maturity)
        super().__init__(*args, initial=initial, **kwargs)
        for principle in principles:
            self.fields[f"text_{principle.pk}"] = forms.CharField(
                label=_("Hur arbetar nämnden utifrån ”%(title)s”?") % {"title": principle.title},
                widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
                max_length=10000,
            )
            self.fields[f"maturity_{principle.pk}"] = forms.TypedChoiceField(
                label=_("Mognadsnivå för ”%(title)s” (1 = låg, 5 = hög)") % {"title": principle.title},
                choices=MATURITY_CHOICES,
                coerce=int,
                widget=forms.Select(attrs={"class": "ds-input"}),
                error_messages={"invalid_choice": _("Välj en mognadsnivå från 1 till 5.")},
            )

    def answers(self) -> dict[int, tuple[str, int]]:
        return {
            p.pk: (self.cleaned_data[f"text_{p.pk}"], self.cleaned_data[f"maturity_{p.pk}"]) for p in self.principles
        }


class InitiativeAddForm(StyledForm):
    """An initiative of the year's plan that the round does not follow yet, or one described by hand."""

    initiative = forms.ModelChoiceField(
        label=_("Insats i utvecklingsplanen"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("Ingen – beskriv insatsen nedan"),
    )
    title = forms.CharField(label=_("Insats"), max_length=300, required=False)
    category = forms.CharField(label=_("Kategori"), max_length=100, required=False)
    planned_amount = forms.DecimalField(
        label=_("Planerad kostnad (kr)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        required=False,
        error_messages={"min_value": _("Beloppet kan inte vara mindre än noll.")},
    )

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(pk__in=[i.pk for i in initiatives])
        if not initiatives:
            del self.fields["initiative"]


class InitiativeReportForm(StyledForm):
    progress = forms.IntegerField(
        label=_("Genomfört (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Ange en procentsats från 0 till 100."),
            "max_value": _("Ange en procentsats från 0 till 100."),
        },
    )
    rag = forms.ChoiceField(label=_("Status"), choices=[("", _("Välj status"))] + list(Rag.choices))
    spent_amount = forms.DecimalField(
        label=_("Använt (kr)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        error_messages={"min_value": _("Använt belopp kan inte vara mindre än noll.")},
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
