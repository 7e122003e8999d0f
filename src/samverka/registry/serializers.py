"""How the registry is shown and received in the REST API.

Output serializers mask what is secret with the same selectors and policies as the pages:
a user who may not read a secret case never receives its title, description or child rights
assessment; a secret document's file names and file links are left out, and a document's
protected description shows only to those who may read the case's secrets, marked secret or not.
Input serializers only check the shape of the input; the rules live in the services.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from samverka.core.api import NamedChoiceField
from samverka.organisation.models import Administration, Body, ExternalParty
from samverka.organisation.selectors import administration_list, body_list, external_party_list, person_list
from samverka.organisation.serializers import (
    AdministrationRefSerializer,
    BodyRefSerializer,
    PersonRefSerializer,
)

from . import policies, selectors
from .models import Case, CaseSeries, Document, DocumentFile, DocumentType
from .search import MAX_QUERY_LENGTH

BOOLEAN_ERRORS = {"invalid": _("Ange true eller false.")}
HIT_TYPES = [("case", _("Ärende")), ("document", _("Handling"))]


def case_status_field() -> NamedChoiceField:
    return NamedChoiceField(choices=Case.Status.choices, enum_name="CaseStatusEnum", read_only=True)


def direction_field(**kwargs: Any) -> NamedChoiceField:
    return NamedChoiceField(choices=Document.Direction.choices, enum_name="DocumentDirectionEnum", **kwargs)


COUNTERPART_FIELDS = ("counterpart_body", "counterpart_administration", "counterpart_external", "counterpart_text")


class OptionalBooleanField(serializers.BooleanField):
    """A boolean that is left out when it is not sent, also in form and multipart input
    (DRF would otherwise read a missing checkbox as false and, say, lift a case's secrecy)."""

    default_empty_html = empty

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", BOOLEAN_ERRORS)
        super().__init__(**kwargs)


def _user(serializer: serializers.Field) -> Any:
    return serializer.context["request"].user


def _absolute(serializer: serializers.Field, url: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


def case_secrets_hidden(user: Any, case: Case) -> bool:
    """The case is secret and the user may not read its secret parts."""
    return case.is_secret and not policies.can_view_case_secrets(user, case)


def document_secrets_hidden(user: Any, document: Document) -> bool:
    """The document (or its case) is secret and the user may not read its secret parts."""
    return (document.is_secret or document.case.is_secret) and not policies.can_view_document_secrets(user, document)


def _may_read_document_secrets(serializer: serializers.Field, document: Document) -> bool:
    """`policies.can_view_document_secrets`, from the user's secret scope computed once per response
    (kept in the serializer's context, shared by every row), so a list asks no query per row."""
    context = serializer.context
    scope = context.get("_secret_scope")
    if scope is None:
        scope = context["_secret_scope"] = policies.secret_scope(_user(serializer))
    return policies.case_secrets_in_scope(scope, document.case)


def _check_dates(data: dict[str, Any], start: str, end: str) -> None:
    if data.get(start) and data.get(end) and data[start] > data[end]:
        raise serializers.ValidationError({end: [_("Slutdatumet måste vara samma som eller efter startdatumet.")]})


# -- Reference data ---------------------------------------------------------------------------
class CaseSeriesSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True, allow_null=True)
    administration = AdministrationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CaseSeries
        fields = ["id", "prefix", "name", "body", "administration", "is_active"]
        read_only_fields = fields


class CaseSeriesRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseSeries
        fields = ["id", "prefix", "name"]
        read_only_fields = fields


class DocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "code", "name", "is_active"]
        read_only_fields = fields


class DocumentTypeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "code", "name"]
        read_only_fields = fields


# -- Cases: output ----------------------------------------------------------------------------
class CaseSummarySerializer(serializers.ModelSerializer):
    """A row of the case list."""

    url = serializers.SerializerMethodField()
    series = CaseSeriesRefSerializer(read_only=True)
    title = serializers.SerializerMethodField(help_text=_("Den offentliga ärendemeningen om du inte får se sekretess."))
    status = case_status_field()
    responsible_officer = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "url",
            "series",
            "title",
            "status",
            "opened_on",
            "closed_on",
            "responsible_officer",
            "is_secret",
        ]
        read_only_fields = fields

    def get_url(self, case: Case) -> str:
        return _absolute(self, reverse("api-registry-case", args=[case.number]))

    def get_title(self, case: Case) -> str:
        return selectors.case_title_for(_user(self), case)


class CaseRelationSerializer(serializers.Serializer):
    number = serializers.CharField(read_only=True, label=_("diarienummer"))
    title = serializers.CharField(read_only=True, label=_("ärendemening"))
    note = serializers.CharField(read_only=True, label=_("anteckning"))
    direction = serializers.CharField(
        read_only=True, help_text=_("`out` om kopplingen gjordes härifrån, `in` om den gjordes från det andra ärendet.")
    )
    url = serializers.CharField(read_only=True)


def relation_rows(serializer: serializers.Field, relations: list[tuple[Case, str, str]]) -> list[dict[str, Any]]:
    user = _user(serializer)
    return [
        {
            "number": other.number,
            "title": selectors.case_title_for(user, other),
            "note": note,
            "direction": direction,
            "url": _absolute(serializer, reverse("api-registry-case", args=[other.number])),
        }
        for other, note, direction in relations
    ]


class CaseSerializer(CaseSummarySerializer):
    """A case with everything the user may see of it."""

    responsible_body = BodyRefSerializer(read_only=True, allow_null=True)
    responsible_administration = AdministrationRefSerializer(read_only=True, allow_null=True)
    description = serializers.SerializerMethodField(help_text=_("Saknas (null) om ärendet omfattas av sekretess."))
    child_rights_assessment = serializers.SerializerMethodField(
        help_text=_("Saknas (null) om ärendet omfattas av sekretess.")
    )
    secrets_visible = serializers.SerializerMethodField(
        help_text=_("Om du får se ärendets uppgifter som omfattas av sekretess.")
    )
    documents_url = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()

    class Meta(CaseSummarySerializer.Meta):
        fields = [
            *CaseSummarySerializer.Meta.fields,
            "year",
            "sequence",
            "public_title",
            "description",
            "child_rights_assessment",
            "responsible_body",
            "responsible_administration",
            "closing_reason",
            "secrecy_reference",
            "secrets_visible",
            "created_at",
            "documents_url",
            "relations",
        ]
        read_only_fields = fields

    def get_description(self, case: Case) -> str | None:
        return None if case_secrets_hidden(_user(self), case) else case.description

    def get_child_rights_assessment(self, case: Case) -> str | None:
        return None if case_secrets_hidden(_user(self), case) else case.child_rights_assessment

    def get_secrets_visible(self, case: Case) -> bool:
        return not case_secrets_hidden(_user(self), case)

    def get_documents_url(self, case: Case) -> str:
        return _absolute(self, reverse("api-registry-documents", args=[case.number]))

    @extend_schema_field(CaseRelationSerializer(many=True))
    def get_relations(self, case: Case) -> list[dict[str, Any]]:
        relations = self.context.get("relations")
        if relations is None:
            relations = selectors.case_relations(case)
        return relation_rows(self, relations)


# -- Cases: input -----------------------------------------------------------------------------
class CaseFilterSerializer(serializers.Serializer):
    """The filters of the case list (as on the case list page) and its ordering."""

    q = serializers.CharField(
        label=_("Diarienummer eller ärendemening"), max_length=200, required=False, allow_blank=True
    )
    series = serializers.PrimaryKeyRelatedField(
        label=_("Diarieserie"), queryset=selectors.series_list(active_only=False), required=False, allow_null=True
    )
    status = serializers.ChoiceField(label=_("Status"), choices=Case.Status.choices, required=False, allow_blank=True)
    responsible = serializers.PrimaryKeyRelatedField(
        label=_("Handläggare"), queryset=person_list(active_only=False), required=False, allow_null=True
    )
    opened_from = serializers.DateField(label=_("Öppnat från"), required=False)
    opened_to = serializers.DateField(label=_("Öppnat till"), required=False)
    mine = OptionalBooleanField(label=_("Bara mina ärenden"), required=False, default=False)
    ordering = serializers.ChoiceField(
        label=_("Sortering"),
        choices=[(key, key) for key in selectors.CASE_SORTS],
        required=False,
        default=selectors.DEFAULT_CASE_SORT,
        help_text=_("Sorteringsordning; ett minustecken först ger fallande ordning."),
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        _check_dates(data, "opened_from", "opened_to")
        return data

    def case_filters(self) -> selectors.CaseFilters:
        data = self.validated_data
        return selectors.CaseFilters(
            q=data.get("q") or "",
            series=data["series"].pk if data.get("series") else None,
            status=data.get("status") or "",
            responsible=data["responsible"].pk if data.get("responsible") else None,
            opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"),
            mine=bool(data.get("mine")),
        )


class CaseFieldsSerializer(serializers.Serializer):
    """The fields of a case that are given when it is opened and may be changed later."""

    title = serializers.CharField(label=_("Ärendemening"), max_length=500)
    public_title = serializers.CharField(
        label=_("Offentlig ärendemening"), max_length=500, required=False, allow_blank=True
    )
    description = serializers.CharField(label=_("Beskrivning"), required=False, allow_blank=True)
    responsible_officer = serializers.PrimaryKeyRelatedField(
        label=_("Handläggare"), queryset=person_list(), required=False, allow_null=True
    )
    responsible_body = serializers.PrimaryKeyRelatedField(
        label=_("Ansvarigt organ"), queryset=body_list(), required=False, allow_null=True
    )
    responsible_administration = serializers.PrimaryKeyRelatedField(
        label=_("Ansvarig förvaltning"), queryset=administration_list(), required=False, allow_null=True
    )
    child_rights_assessment = serializers.CharField(label=_("Barnrättsbedömning"), required=False, allow_blank=True)
    is_secret = OptionalBooleanField(label=_("Ärendemeningen omfattas av sekretess"), required=False)
    secrecy_reference = serializers.CharField(
        label=_("Sekretessgrund"), max_length=200, required=False, allow_blank=True
    )


class CaseOpenSerializer(CaseFieldsSerializer):
    series = serializers.PrimaryKeyRelatedField(
        label=_("Diarieserie"), queryset=selectors.series_list(active_only=False)
    )
    opened_on = serializers.DateField(
        label=_("Öppnat"), required=False, help_text=_("Dagens datum om det inte anges; aldrig i framtiden.")
    )


class CaseUpdateSerializer(CaseFieldsSerializer):
    """Only the fields that are sent are changed."""

    title = serializers.CharField(label=_("Ärendemening"), max_length=500, required=False)
    reason = serializers.CharField(
        label=_("Skäl"), max_length=2000, required=False, allow_blank=True, help_text=_("Sparas i historiken.")
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not set(data) - {"reason"}:
            raise serializers.ValidationError(_("Ange minst en uppgift att ändra."))
        return data


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("Skäl"), max_length=2000)


class CaseCloseSerializer(ReasonSerializer):
    closed_on = serializers.DateField(
        label=_("Avslutat"), required=False, help_text=_("Dagens datum om det inte anges.")
    )


class CaseRelateSerializer(serializers.Serializer):
    other = serializers.CharField(
        label=_("Diarienummer att koppla till"), max_length=40, help_text=_("T.ex. MN-2020-9317.")
    )
    note = serializers.CharField(label=_("Anteckning"), max_length=300, required=False, allow_blank=True, default="")

    def validate_other(self, value: str) -> Case:
        number = value.strip().upper()
        try:
            return selectors.case_get(number=number)
        except Case.DoesNotExist as exc:
            raise serializers.ValidationError(
                _("Det finns inget ärende med diarienummer %(number)s.") % {"number": number}
            ) from exc


# -- Documents: output ------------------------------------------------------------------------
class DocumentFileSerializer(serializers.ModelSerializer):
    filename = serializers.SerializerMethodField(help_text=_("Saknas (null) om handlingen omfattas av sekretess."))
    download_url = serializers.SerializerMethodField(
        help_text=_("Saknas (null) om handlingen omfattas av sekretess och du inte får se den.")
    )

    class Meta:
        model = DocumentFile
        fields = ["id", "version", "filename", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def _hidden(self, stored: DocumentFile) -> bool:
        return document_secrets_hidden(_user(self), stored.document)

    def get_filename(self, stored: DocumentFile) -> str | None:
        return None if self._hidden(stored) else stored.filename

    def get_download_url(self, stored: DocumentFile) -> str | None:
        if self._hidden(stored):
            return None
        return _absolute(self, reverse("api-registry-file-download", args=[stored.pk]))


class DocumentSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, label=_("handlingsnummer"), help_text=_("T.ex. STK-2019-284:3."))
    url = serializers.SerializerMethodField()
    case_number = serializers.CharField(source="case.number", read_only=True, label=_("diarienummer"))
    direction = direction_field(read_only=True)
    document_type = DocumentTypeRefSerializer(read_only=True)
    counterpart = serializers.CharField(read_only=True, label=_("avsändare/mottagare"))
    protected_subject = serializers.SerializerMethodField(
        help_text=_(
            "Saknas (null) om du inte får se handlingens skyddade uppgifter, "
            "även när handlingen inte är markerad med sekretess."
        )
    )
    registered_late = serializers.BooleanField(read_only=True, label=_("sent registrerad"))
    secrets_visible = serializers.SerializerMethodField(
        help_text=_("Om du får se handlingens uppgifter som omfattas av sekretess.")
    )
    files = DocumentFileSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = [
            "number",
            "url",
            "case_number",
            "sequence",
            "direction",
            "document_type",
            "document_date",
            "counterpart",
            "counterpart_body",
            "counterpart_administration",
            "counterpart_external",
            "counterpart_text",
            "subject",
            "protected_subject",
            "is_secret",
            "secrecy_reference",
            "registered_on",
            "registered_at",
            "registered_late",
            "secrets_visible",
            "files",
        ]
        read_only_fields = fields

    def get_url(self, document: Document) -> str:
        return _absolute(self, reverse("api-registry-document", args=[document.case.number, document.sequence]))

    def get_protected_subject(self, document: Document) -> str | None:
        # Protected whether or not the document is marked secret, as on the pages and in the search.
        return document.protected_subject if _may_read_document_secrets(self, document) else None

    def get_secrets_visible(self, document: Document) -> bool:
        return not document_secrets_hidden(_user(self), document)


# -- Documents: input -------------------------------------------------------------------------
class DocumentFieldsSerializer(serializers.Serializer):
    direction = direction_field(label=_("Riktning"))
    document_type = serializers.PrimaryKeyRelatedField(
        label=_("Handlingstyp"), queryset=selectors.document_types(active_only=False)
    )
    document_date = serializers.DateField(
        label=_("Datum"), help_text=_("Dagen handlingen kom in, upprättades eller skickades.")
    )
    counterpart_body = serializers.PrimaryKeyRelatedField(
        label=_("Avsändare/mottagare (organ)"), queryset=body_list(active_only=False), required=False, allow_null=True
    )
    counterpart_administration = serializers.PrimaryKeyRelatedField(
        label=_("Avsändare/mottagare (förvaltning)"),
        queryset=administration_list(active_only=False),
        required=False,
        allow_null=True,
    )
    counterpart_external = serializers.PrimaryKeyRelatedField(
        label=_("Avsändare/mottagare (extern part)"),
        queryset=external_party_list(active_only=False),
        required=False,
        allow_null=True,
    )
    counterpart_text = serializers.CharField(
        label=_("Avsändare/mottagare (fritext)"), max_length=300, required=False, allow_blank=True
    )
    subject = serializers.CharField(
        label=_("Beskrivning"), max_length=500, help_text=_("Offentlig kort beskrivning av vad handlingen gäller.")
    )
    protected_subject = serializers.CharField(
        label=_("Skyddad beskrivning"), max_length=500, required=False, allow_blank=True
    )
    is_secret = OptionalBooleanField(label=_("Handlingen omfattas av sekretess"), required=False)
    secrecy_reference = serializers.CharField(
        label=_("Sekretessgrund"), max_length=200, required=False, allow_blank=True
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        given = [name for name in COUNTERPART_FIELDS if data.get(name)]
        if len(given) > 1:
            raise serializers.ValidationError(
                {
                    given[-1]: [
                        _("Ange en avsändare eller mottagare: ett organ, en förvaltning, en extern part eller fritext.")
                    ]
                }
            )
        return data

    @staticmethod
    def counterpart(data: dict[str, Any]) -> Any:
        for name in COUNTERPART_FIELDS:
            if data.get(name):
                return data[name]
        return None


class DocumentRegisterSerializer(DocumentFieldsSerializer):
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        label=_("Filer"),
        help_text=_("Noll eller flera filer: PDF, Word, Excel, PowerPoint, OpenDocument, text, PNG eller JPEG."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        kwargs = {name: data[name] for name in ("direction", "document_type", "document_date", "subject")}
        for name in ("protected_subject", "is_secret", "secrecy_reference"):
            if name in data:
                kwargs[name] = data[name]
        kwargs["counterpart"] = self.counterpart(data)
        kwargs["files"] = data.get("files") or []
        return kwargs


class DocumentCorrectSerializer(DocumentFieldsSerializer):
    """Only the fields that are sent are corrected; the reason is kept in the history."""

    reason = serializers.CharField(label=_("Skäl till rättelsen"), max_length=2000)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name, field in fields.items():
            if name != "reason":
                field.required = False
        return fields

    def changes(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        data.pop("reason")
        if any(name in data for name in COUNTERPART_FIELDS):
            # One counterpart replaces another: the kinds not given are cleared.
            given = self.counterpart(data)
            data["counterpart_body"] = given if isinstance(given, Body) else None
            data["counterpart_administration"] = given if isinstance(given, Administration) else None
            data["counterpart_external"] = given if isinstance(given, ExternalParty) else None
            data["counterpart_text"] = given if isinstance(given, str) else ""
        return data


class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField(label=_("Fil"), help_text=_("En ny version av handlingens fil."))


# -- Search -----------------------------------------------------------------------------------
class SearchFilterSerializer(serializers.Serializer):
    """Filters shared by the staff and the public search."""

    body = serializers.PrimaryKeyRelatedField(
        label=_("Organ"), queryset=body_list(active_only=False), required=False, allow_null=True
    )
    document_type = serializers.PrimaryKeyRelatedField(
        label=_("Handlingstyp"), queryset=selectors.document_types(active_only=False), required=False, allow_null=True
    )
    date_from = serializers.DateField(label=_("Datum från"), required=False)
    date_to = serializers.DateField(label=_("Datum till"), required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        _check_dates(data, "date_from", "date_to")
        return data

    def search_filters(self) -> dict[str, Any]:
        data = self.validated_data
        return {
            "body": data["body"].pk if data.get("body") else None,
            "document_type": data["document_type"].pk if data.get("document_type") else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class SearchQuerySerializer(SearchFilterSerializer):
    q = serializers.CharField(label=_("Sökord"), max_length=MAX_QUERY_LENGTH)
    kind = serializers.ChoiceField(
        label=_("Visa"),
        choices=[("case", _("Ärenden")), ("document", _("Handlingar"))],
        required=False,
        allow_blank=True,
        help_text=_("Bara ärenden eller bara handlingar; båda om det inte anges."),
    )

    def search_filters(self) -> dict[str, Any]:
        return {**super().search_filters(), "kind": self.validated_data.get("kind") or ""}


class SearchHitSerializer(serializers.Serializer):
    type = NamedChoiceField(
        choices=HIT_TYPES, enum_name="SearchHitTypeEnum", read_only=True, help_text=_("Vad som träffades.")
    )
    case_number = serializers.CharField(read_only=True, label=_("diarienummer"))
    document_number = serializers.CharField(read_only=True, allow_null=True, label=_("handlingsnummer"))
    title = serializers.CharField(
        read_only=True, help_text=_("Ärendemeningen (offentlig vid sekretess) eller handlingens beskrivning.")
    )
    document_type = serializers.CharField(read_only=True, allow_null=True, label=_("handlingstyp"))
    date = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Handlingens datum eller ärendets öppnandedag.")
    )
    snippet = serializers.CharField(
        read_only=True, help_text=_("Utdrag ur texten som HTML; träffarna är markerade med <mark>.")
    )
    url = serializers.CharField(read_only=True)


# -- Public registry --------------------------------------------------------------------------
class PublicSearchQuerySerializer(SearchFilterSerializer):
    q = serializers.CharField(
        label=_("Sökord"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        allow_blank=True,
        help_text=_("Utan sökord visas de senast registrerade handlingarna."),
    )

    def search_filters(self) -> dict[str, Any]:
        return {**super().search_filters(), "q": (self.validated_data.get("q") or "").strip()}


class PublicSearchHitSerializer(serializers.Serializer):
    type = NamedChoiceField(
        choices=HIT_TYPES, enum_name="SearchHitTypeEnum", read_only=True, help_text=_("Vad som träffades.")
    )
    case_number = serializers.CharField(read_only=True, label=_("diarienummer"))
    case_title = serializers.CharField(read_only=True, label=_("ärendemening"))
    document_number = serializers.CharField(read_only=True, allow_null=True, label=_("handlingsnummer"))
    subject = serializers.CharField(read_only=True, allow_null=True, label=_("beskrivning"))
    document_type = serializers.CharField(read_only=True, allow_null=True, label=_("handlingstyp"))
    date = serializers.DateField(read_only=True, allow_null=True)
    snippet = serializers.CharField(
        read_only=True, help_text=_("Utdrag ur den offentliga texten som HTML; träffarna är markerade med <mark>.")
    )
    url = serializers.CharField(read_only=True)


class PublicFileSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["id", "version", "filename", "content_type", "size", "download_url"]
        read_only_fields = fields

    def get_download_url(self, stored: DocumentFile) -> str:
        return _absolute(self, reverse("api-public-file-download", args=[stored.pk]))


class PublicDocumentSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, label=_("handlingsnummer"))
    direction = direction_field(read_only=True)
    document_type = DocumentTypeRefSerializer(read_only=True)
    counterpart = serializers.CharField(read_only=True, label=_("avsändare/mottagare"))
    files = serializers.SerializerMethodField(
        help_text=_("Filerna; tom om handlingen eller ärendet omfattas av sekretess.")
    )
    file_count = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "number",
            "sequence",
            "direction",
            "document_type",
            "document_date",
            "counterpart",
            "subject",
            "is_secret",
            "secrecy_reference",
            "registered_on",
            "files",
            "file_count",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicFileSerializer(many=True))
    def get_files(self, document: Document) -> list[dict[str, Any]]:
        if document.is_secret or document.case.is_secret:
            return []
        return PublicFileSerializer(document.files.all(), many=True, context=self.context).data

    def get_file_count(self, document: Document) -> int:
        return len(document.files.all())


class PublicCaseSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_public_title", read_only=True, label=_("ärendemening"))
    status = case_status_field()
    series = CaseSeriesRefSerializer(read_only=True)
    responsible_body = BodyRefSerializer(read_only=True, allow_null=True)
    responsible_administration = AdministrationRefSerializer(read_only=True, allow_null=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "number",
            "title",
            "series",
            "status",
            "opened_on",
            "closed_on",
            "responsible_body",
            "responsible_administration",
            "is_secret",
            "secrecy_reference",
            "documents",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicDocumentSerializer(many=True))
    def get_documents(self, case: Case) -> list[dict[str, Any]]:
        documents = self.context["documents"]
        return PublicDocumentSerializer(documents, many=True, context=self.context).data
