from django.urls import path

from . import api

urlpatterns = [
    path("meetings/", api.MeetingListView.as_view(), name="api-meetings"),
    path("meetings/<int:pk>/", api.MeetingDetailView.as_view(), name="api-meeting"),
    path("meetings/<int:pk>/agenda/", api.AgendaView.as_view(), name="api-meeting-agenda"),
    path("meetings/<int:pk>/paragraphs/", api.ParagraphListView.as_view(), name="api-meeting-paragraphs"),
    path("meetings/<int:pk>/steps/<slug:step>/", api.StepView.as_view(), name="api-meeting-step"),
    path("meetings/<int:pk>/items/<int:item_id>/", api.AgendaItemView.as_view(), name="api-meeting-item"),
    path("meetings/<int:pk>/items/<int:item_id>/decision/", api.DecisionView.as_view(), name="api-meeting-decision"),
    path("meetings/<int:pk>/items/<int:item_id>/dissents/", api.DissentView.as_view(), name="api-meeting-dissent"),
    path("notice-board/", api.NoticeBoardView.as_view(), name="api-notice-board"),
]
