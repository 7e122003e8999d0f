from django.urls import path, register_converter

from . import api


class ApiCaseNumberConverter:
    """A diarienummer in an API path (STK-2019-284); matched case-insensitively.

    Every number the services can give must be addressable, or building a link to it fails:
    the year may have fewer than four digits (a case opened on an early date) and the running
    number goes up to the counter's limit.
    """

    regex = r"[A-Za-z]{1,12}-\d{1,4}-\d{1,10}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(ApiCaseNumberConverter, "api_case_number")

CASE = "cases/<api_case_number:number>/"
DOCUMENT = CASE + "documents/<int:sequence>/"

urlpatterns = [
    path("series/", api.SeriesListView.as_view(), name="api-registry-series"),
    path("document-types/", api.DocumentTypeListView.as_view(), name="api-registry-document-types"),
    path("cases/", api.CaseListView.as_view(), name="api-registry-cases"),
    path(CASE, api.CaseDetailView.as_view(), name="api-registry-case"),
    path(CASE + "close/", api.CaseCloseView.as_view(), name="api-registry-case-close"),
    path(CASE + "reopen/", api.CaseReopenView.as_view(), name="api-registry-case-reopen"),
    path(CASE + "relate/", api.CaseRelateView.as_view(), name="api-registry-case-relate"),
    path(CASE + "documents/", api.DocumentListView.as_view(), name="api-registry-documents"),
    path(DOCUMENT, api.DocumentDetailView.as_view(), name="api-registry-document"),
    path(DOCUMENT + "correct/", api.DocumentCorrectView.as_view(), name="api-registry-document-correct"),
    path(DOCUMENT + "files/", api.DocumentFileCreateView.as_view(), name="api-registry-document-files"),
    path("files/<int:file_id>/download/", api.FileDownloadView.as_view(), name="api-registry-file-download"),
    path("search/", api.SearchView.as_view(), name="api-registry-search"),
    path("public/search/", api.PublicSearchView.as_view(), name="api-public-search"),
    path("public/cases/<api_case_number:number>/", api.PublicCaseDetailView.as_view(), name="api-public-case"),
    path(
        "public/files/<int:file_id>/download/",
        api.PublicFileDownloadView.as_view(),
        name="api-public-file-download",
    ),
]
