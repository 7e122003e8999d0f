from django.urls import include, path, re_path

from . import views

followup_patterns = [
    path("uppfoljning/", views.round_list, name="round_list"),
    path("uppfoljning/ny/", views.round_open, name="round_open"),
    path("uppfoljning/styrelsen/", views.board_dashboard, name="board"),
    path("uppfoljning/<int:year>/", views.round_detail, name="round_detail"),
    path("uppfoljning/<int:year>/svar/<int:pk>/", views.committee_answer, name="committee_answer"),
    path("uppfoljning/<int:year>/insatser/ny/", views.initiative_add, name="initiative_add"),
    path("uppfoljning/<int:year>/insatser/<int:pk>/", views.initiative_report, name="initiative_report"),
    re_path(
        r"^uppfoljning/(?P<year>[0-9]{4})/rapport\.(?P<fmt>pdf|docx)$", views.report_preview, name="report_preview"
    ),
    path("uppfoljning/<int:year>/rapport/registrera/", views.report_register, name="report_register"),
    path("uppfoljning/<int:year>/avsluta/", views.round_close, name="round_close"),
]

urlpatterns = [path("", include((followup_patterns, "followup")))]
