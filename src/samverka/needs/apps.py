from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "samverka.needs"
    label = "needs"
    verbose_name = _("Behov")
    nav_items = [("needs:need_list", _("Behov"), "needs")]
    dashboard_panels = "samverka.needs.dashboard.panels"
    scale_generator = "samverka.needs.scale.generate"
