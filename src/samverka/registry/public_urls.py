from django.urls import path

from . import public_views

urlpatterns = [
    path("", public_views.registry, name="registry"),
    path("arenden/<casenumber:number>/", public_views.case_detail, name="case_detail"),
    path("filer/<int:file_id>/", public_views.file_download, name="file_download"),
]
