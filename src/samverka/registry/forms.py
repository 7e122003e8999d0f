from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.organisation.models import Administration, Body, ExternalParty, Person
from samverka.organisation.selectors import administration_list, body_list, external_party_list, person_list

from .models import Case, CaseSeries, Document, DocumentType
from .selectors import CASE_SORTS, CaseFilters, document_types, series_list


def _style(form: forms.Form) -> None:
    """Designsystemet classes on every widget, and aria links to help and errors."""
    for name, field in form.fields.items():
        widget = field.widget
        widget.attrs.setdefault("class", "ds-input")
        described = []
        if field.help_text:
            described.append(f"id_{name}_helptext")
        # `_errors` is only read once validation has run: asking for `errors` here would validate
        # before subclasses have set their querysets.
        if form._errors and name in form._errors:
            described.append(f"id_{name}_error")
            widget.attrs["aria-invalid"] = "true"
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def full_clean(self):
        super().full_clean()
        _style(self)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CaseFilterForm(StyledForm):
    q = forms.CharField(label=_("Diarienummer eller ärendemening"), required=False, max_length=200)
    series = forms.ModelChoiceField(
        label=_("Diarieserie"), queryset=CaseSeries.objects.none(), required=False, empty_label=_("Alla serier")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alla"))] + list(Case.Status.choices))
    opened_from = forms.DateField(label=_("Öppnat från"), required=False, widget=DateInput())
    opened_to = forms.DateField(label=_("Öppnat till"), required=False, widget=DateInput())
    mine = forms.BooleanField(label=_("Bara mina ärenden"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series_list()

    def clean_sort(self) -> str:
        """An unknown sort falls back to the default order; it never throws the filters away."""
        sort = self.cleaned_data.get("sort") or ""
        return sort if sort in CASE_SORTS else ""

    def clean(self):
        data = super().clean()
        start, end = data.get("opened_from"), data.get("opened_to")
        if start and end and start > end:
            self.add_error("opened_to", _("Slutdatumet måste vara samma som eller efter startdatumet."))
        return data

    def to_filters(self) -> CaseFilters:
        if not self.is_valid():
            return CaseFilters()
        data = self.cleaned_data
        return CaseFilters(
            q=data.get("q") or "",
            series=data["series"].pk if data.get("series") else None,
            status=data.get("status") or "",
            opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"),
            mine=bool(data.get("mine")),
        )


class CaseOpenForm(StyledForm):
    series = forms.ModelChoiceField(label=_("Diarieserie"), queryset=CaseSeries.objects.none())
    title = forms.CharField(
        label=_("Ärendemening"), max_length=500, help_text=_("Kort beskrivning av vad ärendet gäller.")
    )
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    responsible_officer = forms.ModelChoiceField(label=_("Handläggare"), queryset=Person.objects.none(), required=False)
    child_rights_assessment = forms.CharField(
        label=_("Barnrättsbedömning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hur barnets rättigheter enligt barnkonventionen har beaktats."),
    )
    is_secret = forms.BooleanField(label=_("Ärendemeningen omfattas av sekretess"), required=False)
    secrecy_reference = forms.CharField(
        label=_("Sekretessgrund"), required=False, max_length=200, help_text=_("T.ex. OSL 18 kap. 8 §.")
    )
    public_title = forms.CharField(
        label=_("Offentlig ärendemening"),
        required=False,
        max_length=500,
        help_text=_("Visas för allmänheten i stället för den skyddade ärendemeningen."),
    )

    def __init__(self, *args, series_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = CaseSeries.objects.filter(pk__in=[s.pk for s in series_choices or []])
        self.fields["responsible_officer"].queryset = person_list().filter(user__isnull=False)

    def clean(self):
        data = super().clean()
        if data.get("is_secret"):
            if not (data.get("secrecy_reference") or "").strip():
                self.add_error("secrecy_reference", _("Ange sekretessgrund (t.ex. OSL 18 kap. 8 §)."))
            if not (data.get("public_title") or "").strip():
                self.add_error("public_title", _("Ett ärende med sekretess behöver en offentlig ärendemening."))
        return data


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CaseRelateForm(StyledForm):
    other = forms.CharField(label=_("Diarienummer att koppla till"), max_length=40, help_text=_("T.ex. MN-2020-9317."))
    note = forms.CharField(label=_("Anteckning"), required=False, max_length=300)

    def clean_other(self):
        number = self.cleaned_data["other"].strip().upper()
        other = Case.objects.filter(number=number).first()
        if other is None:
            raise forms.ValidationError(
                _("Det finns inget ärende med diarienummer %(number)s."), params={"number": number}
            )
        return other


def counterpart_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (_("Organ"), [(f"body:{b.pk}", b.name) for b in body_list()]),
        (_("Förvaltningar"), [(f"administration:{a.pk}", a.name) for a in administration_list()]),
        (_("Externa parter"), [(f"external:{e.pk}", e.name) for e in external_party_list()]),
    ]


def resolve_counterpart(value: str):
    if not value:
        return None
    kind, _sep, pk = value.partition(":")
    model = {"body": Body, "administration": Administration, "external": ExternalParty}.get(kind)
    if model is None or not pk.isdigit():
        raise forms.ValidationError(_("Välj en avsändare eller mottagare i listan."))
    found = model.objects.filter(pk=int(pk)).first()
    if found is None:
        raise forms.ValidationError(_("Välj en avsändare eller mottagare i listan."))
    return found


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class DocumentFieldsForm(StyledForm):
    direction = forms.ChoiceField(label=_("Riktning"), choices=Document.Direction.choices)
    document_type = forms.ModelChoiceField(label=_("Handlingstyp"), queryset=DocumentType.objects.none())
    document_date = forms.DateField(
        label=_("Datum"), widget=DateInput(), help_text=_("Dagen handlingen kom in, upprättades eller skickades.")
    )
    counterpart = forms.ChoiceField(label=_("Avsändare eller mottagare"), required=False)
    counterpart_text = forms.CharField(
        label=_("Annan avsändare eller mottagare"),
        required=False,
        max_length=300,
        help_text=_("Fyll i om avsändaren eller mottagaren inte finns i listan."),
    )
    subject = forms.CharField(
        label=_("Beskrivning"), max_length=500, help_text=_("Offentlig kort beskrivning av vad handlingen gäller.")
    )
    is_secret = forms.BooleanField(label=_("Handlingen omfattas av sekretess"), required=False)
    secrecy_reference = forms.CharField(
        label=_("Sekretessgrund"), required=False, max_length=200, help_text=_("T.ex. OSL 18 kap. 8 §.")
    )
    protected_subject = forms.CharField(
        label=_("Skyddad beskrivning"),
        required=False,
        max_length=500,
        help_text=_("Fullständig beskrivning som inte visas för allmänheten."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = document_types()
        self.fields["counterpart"].choices = [("", _("– Välj –"))] + counterpart_choices()
        if not self.is_bound and "document_date" not in self.initial:
            self.initial["document_date"] = timezone.localdate()

    def clean_counterpart(self):
        return resolve_counterpart(self.cleaned_data.get("counterpart") or "")

    def clean(self):
        data = super().clean()
        direction = data.get("direction")
        if direction in (Document.Direction.INCOMING, Document.Direction.OUTGOING) and not (
            data.get("counterpart") or (data.get("counterpart_text") or "").strip()
        ):
            self.add_error("counterpart", _("Ange avsändare eller mottagare."))
        if data.get("counterpart") and (data.get("counterpart_text") or "").strip():
            self.add_error("counterpart_text", _("Välj i listan eller skriv fritt, inte båda."))
        if data.get("is_secret") and not (data.get("secrecy_reference") or "").strip():
            self.add_error("secrecy_reference", _("Ange sekretessgrund (t.ex. OSL 18 kap. 8 §)."))
        document_date = data.get("document_date")
        if document_date and document_date > timezone.localdate():
            self.add_error("document_date", _("Datumet kan inte ligga i framtiden."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "direction": data["direction"],
            "document_type": data["document_type"],
            "document_date": data["document_date"],
            "counterpart": data.get("counterpart") or data.get("counterpart_text") or None,
            "subject": data["subject"],
            "is_secret": bool(data.get("is_secret")),
            "secrecy_reference": data.get("secrecy_reference") or "",
            "protected_subject": data.get("protected_subject") or "",
        }


class DocumentRegisterForm(DocumentFieldsForm):
    files = MultipleFileField(
        label=_("Filer"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, text, PNG eller JPEG."),
    )


class DocumentCorrectForm(DocumentFieldsForm):
    reason = forms.CharField(label=_("Skäl till rättelsen"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    @classmethod
    def initial_for(cls, document: Document) -> dict:
        counterpart = ""
        if document.counterpart_body_id:
            counterpart = f"body:{document.counterpart_body_id}"
        elif document.counterpart_administration_id:
            counterpart = f"administration:{document.counterpart_administration_id}"
        elif document.counterpart_external_id:
            counterpart = f"external:{document.counterpart_external_id}"
        return {
            "direction": document.direction,
            "document_type": document.document_type_id,
            "document_date": document.document_date,
            "counterpart": counterpart,
            "counterpart_text": document.counterpart_text,
            "subject": document.subject,
            "is_secret": document.is_secret,
            "secrecy_reference": document.secrecy_reference,
            "protected_subject": document.protected_subject,
        }

    def correction_changes(self) -> dict:
        data = self.cleaned_data
        counterpart = data.get("counterpart")
        return {
            "direction": data["direction"],
            "document_type": data["document_type"],
            "document_date": data["document_date"],
            "counterpart_body": counterpart if isinstance(counterpart, Body) else None,
            "counterpart_administration": counterpart if isinstance(counterpart, Administration) else None,
            "counterpart_external": counterpart if isinstance(counterpart, ExternalParty) else None,
            "counterpart_text": "" if counterpart else (data.get("counterpart_text") or ""),
            "subject": data["subject"],
            "is_secret": bool(data.get("is_secret")),
            "secrecy_reference": data.get("secrecy_reference") or "",
            "protected_subject": data.get("protected_subject") or "",
        }


class FileVersionForm(StyledForm):
    file = forms.FileField(label=_("Ny version av filen"))


class ExportForm(StyledForm):
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(label=_("Till"), widget=DateInput())
    format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("pdf", "PDF")])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("Slutdatumet måste vara samma som eller efter startdatumet."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 366:
            self.add_error("end", _("Välj en period på högst ett år."))
        return data


class PublicSearchForm(StyledForm):
    q = forms.CharField(label=_("Sökord eller diarienummer"), required=False, max_length=200)
    body = forms.ModelChoiceField(
        label=_("Organ"), queryset=Body.objects.none(), required=False, empty_label=_("Alla organ")
    )
    document_type = forms.ModelChoiceField(
        label=_("Handlingstyp"), queryset=DocumentType.objects.none(), required=False, empty_label=_("Alla typer")
    )
    date_from = forms.DateField(label=_("Datum från"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Datum till"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = body_list()
        self.fields["document_type"].queryset = document_types()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Slutdatumet måste vara samma som eller efter startdatumet."))
        return data

    def cleaned_filters(self) -> dict:
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "body": data["body"].pk if data.get("body") else None,
            "document_type": data["document_type"].pk if data.get("document_type") else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class SearchForm(PublicSearchForm):
    kind = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        choices=[("", _("Ärenden och handlingar")), ("case", _("Ärenden")), ("document", _("Handlingar"))],
    )

    def cleaned_filters(self) -> dict:
        filters = super().cleaned_filters()
        filters["kind"] = self.cleaned_data.get("kind") or ""
        return filters
