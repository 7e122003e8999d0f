from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "samverka.followup"
    label = "followup"
    verbose_name = _("Uppföljning")
    nav_items = [
        ("followup:round_list", _("Uppföljning"), "followup"),
        ("followup:board", _("Styrelsens översikt"), "board"),
    ]
    dashboard_panels = "samverka.followup.dashboard.panels"
    initiative_panels = "samverka.followup.panels.initiative_panels"
    demo_loader = "samverka.followup.demo.load"
    periodic_jobs = ["send_followup_reminders"]
    scale_generator = "samverka.followup.scale.generate"
