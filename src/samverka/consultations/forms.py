from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.meetings import selectors as meeting_selectors
from samverka.meetings.models import AgendaItem
from samverka.organisation.models import Administration, Body, ExternalParty
from samverka.organisation.selectors import administration_list, body_list, external_party_list, person_list
from samverka.registry.forms import DateInput, StyledForm
from samverka.registry.models import Case, CaseSeries, Document

from . import selectors
from .models import Comment, Consultation, Response
from .services import CommentInput


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ConsultationForm(StyledForm):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad remissen gäller och vad avsändaren vill ha synpunkter på."),
    )
    questions = forms.CharField(
        label=_("Frågor att särskilt beakta"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En fråga per rad, i den ordning de ska besvaras."),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Remisshandlingar"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Handlingarna i ärendet som skickas med remissen."),
    )
    all_committees = forms.BooleanField(label=_("Samtliga nämnder"), required=False)
    bodies = forms.ModelMultipleChoiceField(
        label=_("Organ"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    administrations = forms.ModelMultipleChoiceField(
        label=_("Förvaltningar"),
        queryset=Administration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    externals = forms.ModelMultipleChoiceField(
        label=_("Externa parter"),
        queryset=ExternalParty.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(label=_("Svar senast"), widget=DateInput())
    sending_paragraph = forms.ModelChoiceField(
        label=_("Beslut om remiss"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("– Ingen paragraf i Samverka –"),
        help_text=_("Paragrafen i ärendets protokoll som beslutade att skicka remissen."),
    )
    sending_decision = forms.CharField(
        label=_("Beslut fattat utanför Samverka"),
        required=False,
        max_length=300,
        help_text=_("Om beslutet inte finns som paragraf här: hänvisningen, t.ex. KSAU 2020-10-05 § 567."),
    )
    sender_body = forms.ModelChoiceField(
        label=_("Avsändare"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Organet som skickar remissen, t.ex. kommunstyrelsens arbetsutskott."),
    )
    responsible_officer = forms.ModelChoiceField(
        label=_("Ansvarig handläggare"), queryset=person_list().none(), required=False
    )
    reminder_days = forms.IntegerField(
        label=_("Påminnelse, dagar före sista svarsdag"),
        min_value=0,
        max_value=60,
        initial=7,
        help_text=_("De som inte har svarat påminns så många dagar före sista svarsdag och på dagen."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = Document.objects.filter(case=case).order_by("sequence")
        self.fields["documents"].label_from_instance = lambda d: f"{d.sequence}. {d.subject}"
        self.fields["sending_paragraph"].queryset = meeting_selectors.case_paragraphs(case.pk)
        self.fields["sending_paragraph"].label_from_instance = meeting_selectors.paragraph_label
        self.fields["bodies"].queryset = body_list()
        self.fields["sender_body"].queryset = body_list()
        self.fields["administrations"].queryset = administration_list()
        self.fields["externals"].queryset = external_party_list()
        self.fields["responsible_officer"].queryset = person_list().filter(user__isnull=False)

    def clean_questions(self):
        questions = _lines(self.cleaned_data.get("questions", ""))
        if not questions:
            raise forms.ValidationError(_("Ange minst en fråga."))
        return questions

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Sista svarsdag måste ligga i framtiden."))
        return deadline

    def recipients(self) -> list:
        data = self.cleaned_data
        parties: list = []
        if data.get("all_committees"):
            parties.extend(selectors.all_committees())
        parties.extend(data.get("bodies") or [])
        parties.extend(data.get("administrations") or [])
        parties.extend(data.get("externals") or [])
        return parties

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data.get("description") or "",
            "questions": data["questions"],
            "documents": list(data.get("documents") or []),
            "recipients": self.recipients(),
            "deadline": data["deadline"],
            "sending_decision": data.get("sending_decision") or "",
            "sending_paragraph": data.get("sending_paragraph"),
            "responsible_officer": data.get("responsible_officer"),
            "sender_body": data.get("sender_body"),
            "reminder_days": data["reminder_days"],
        }

    @staticmethod
    def initial_for(consultation: Consultation) -> dict:
        recipients = list(selectors.active_recipients(consultation))
        return {
            "title": consultation.title,
            "description": consultation.description,
            "questions": "\n".join(q.text for q in selectors.active_questions(consultation)),
            "documents": list(consultation.documents.values_list("pk", flat=True)),
            "bodies": [r.body_id for r in recipients if r.body_id],
            "administrations": [r.administration_id for r in recipients if r.administration_id],
            "externals": [r.external_id for r in recipients if r.external_id],
            "deadline": consultation.deadline,
            "sending_decision": "" if consultation.sending_paragraph_id else consultation.sending_decision,
            "sending_paragraph": consultation.sending_paragraph_id,
            "responsible_officer": consultation.responsible_officer_id,
            "sender_body": consultation.sender_body_id,
            "reminder_days": consultation.reminder_days,
        }


class ConsultationFilterForm(StyledForm):
    q = forms.CharField(label=_("Sök rubrik eller diarienummer"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla"))] + list(Consultation.Status.choices)
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CloseForm(StyledForm):
    reason = forms.CharField(
        label=_("Skäl"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Krävs om remissen stängs före sista svarsdag."),
    )


class ReopenForm(ReasonForm):
    deadline = forms.DateField(
        label=_("Ny sista svarsdag"), required=False, widget=DateInput(), help_text=_("Lämna tomt för att behålla.")
    )


class FinalProposalForm(StyledForm):
    number = forms.CharField(
        label=_("Ärende med slutligt förslag"), max_length=40, help_text=_("Diarienummer, t.ex. STK-2021-12.")
    )

    def clean_number(self):
        number = self.cleaned_data["number"].strip().upper()
        case = Case.objects.filter(number=number).first()
        if case is None:
            raise forms.ValidationError(
                _("Det finns inget ärende med diarienummer %(number)s."), params={"number": number}
            )
        return case


class ReceiptForm(StyledForm):
    existing = forms.CharField(
        label=_("Befintligt ärende"),
        required=False,
        max_length=40,
        help_text=_("Diarienummer i er egen serie, t.ex. MN-2020-9317. Lämna tomt för att öppna ett nytt ärende."),
    )
    series = forms.ModelChoiceField(
        label=_("Diarieserie för nytt ärende"), queryset=CaseSeries.objects.none(), required=False
    )
    title = forms.CharField(label=_("Ärendemening för nytt ärende"), required=False, max_length=500)
    received_on = forms.DateField(label=_("Inkom"), widget=DateInput())

    def __init__(self, *args, series_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = CaseSeries.objects.filter(pk__in=[s.pk for s in series_choices])
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_existing(self):
        number = (self.cleaned_data.get("existing") or "").strip().upper()
        if not number:
            return None
        case = Case.objects.filter(number=number).select_related("series").first()
        if case is None:
            raise forms.ValidationError(
                _("Det finns inget ärende med diarienummer %(number)s."), params={"number": number}
            )
        return case

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("existing")) == bool(data.get("series")):
            raise forms.ValidationError(_("Ange ett befintligt ärende eller välj en diarieserie för ett nytt ärende."))
        received_on = data.get("received_on")
        if received_on and received_on > timezone.localdate():
            self.add_error("received_on", _("Datumet kan inte ligga i framtiden."))
        return data


class ResponseForm(StyledForm):
    standpoint = forms.ChoiceField(
        label=_("Ställningstagande"), choices=Response.Standpoint.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    decision_reference = forms.CharField(
        label=_("Nämndens beslut"),
        required=False,
        max_length=300,
        help_text=_("T.ex. Miljönämnden 2020-12-15 § 231, när beslutet finns."),
    )
    file = forms.FileField(
        label=_("Svaret som handling"),
        required=False,
        help_text=_("Valfritt: det undertecknade yttrandet eller protokollsutdraget (PDF, Word …)."),
    )
    reason = forms.CharField(
        label=_("Skäl till rättelse"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, questions=(), correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=f"{question.position}. {question.text}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}),
            )
        if not correcting:
            del self.fields["reason"]
        self.correcting = correcting

    def answer_fields(self):
        return [self[f"answer_{q.pk}"] for q in self.questions]

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}") or "" for q in self.questions}

    def clean(self):
        data = super().clean()
        if self.correcting and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Ange varför svaret rättas."))
        return data

    @staticmethod
    def initial_for(response: Response | None) -> dict:
        if response is None:
            return {}
        initial = {
            "standpoint": response.standpoint,
            "summary": response.summary,
            "decision_reference": response.decision_reference,
        }
        for answer in response.answers.all():
            initial[f"answer_{answer.question_id}"] = answer.text
        return initial


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Synpunkt"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.ModelMultipleChoiceField(
        label=_("Ämnen"), queryset=selectors.topic_list(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = selectors.topic_list()
        self.fields["text"].widget.attrs["class"] = "ds-input"
        self.fields["topics"].widget.attrs["class"] = "ds-input"

    def clean(self):
        data = super().clean()
        if data.get("topics") and not (data.get("text") or "").strip():
            self.add_error("text", _("Skriv synpunkten eller ta bort ämnena."))
        return data


CommentFormSet = forms.formset_factory(CommentForm, extra=2, max_num=200, absolute_max=300)


def comment_inputs(formset) -> list[CommentInput]:
    return [
        CommentInput(form.cleaned_data["text"], tuple(form.cleaned_data.get("topics") or ()))
        for form in formset.forms
        if form.cleaned_data and (form.cleaned_data.get("text") or "").strip()
    ]


def comment_initial(response: Response | None) -> list[dict]:
    if response is None:
        return []
    return [
        {"text": c.text, "topics": [t.pk for t in c.topics.all()]} for c in response.comments.all() if not c.is_removed
    ]


class CommentHandlingForm(StyledForm):
    handling = forms.ChoiceField(label=_("Hantering"), choices=Comment.Handling.choices, widget=forms.RadioSelect)
    motivation = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
