from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "samverka.consultations"
    label = "consultations"
    verbose_name = _("Remisser")
    nav_items = [("consultations:list", _("Remisser"), "consultations")]
    dashboard_panels = "samverka.consultations.dashboard.panels"
    case_panels = "samverka.consultations.dashboard.case_panels"
    paragraph_panels = "samverka.consultations.dashboard.paragraph_panels"
    demo_loader = "samverka.consultations.demo.load"
    scale_generator = "samverka.consultations.scale.generate"
    periodic_jobs = ["send_consultation_reminders"]
