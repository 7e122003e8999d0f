from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.organisation.selectors import administration_list, body_list, person_list
from samverka.registry.forms import DateInput, StyledForm
from samverka.registry.models import Case

from . import selectors
from .models import AuditReport

TEXTAREA = {"rows": 4}


class CaseNumberField(forms.CharField):
    """A case given by its number (SR-2020-85); the form's cleaned value is the Case."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        case = Case.objects.select_related("series").filter(number=value.strip().upper()).first()
        if case is None:
            raise forms.ValidationError(_("Det finns inget ärende med diarienumret %(number)s.") % {"number": value})
        return case


class AuditRegisterForm(StyledForm):
    case = CaseNumberField(
        label=_("Revisionens ärende"), help_text=_("Diarienumret i revisorernas serie, t.ex. SR-2020-85.")
    )
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    report_date = forms.DateField(label=_("Rapportens datum"), widget=DateInput())
    summary = forms.CharField(
        label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=20000
    )


class FindingForm(StyledForm):
    title = forms.CharField(
        label=_("Iakttagelse"),
        max_length=500,
        help_text=_("T.ex. ”Säkerställa att det finns en tydlig ansvarsfördelning”."),
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=20000
    )
    recommendation = forms.CharField(
        label=_("Rekommendation"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=20000
    )


class ResponseForm(StyledForm):
    response_case = CaseNumberField(
        label=_("Svarets ärende"), help_text=_("Styrelsens eget ärende för svaret, t.ex. STK-2020-1678.")
    )
    response_date = forms.DateField(label=_("Yttrandets datum"), widget=DateInput())
    address = forms.CharField(label=_("Adress"), required=False, max_length=200)
    recipients = forms.CharField(
        label=_("Mottagare"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En mottagare per rad."),
        max_length=2000,
    )
    summary = forms.CharField(
        label=_("Sammanfattning"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Rader som börjar med ”- ” blir en punktlista."),
        max_length=20000,
    )
    statement = forms.CharField(
        label=_("Yttrande"), required=False, widget=forms.Textarea(attrs=TEXTAREA), max_length=20000
    )
    final_report_due = forms.DateField(label=_("Slutredovisning senast"), required=False, widget=DateInput())


class ActionForm(StyledForm):
    description = forms.CharField(label=_("Åtgärd"), widget=forms.Textarea(attrs=TEXTAREA), max_length=20000)
    expected_effect = forms.CharField(
        label=_("Förväntad effekt"), widget=forms.Textarea(attrs=TEXTAREA), max_length=20000
    )
    responsible_person = forms.ModelChoiceField(label=_("Ansvarig person"), queryset=person_list())
    responsible_body = forms.ModelChoiceField(
        label=_("Ansvarigt organ"), queryset=body_list(), required=False, empty_label=_("Inget organ")
    )
    responsible_administration = forms.ModelChoiceField(
        label=_("Ansvarig förvaltning"),
        queryset=administration_list(),
        required=False,
        empty_label=_("Den ansvariga personens förvaltning"),
    )
    due_date = forms.DateField(label=_("Klar senast"), widget=DateInput())


class ReportScheduleForm(StyledForm):
    kind = forms.ChoiceField(label=_("Typ"), choices=AuditReport.Kind.choices)
    due_date = forms.DateField(label=_("Ska lämnas senast"), widget=DateInput())


class ActionStartForm(StyledForm):
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ActionCompleteForm(StyledForm):
    completed_on = forms.DateField(label=_("Genomförd den"), widget=DateInput())
    evidence_document = forms.CharField(
        label=_("Underlag: registrerad handling"),
        required=False,
        max_length=60,
        help_text=_("Handlingens nummer, t.ex. STK-2020-1678:3."),
    )
    evidence_decision = forms.CharField(
        label=_("Underlag: beslut"), required=False, max_length=300, help_text=_("T.ex. KF 2021-03-31 § 67.")
    )
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )

    def clean_evidence_document(self):
        reference = self.cleaned_data.get("evidence_document", "").strip()
        if not reference:
            return None
        document = selectors.document_by_reference(reference)
        if document is None:
            raise forms.ValidationError(
                _("Det finns ingen handling %(ref)s. Ange t.ex. STK-2020-1678:3.") % {"ref": reference}
            )
        return document

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("evidence_document") and not data.get("evidence_decision", "").strip():
            raise forms.ValidationError(
                _("En genomförd åtgärd behöver ett underlag: en registrerad handling eller ett beslut.")
            )
        return data


class ActionDelayForm(StyledForm):
    new_due_date = forms.DateField(label=_("Ny tidsgräns"), widget=DateInput())
    reason = forms.CharField(
        label=_("Skäl till förseningen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class NoteForm(StyledForm):
    noted_on = forms.DateField(label=_("Datum"), widget=DateInput())
    text = forms.CharField(label=_("Statusanteckning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReportSubmitForm(StyledForm):
    summary = forms.CharField(
        label=_("Sammanfattning"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Läggs till efter översikten av åtgärdernas status."),
        max_length=20000,
    )
