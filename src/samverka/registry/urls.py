from django.urls import include, path, register_converter

from . import views


class CaseNumberConverter:
    regex = r"[A-Za-z]{1,12}-\d{4}-\d{1,9}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CaseNumberConverter, "casenumber")

registry_patterns = [
    path("arenden/", views.case_list, name="case_list"),
    path("arenden/nytt/", views.case_open, name="case_open"),
    path("arenden/<casenumber:number>/", views.case_detail, name="case_detail"),
    path("arenden/<casenumber:number>/historik/", views.case_history, name="case_history"),
    path("arenden/<casenumber:number>/avsluta/", views.case_close, name="case_close"),
    path("arenden/<casenumber:number>/ateruppta/", views.case_reopen, name="case_reopen"),
    path("arenden/<casenumber:number>/koppla/", views.case_relate, name="case_relate"),
    path("arenden/<casenumber:number>/handlingar/ny/", views.document_register, name="document_register"),
    path("arenden/<casenumber:number>/handlingar/<int:sequence>/", views.document_detail, name="document_detail"),
    path(
        "arenden/<casenumber:number>/handlingar/<int:sequence>/ratta/", views.document_correct, name="document_correct"
    ),
    path(
        "arenden/<casenumber:number>/handlingar/<int:sequence>/ny-version/",
        views.document_add_version,
        name="document_add_version",
    ),
    path("filer/<int:file_id>/", views.file_download, name="file_download"),
    path("sok/", views.search, name="search"),
    path("diarieexport/", views.registry_export, name="export"),
]

urlpatterns = [
    path("", include((registry_patterns, "registry"))),
    path("diarium/", include(("samverka.registry.public_urls", "public"))),
]
