from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "samverka.registry"
    label = "registry"
    verbose_name = _("Diarium")
    dashboard_panels = "samverka.registry.dashboard.panels"
    demo_loader = "samverka.registry.demo.load"
