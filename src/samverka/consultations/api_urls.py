from django.urls import path

from . import api

ONE = "consultations/<int:pk>/"
RECIPIENT = ONE + "recipients/<int:recipient_id>/"

urlpatterns = [
    path("consultation-topics/", api.TopicListView.as_view(), name="api-consultation-topics"),
    path("consultations/", api.ConsultationListView.as_view(), name="api-consultations"),
    path(ONE, api.ConsultationDetailView.as_view(), name="api-consultation"),
    path(ONE + "send/", api.SendView.as_view(), name="api-consultation-send"),
    path(ONE + "close/", api.CloseView.as_view(), name="api-consultation-close"),
    path(ONE + "reopen/", api.ReopenView.as_view(), name="api-consultation-reopen"),
    path(ONE + "compile/", api.CompileView.as_view(), name="api-consultation-compile"),
    path(ONE + "final-proposal/", api.FinalProposalView.as_view(), name="api-consultation-final-proposal"),
    path(ONE + "recipients/", api.RecipientListView.as_view(), name="api-consultation-recipients"),
    path(RECIPIENT + "receipt/", api.ReceiptView.as_view(), name="api-consultation-receipt"),
    path(RECIPIENT + "response/", api.ResponseView.as_view(), name="api-consultation-response"),
    path(RECIPIENT + "response/send/", api.ResponseSendView.as_view(), name="api-consultation-response-send"),
    path(RECIPIENT + "response/correct/", api.ResponseCorrectView.as_view(), name="api-consultation-response-correct"),
    path(ONE + "comments/", api.CommentListView.as_view(), name="api-consultation-comments"),
    path(ONE + "comments/<int:comment_id>/handling/", api.CommentHandlingView.as_view(), name="api-comment-handling"),
]
