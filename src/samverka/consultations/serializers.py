"""How consultations are shown and written in the REST API. Input serializers only check shape;
the rules live in the services."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.meetings.models import AgendaItem
from samverka.organisation.models import Administration, Body, ExternalParty, Person
from samverka.registry.models import Case, CaseSeries

from . import selectors
from .models import Comment, Consultation, Question, Recipient, Response, Topic


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "code", "name", "is_active"]
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "position", "text"]
        read_only_fields = fields


class RecipientSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    kind = serializers.SerializerMethodField()
    recipient_case = serializers.SlugRelatedField(slug_field="number", read_only=True)
    state = serializers.SerializerMethodField(help_text=_("answered, declined, draft eller none."))
    days_left = serializers.SerializerMethodField()

    class Meta:
        model = Recipient
        fields = ["id", "kind", "name", "body", "administration", "external", "recipient_case", "state", "days_left"]
        read_only_fields = fields

    def get_kind(self, recipient: Recipient) -> str:
        return "body" if recipient.body_id else "administration" if recipient.administration_id else "external"

    def _row(self, recipient: Recipient):
        rows = self.context.get("rows") or {}
        return rows.get(recipient.pk)

    def get_state(self, recipient: Recipient) -> str:
        row = self._row(recipient)
        return row.state if row else ""

    def get_days_left(self, recipient: Recipient) -> int | None:
        row = self._row(recipient)
        return row.days_left if row else None


CONSULTATION_STATUS_HELP = _(
    "Remissens status: draft (utkast), sent (utskickad), closed (stängd), compiled (sammanställd)."
)
RESPONSE_STATUS_HELP = _("Svarets status: draft (utkast) eller sent (skickat).")


class ConsultationSummarySerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="number", read_only=True)
    status = serializers.CharField(read_only=True, help_text=CONSULTATION_STATUS_HELP)
    recipient_count = serializers.IntegerField(read_only=True)
    response_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "case", "title", "status", "deadline", "sent_on", "recipient_count", "response_count"]
        read_only_fields = fields


class ConsultationSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="number", read_only=True)
    status = serializers.CharField(read_only=True, help_text=CONSULTATION_STATUS_HELP)
    final_proposal = serializers.SlugRelatedField(slug_field="number", read_only=True)
    questions = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    sent_document = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "case",
            "title",
            "description",
            "status",
            "deadline",
            "sending_decision",
            "sending_paragraph",
            "sender_body",
            "responsible_officer",
            "reminder_days",
            "sent_on",
            "sent_document",
            "close_reason",
            "final_proposal",
            "questions",
            "documents",
        ]
        read_only_fields = fields

    def get_questions(self, consultation: Consultation) -> list[dict]:
        return QuestionSerializer(selectors.active_questions(consultation), many=True).data

    def get_documents(self, consultation: Consultation) -> list[str]:
        return [f"{consultation.case.number}:{d.sequence}" for d in consultation.documents.order_by("sequence")]

    def get_sent_document(self, consultation: Consultation) -> str | None:
        document = consultation.sent_document
        return f"{consultation.case.number}:{document.sequence}" if document else None


def _future(value):
    if value <= timezone.localdate():
        raise serializers.ValidationError(_("Sista svarsdag måste ligga i framtiden."))
    return value


class ConsultationWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateField(validators=[_future])
    questions = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    all_committees = serializers.BooleanField(required=False, default=False)
    bodies = serializers.PrimaryKeyRelatedField(queryset=Body.objects.all(), many=True, required=False)
    administrations = serializers.PrimaryKeyRelatedField(
        queryset=Administration.objects.all(), many=True, required=False
    )
    external_parties = serializers.PrimaryKeyRelatedField(
        queryset=ExternalParty.objects.all(), many=True, required=False
    )
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=_("Löpnummer på handlingar i ärendet som skickas med."),
    )
    sending_decision = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    sending_paragraph = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.filter(paragraph_number__isnull=False),
        required=False,
        allow_null=True,
        help_text=_("Id för paragrafen i ärendets protokoll som beslutade om remissen."),
    )
    sender_body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.all(), required=False, allow_null=True)
    responsible_officer = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    reminder_days = serializers.IntegerField(min_value=0, max_value=60, required=False, default=7)

    def recipients(self) -> list:
        data = self.validated_data
        parties: list = list(selectors.all_committees()) if data.get("all_committees") else []
        for name in ("bodies", "administrations", "external_parties"):
            parties.extend(data.get(name) or [])
        return parties


class ConsultationCreateSerializer(ConsultationWriteSerializer):
    case = serializers.SlugRelatedField(slug_field="number", queryset=Case.objects.all())


class ConsultationUpdateSerializer(ConsultationWriteSerializer):
    """A draft's changes: only what is sent changes (recipients replace the list when any is given)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class CloseSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


class FinalProposalSerializer(serializers.Serializer):
    case = serializers.SlugRelatedField(slug_field="number", queryset=Case.objects.all(), allow_null=True)


class ReceiptSerializer(serializers.Serializer):
    case = serializers.SlugRelatedField(slug_field="number", queryset=Case.objects.all(), required=False)
    series = serializers.SlugRelatedField(slug_field="prefix", queryset=CaseSeries.objects.all(), required=False)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    received_on = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, data):
        if bool(data.get("case")) == bool(data.get("series")):
            raise serializers.ValidationError(_("Ange antingen ett befintligt ärende eller en diarieserie."))
        return data


class CommentSerializer(serializers.ModelSerializer):
    topics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    recipient = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "position", "text", "topics", "recipient", "handling", "handling_motivation", "handled_at"]
        read_only_fields = fields

    def get_recipient(self, comment: Comment) -> str:
        return comment.response.recipient.name


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    topics = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.filter(is_active=True), many=True, required=False
    )


class AnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True)


class ResponseSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=RESPONSE_STATUS_HELP)
    answers = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()

    class Meta:
        model = Response
        fields = [
            "id",
            "status",
            "standpoint",
            "summary",
            "decision_reference",
            "version",
            "is_late",
            "sent_on",
            "answers",
            "comments",
        ]
        read_only_fields = fields

    def get_answers(self, response: Response) -> list[dict]:
        return [{"question": a.question_id, "text": a.text} for a in response.answers.all()]

    def get_comments(self, response: Response) -> list[dict]:
        return [
            {
                "id": c.id,
                "position": c.position,
                "text": c.text,
                "topics": [t.code for t in c.topics.all()],
                "handling": c.handling,
                "handling_motivation": c.handling_motivation,
            }
            for c in response.comments.all()
            if not c.is_removed
        ]


class ResponseWriteSerializer(serializers.Serializer):
    standpoint = serializers.ChoiceField(choices=Response.Standpoint.choices)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    decision_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    answers = AnswerInputSerializer(many=True, required=False, default=list)
    comments = CommentInputSerializer(many=True, required=False, default=list)


class ResponseCorrectSerializer(ResponseWriteSerializer):
    reason = serializers.CharField(max_length=2000)


class HandlingSerializer(serializers.Serializer):
    handling = serializers.ChoiceField(choices=Comment.Handling.choices)
    motivation = serializers.CharField(max_length=5000)


class ConsultationFilterSerializer(serializers.Serializer):
    status = serializers.CharField(required=False, help_text=CONSULTATION_STATUS_HELP)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    ordering = serializers.ChoiceField(
        choices=list(selectors.CONSULTATION_SORTS), required=False, default=selectors.DEFAULT_SORT
    )

    def validate_status(self, value: str) -> str:
        if value not in Consultation.Status.values:
            raise serializers.ValidationError(
                _("Välj en av: %(values)s.") % {"values": ", ".join(Consultation.Status.values)}
            )
        return value


class CommentFilterSerializer(serializers.Serializer):
    handled = serializers.BooleanField(required=False, allow_null=True, default=None)
