"""The REST API, version 1: every app adds its routes here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include("samverka.organisation.api_urls")),
    path("", include("samverka.registry.api_urls")),
    path("", include("samverka.meetings.api_urls")),
    path("", include("samverka.consultations.api_urls")),
    path("", include("samverka.audits.api_urls")),
    path("", include("samverka.followup.api_urls")),
    path("", include("samverka.needs.api_urls")),
    path("", include("samverka.plans.api_urls")),
]
