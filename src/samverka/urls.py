from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from samverka.core.urls import auth_urlpatterns

urlpatterns = [
    path("", include("samverka.core.urls")),
    path("", include(auth_urlpatterns)),
    path("", include("samverka.organisation.urls")),
    path("", include("samverka.registry.urls")),
    path("", include("samverka.meetings.urls")),
    path("", include("samverka.consultations.urls")),
    path("", include("samverka.audits.urls")),
    path("", include("samverka.principles.urls")),
    path("", include("samverka.needs.urls")),
    path("", include("samverka.plans.urls")),
    path("", include("samverka.followup.urls")),
    path("api/v1/", include("samverka.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
