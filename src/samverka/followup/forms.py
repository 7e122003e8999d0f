from django import forms
from django.utils.translation import gettext_lazy as _

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
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Svar senast"), widget=DateInput())
    principles = forms.CharField(
        label=_("Principer att fråga om"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En princip per rad."),
        max_length=5000,
    )
    case = CaseNumberField(
        label=_("Ärende för rapporten"), required=False, max_length=40, help_text=_("T.ex. STK-2025-12.")
    )

    def clean_principles(self):
        lines = [line.strip() for line in self.cleaned_data["principles"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Ange minst en princip."))
        return lines


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
    title = forms.CharField(label=_("Insats"), max_length=300)
    category = forms.CharField(label=_("Kategori"), max_length=100)
    planned_amount = forms.DecimalField(
        label=_("Planerad kostnad (kr)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        error_messages={"min_value": _("Beloppet kan inte vara mindre än noll.")},
    )


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
