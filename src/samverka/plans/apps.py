from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "samverka.plans"
    label = "plans"
    verbose_name = _("Utvecklingsplan och årshjul")
    nav_items = [
        ("plans:plan_list", _("Utvecklingsplaner"), "plans"),
        ("plans:cycle_current", _("Årshjul"), "cycle"),
    ]
    case_panels = "samverka.plans.panels.case_panels"
    need_panels = "samverka.plans.panels.need_panels"
    paragraph_panels = "samverka.plans.panels.paragraph_panels"
    dashboard_panels = "samverka.plans.panels.dashboard_panels"
    # The annual wheel sets when needs may be submitted (read by the needs app).
    intake_windows = "samverka.plans.selectors.intake_windows"
    demo_loader = "samverka.plans.demo.load"
    periodic_jobs = ["send_intake_reminders"]
    scale_generator = "samverka.plans.scale.generate"
