from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samverka.meetings"
    label = "meetings"
    verbose_name = _("Sammanträden")
    nav_items = [
        ("meetings:meeting_list", _("Sammanträden"), "meetings"),
        ("meetings:notice_board", _("Anslagstavla"), "noticeboard"),
    ]
    dashboard_panels = "samverka.meetings.dashboard.panels"
    case_panels = "samverka.meetings.dashboard.case_panels"
    demo_loader = "samverka.meetings.demo.load"
    scale_generator = "samverka.meetings.scale.generate"
    periodic_jobs = ["meetings_reminders", "meetings_close_appeal_periods"]

    def ready(self) -> None:
        import sys

        from . import tasks

        if len(sys.argv) > 1 and sys.argv[1] in tasks.WORKER_COMMANDS:
            tasks.preload()
