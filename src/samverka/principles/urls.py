from django.urls import path

from . import views

app_name = "principles"

urlpatterns = [
    path("principer/", views.programme_list, name="programme_list"),
    path("principer/program/nytt/", views.programme_create, name="programme_create"),
    path("principer/program/<int:pk>/andra/", views.programme_update, name="programme_update"),
    path("principer/program/<int:pk>/ny-princip/", views.principle_create, name="principle_create"),
    path("principer/<int:pk>/", views.principle_detail, name="principle_detail"),
    path("principer/<int:pk>/andra/", views.principle_update, name="principle_update"),
    path("principer/<int:pk>/historik/", views.principle_history, name="principle_history"),
]
