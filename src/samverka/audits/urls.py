from django.urls import include, path, re_path

from . import views

audit_patterns = [
    path("revision/", views.audit_list, name="audit_list"),
    path("revision/ny/", views.audit_register, name="audit_register"),
    path("revision/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("revision/<int:pk>/iakttagelser/ny/", views.finding_add, name="finding_add"),
    path("revision/<int:pk>/iakttagelser/<int:finding_pk>/atgard/ny/", views.action_add, name="action_add"),
    path("revision/<int:pk>/svar/", views.response_edit, name="response_edit"),
    path("revision/<int:pk>/redovisningar/ny/", views.report_schedule, name="report_schedule"),
    path("revision/<int:pk>/redovisningar/<int:report_pk>/lamna/", views.report_submit, name="report_submit"),
    re_path(
        r"^revision/(?P<pk>[0-9]+)/yttrande\.(?P<fmt>pdf|docx)$", views.statement_preview, name="statement_preview"
    ),
    path("revision/<int:pk>/yttrande/registrera/", views.statement_register, name="statement_register"),
    path("revision/atgarder/<int:pk>/", views.action_detail, name="action_detail"),
    path("revision/atgarder/<int:pk>/anteckning/", views.action_note, name="action_note"),
    path("revision/atgarder/<int:pk>/<slug:step>/", views.action_transition, name="action_transition"),
]

urlpatterns = [path("", include((audit_patterns, "audits")))]
