"""What the public may see of the registry: everything registered, with secret parts masked."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from .models import Case, Document, DocumentFile
from .search import SearchResults, search_public


def public_search(filters: dict) -> SearchResults | QuerySet[Document]:
    query = filters.pop("q", "")
    if query:
        return search_public(query, filters)
    return public_documents(filters)


def public_documents(filters: dict) -> QuerySet[Document]:
    """Browsing without a query: newest registered documents first, filtered."""
    qs = Document.objects.select_related("case__series", "document_type").order_by("-registered_at", "-id")
    if filters.get("body"):
        qs = qs.filter(
            Q(case__series__body_id=filters["body"]) | Q(case__series__administration__body_id=filters["body"])
        )
    if filters.get("document_type"):
        qs = qs.filter(document_type_id=filters["document_type"])
    if filters.get("date_from"):
        qs = qs.filter(document_date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(document_date__lte=filters["date_to"])
    return qs


def public_case(number: str) -> Case | None:
    return (
        Case.objects.select_related("series", "responsible_body", "responsible_administration")
        .filter(number=number.upper())
        .first()
    )


def public_case_documents(case: Case) -> QuerySet[Document]:
    return (
        Document.objects.filter(case=case)
        .select_related("document_type", "counterpart_body", "counterpart_administration", "counterpart_external")
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("-version")))
        .order_by("sequence")
    )


def public_file(file_id: int) -> DocumentFile | None:
    """A file the public may download: never one of a secret document or case."""
    return (
        DocumentFile.objects.select_related("document__case")
        .filter(pk=file_id, document__is_secret=False, document__case__is_secret=False)
        .first()
    )
