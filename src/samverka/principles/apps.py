from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrinciplesConfig(AppConfig):
    name = "samverka.principles"
    label = "principles"
    verbose_name = _("Principer för digitalisering")
    nav_items = [("principles:programme_list", _("Principer"), "principles")]
    demo_loader = "samverka.principles.demo.load"
    scale_generator = "samverka.principles.scale.generate"
