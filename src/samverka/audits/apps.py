from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "samverka.audits"
    label = "audits"
    verbose_name = _("Revision")
    nav_items = [("audits:audit_list", _("Revision"), "audits")]
    dashboard_panels = "samverka.audits.dashboard.panels"
    case_panels = "samverka.audits.dashboard.case_panels"
    demo_loader = "samverka.audits.demo.load"
    scale_generator = "samverka.audits.scale.generate"
    periodic_jobs = ["send_audit_reminders"]
