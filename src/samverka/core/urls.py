from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .auth_views import SamverkaLoginView

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("mitt-arbete/", views.dashboard, name="dashboard"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("halsa/", views.health, name="health"),
]

# Sign-in lives outside the namespace so that Django's defaults (LOGIN_URL = "login") find it.
auth_urlpatterns = [
    path("logga-in/", SamverkaLoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
