from django.urls import include, path

from . import views

meeting_patterns = [
    path("sammantraden/", views.meeting_list, name="meeting_list"),
    path("sammantraden/nytt/", views.meeting_plan, name="meeting_plan"),
    path("sammantraden/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("sammantraden/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("sammantraden/<int:pk>/steg/<slug:step>/", views.meeting_step, name="meeting_step"),
    path("sammantraden/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path(
        "sammantraden/<int:pk>/narvaro/<int:attendance_id>/",
        views.attendance_change,
        name="attendance_change",
    ),
    path("sammantraden/<int:pk>/justerare/", views.signatories, name="signatories"),
    path("sammantraden/<int:pk>/punkter/ny/", views.item_add, name="item_add"),
    path("sammantraden/<int:pk>/punkter/<int:item_id>/", views.item_detail, name="item_detail"),
    path("sammantraden/<int:pk>/punkter/<int:item_id>/<slug:action>/", views.item_action, name="item_action"),
    path("sammantraden/<int:pk>/reservationer/<int:dissent_id>/", views.dissent_reasons, name="dissent_reasons"),
    path("sammantraden/<int:pk>/kallelse.pdf", views.notice_pdf, name="notice_pdf"),
    path("sammantraden/<int:pk>/protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("sammantraden/<int:pk>/sammantrade.ics", views.meeting_ics, name="meeting_ics"),
    path("sammantraden/organ/<str:short_name>.ics", views.body_feed, name="body_feed"),
    path("utdrag/<int:extract_id>/expediera/", views.extract_dispatch, name="extract_dispatch"),
    path("utdrag/<int:extract_id>.<str:kind>", views.extract_file, name="extract_file"),
    path("anslagstavla/", views.notice_board, name="notice_board"),
    path("anslagstavla/<int:notice_id>/protokoll.pdf", views.public_minutes, name="public_minutes"),
    path("anslagstavla/kontrollera-sigill/", views.seal_check, name="seal_check"),
]

urlpatterns = [path("", include((meeting_patterns, "meetings")))]
