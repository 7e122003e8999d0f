import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.organisation.models import Body, Person
from samverka.organisation.selectors import body_list, person_list
from samverka.registry.forms import DateInput, StyledForm
from samverka.registry.models import Case, Document

from .models import AgendaItem, Attendance, Meeting
from .selectors import MEETING_SORTS


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingFilterForm(StyledForm):
    body = forms.ModelChoiceField(
        label=_("Organ"), queryset=Body.objects.none(), required=False, empty_label=_("Alla organ")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla"))] + list(Meeting.Status.choices)
    )
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in MEETING_SORTS], widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = body_list()


class MeetingForm(StyledForm):
    body = forms.ModelChoiceField(label=_("Organ"), queryset=Body.objects.none())
    day = forms.DateField(label=_("Datum"), widget=DateInput())
    starts = forms.TimeField(label=_("Börjar"), widget=TimeInput())
    ends = forms.TimeField(label=_("Slutar"), widget=TimeInput())
    place = forms.CharField(label=_("Plats"), max_length=300)
    secretary = forms.ModelChoiceField(label=_("Sekreterare"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies or []])
        self.fields["secretary"].queryset = person_list().filter(user__isnull=False)

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            "body": meeting.body_id,
            "day": start.date(),
            "starts": start.time(),
            "ends": end.time(),
            "place": meeting.place,
            "secretary": meeting.secretary_id,
        }

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("Sammanträdet kan inte sluta innan det börjar."))
        return data

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        data = self.cleaned_data
        return (
            dt.datetime.combine(data["day"], data["starts"], tzinfo=tz),
            dt.datetime.combine(data["day"], data["ends"], tzinfo=tz),
        )


class SupportingDocumentsField(forms.ModelMultipleChoiceField):
    """Checkboxes of the documents of the item's case."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Beslutsunderlag"))
        kwargs.setdefault("help_text", _("Handlingar i ärendet, t.ex. tjänsteskrivelsen."))
        super().__init__(
            queryset=Document.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, **kwargs
        )

    def label_from_instance(self, document: Document) -> str:
        return f"{document.sequence}. {document.subject}"


def _offer_documents(form: forms.Form, case: Case | None) -> None:
    """Offer the case's documents; without a known case there is nothing to offer yet (the item's
    page offers them once the item is on the agenda)."""
    if case is not None:
        form.fields["supporting_documents"].queryset = Document.objects.filter(case=case).order_by("sequence")
    else:
        del form.fields["supporting_documents"]


class AgendaItemForm(StyledForm):
    kind = forms.ChoiceField(label=_("Typ"), choices=AgendaItem.Kind.choices)
    case = forms.CharField(
        label=_("Diarienummer"),
        required=False,
        max_length=40,
        help_text=_("T.ex. STK-2023-1044. Krävs för beslutsärenden."),
    )
    title = forms.CharField(label=_("Rubrik"), max_length=500, required=False, help_text=_("Tomt: ärendemeningen."))
    summary = forms.CharField(label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    proposal = forms.CharField(
        label=_("Förslag till beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En beslutspunkt per rad. Tomt: beslutet från det organ som behandlade ärendet före."),
    )
    supporting_documents = SupportingDocumentsField()

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_documents(self, case)

    def clean_case(self):
        number = (self.cleaned_data.get("case") or "").strip().upper()
        if not number:
            return None
        case = Case.objects.filter(number=number).first()
        if case is None:
            raise forms.ValidationError(
                _("Det finns inget ärende med diarienummer %(number)s."), params={"number": number}
            )
        return case

    def clean(self):
        data = super().clean()
        if data.get("kind") == AgendaItem.Kind.DECISION and not data.get("case") and "case" not in self.errors:
            self.add_error("case", _("Ett beslutsärende behöver ett diarienummer."))
        if not (data.get("title") or "").strip() and not data.get("case") and "case" not in self.errors:
            self.add_error("title", _("Skriv en rubrik."))
        return data


class AgendaItemEditForm(StyledForm):
    title = forms.CharField(label=_("Rubrik"), max_length=500)
    summary = forms.CharField(label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    proposal = forms.CharField(
        label=_("Förslag till beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En beslutspunkt per rad."),
    )
    decision_intro = forms.CharField(
        label=_("Beslutsformel"), max_length=300, help_text=_("T.ex. Kommunstyrelsen beslutar")
    )
    supporting_documents = SupportingDocumentsField()

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_documents(self, case)


class DecisionForm(StyledForm):
    decision = forms.CharField(
        label=_("Beslut"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En beslutspunkt per rad; de numreras."),
    )
    accept_no_quorum = forms.BooleanField(label=_("Protokollför trots att nämnden inte är beslutför"), required=False)


class _AttendanceChoice(StyledForm):
    def __init__(self, *args, attendances=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = {str(a.pk): a for a in attendances}
        for name in self.attendance_fields:
            field = self.fields[name]
            field.choices = [(str(a.pk), a.label) for a in attendances]

    attendance_fields: tuple[str, ...] = ("attendance",)

    def clean_attendance(self):
        return self.attendances[self.cleaned_data["attendance"]]


class DissentForm(_AttendanceChoice):
    attendance = forms.ChoiceField(label=_("Ledamot som reserverar sig"))
    reasons = forms.CharField(
        label=_("Motivering (kan lämnas senare)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DisqualificationForm(_AttendanceChoice):
    attendance = forms.ChoiceField(label=_("Jävig ledamot"))
    reason = forms.CharField(label=_("Grund för jävet"), required=False, max_length=300)


class StatementForm(_AttendanceChoice):
    attendance_fields = ("members",)
    members = forms.MultipleChoiceField(label=_("Ledamöter som lämnar yttrandet"))
    text = forms.CharField(label=_("Yttrande"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment_label = forms.CharField(
        label=_("Bilaga"), required=False, max_length=50, help_text=_("T.ex. Bilaga 13.")
    )
    attachment = forms.FileField(label=_("Fil"), required=False)

    def clean_members(self):
        return [self.attendances[pk] for pk in self.cleaned_data["members"]]


class ReasonsForm(StyledForm):
    reasons = forms.CharField(label=_("Skriftlig motivering"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label=_("Skriftlig reservation som fil"), required=False)


class RecipientForm(StyledForm):
    name = forms.CharField(label=_("Mottagare"), max_length=300, help_text=_("T.ex. Samtliga nämnder, Vision."))
    email = forms.EmailField(label=_("E-post"), required=False)


class AttendanceForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Närvarande som"), choices=Attendance.Role.choices)
    party = forms.CharField(label=_("Parti"), required=False, max_length=20)
    title = forms.CharField(
        label=_("Titel eller uppdrag"), required=False, max_length=200, help_text=_("T.ex. Ordförande, Stadsdirektör.")
    )
    replaces = forms.ModelChoiceField(label=_("Ersätter"), queryset=Person.objects.none(), required=False)
    arrives_at_item = forms.ModelChoiceField(
        label=_("Kom till punkt"), queryset=AgendaItem.objects.none(), required=False
    )
    leaves_after_item = forms.ModelChoiceField(
        label=_("Lämnade efter punkt"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = person_list()
        self.fields["replaces"].queryset = person_list()
        items = AgendaItem.objects.filter(meeting=meeting).order_by("position")
        self.fields["arrives_at_item"].queryset = items
        self.fields["leaves_after_item"].queryset = items


class AttendanceChangeForm(StyledForm):
    """When one present person arrived and left, per item of the meeting's agenda. The items are
    read once for the whole attendance list and passed in."""

    arrives_at_item = forms.ChoiceField(label=_("Kom till punkt"), required=False)
    leaves_after_item = forms.ChoiceField(label=_("Lämnade efter punkt"), required=False)

    def __init__(self, *args, attendance: Attendance, items: list[AgendaItem], **kwargs):
        kwargs.setdefault("prefix", f"narvaro-{attendance.pk}")
        kwargs.setdefault(
            "initial",
            {
                "arrives_at_item": attendance.arrives_at_item_id or "",
                "leaves_after_item": attendance.leaves_after_item_id or "",
            },
        )
        super().__init__(*args, **kwargs)
        self.attendance = attendance
        self.items = {str(item.pk): item for item in items}
        choices = [(str(item.pk), str(item)) for item in items]
        self.fields["arrives_at_item"].choices = [("", _("Från början"))] + choices
        self.fields["leaves_after_item"].choices = [("", _("Till slutet"))] + choices

    def full_clean(self):
        super().full_clean()
        # One form per row: the error ids carry the row's prefix.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def clean_arrives_at_item(self):
        return self.items.get(self.cleaned_data["arrives_at_item"])

    def clean_leaves_after_item(self):
        return self.items.get(self.cleaned_data["leaves_after_item"])


class SignatoriesForm(StyledForm):
    chair = forms.ModelChoiceField(label=_("Ordförande"), queryset=Person.objects.none())
    verifiers = forms.ModelMultipleChoiceField(label=_("Justerare"), queryset=Person.objects.none())
    secretary = forms.ModelChoiceField(label=_("Sekreterare"), queryset=Person.objects.none())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        deciding = Person.objects.filter(
            pk__in=meeting.attendances.filter(
                role__in=[Attendance.Role.MEMBER, Attendance.Role.SERVING_SUBSTITUTE]
            ).values("person_id")
        )
        self.fields["chair"].queryset = deciding
        self.fields["verifiers"].queryset = deciding
        self.fields["secretary"].queryset = person_list().filter(user__isnull=False)


class PostForm(StyledForm):
    posted_on = forms.DateField(label=_("Anslaget den"), widget=DateInput())


class CancelForm(StyledForm):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class SealCheckForm(StyledForm):
    file = forms.FileField(label=_("PDF-fil att kontrollera"), help_text=_("Ett protokoll som du har laddat ned."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är för stor (högst 50 MB)."))
        return upload
