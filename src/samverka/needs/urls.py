from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("behov/", views.need_list, name="need_list"),
    path("behov/nytt/", views.need_create, name="need_create"),
    path("behov/liknande/", views.similar, name="similar"),
    path("behov/prioritering/", views.ranking_current, name="ranking_current"),
    path("behov/prioritering/<int:year>/", views.ranking, name="ranking"),
    path("behov/prioritering/<int:year>/kriterier/", views.criteria, name="criteria"),
    path("behov/<int:pk>/", views.need_detail, name="need_detail"),
    path("behov/<int:pk>/andra/", views.need_update, name="need_update"),
    path("behov/<int:pk>/lamna-in/", views.need_submit, name="need_submit"),
    path("behov/<int:pk>/sen-inlamning/", views.need_accept_late, name="need_accept_late"),
    path("behov/<int:pk>/bered/", views.need_prepare, name="need_prepare"),
    path("behov/<int:pk>/sla-ihop/", views.need_merge, name="need_merge"),
    path("behov/<int:pk>/avsla/", views.need_reject, name="need_reject"),
    path("behov/<int:pk>/levererat/", views.need_deliver, name="need_deliver"),
    path("behov/<int:pk>/poang/", views.need_score, name="need_score"),
    path("behov/<int:pk>/bilagor/", views.attachment_add, name="attachment_add"),
    path("behov/<int:pk>/bilagor/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
]
