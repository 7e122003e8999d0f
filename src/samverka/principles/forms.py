from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.registry.forms import StyledForm

from .models import PrincipleProgramme


class ProgrammeForm(StyledForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    valid_from = forms.IntegerField(label=_("Gäller från år"), min_value=1990, max_value=2100)
    valid_to = forms.IntegerField(label=_("Gäller till och med år"), min_value=1990, max_value=2100, required=False)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    decision_reference = forms.CharField(
        label=_("Beslut"), max_length=200, required=False, help_text=_("T.ex. KF 2023-02-23 § 45.")
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Programmet kan inte sluta gälla innan det börjar gälla."))
        return data


class ProgrammeCreateForm(ProgrammeForm):
    replaces = forms.ModelChoiceField(
        label=_("Ersätter program"),
        queryset=PrincipleProgramme.objects.all(),
        required=False,
        empty_label=_("Inget"),
        help_text=_("Det gamla programmet slutar gälla året innan det nya börjar."),
    )


class PrincipleForm(StyledForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    number = forms.IntegerField(label=_("Nummer"), min_value=1, max_value=99, required=False)


class PrincipleEditForm(PrincipleForm):
    number = forms.IntegerField(label=_("Nummer"), min_value=1, max_value=99)
    is_active = forms.BooleanField(label=_("Aktiv"), required=False)
    reason = forms.CharField(label=_("Skäl till ändringen"), max_length=300, required=False)
