from django.urls import include, path

from samverka.registry import urls as registry_urls  # noqa: F401  (registers the casenumber converter)

from . import views

consultation_patterns = [
    path("remisser/", views.consultation_list, name="list"),
    path("remisser/inkomna/", views.inbox, name="inbox"),
    path("arenden/<casenumber:number>/remisser/ny/", views.consultation_create, name="create"),
    path("remisser/<int:pk>/", views.consultation_detail, name="detail"),
    path("remisser/<int:pk>/andra/", views.consultation_edit, name="edit"),
    path("remisser/<int:pk>/skicka/", views.consultation_send, name="send"),
    path("remisser/<int:pk>/stang/", views.consultation_close, name="close"),
    path("remisser/<int:pk>/oppna-igen/", views.consultation_reopen, name="reopen"),
    path("remisser/<int:pk>/sammanstall/", views.consultation_compile, name="compile"),
    path("remisser/<int:pk>/slutligt-forslag/", views.consultation_final_proposal, name="final_proposal"),
    path("remisser/<int:pk>/sammanstallning/", views.compilation, name="compilation"),
    path("remisser/<int:pk>/sammanstallning.<str:fmt>", views.compilation_download, name="compilation_download"),
    path("remisser/<int:pk>/synpunkter/<int:comment_id>/", views.comment_handle, name="comment_handle"),
    path("remisser/<int:pk>/instanser/<int:recipient_id>/", views.respond, name="respond"),
]

urlpatterns = [path("", include((consultation_patterns, "consultations")))]
