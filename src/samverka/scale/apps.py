from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScaleConfig(AppConfig):
    """Generated data at scale and the benchmark's view of it (no models)."""

    name = "samverka.scale"
    label = "scale"
    verbose_name = _("Skala")
