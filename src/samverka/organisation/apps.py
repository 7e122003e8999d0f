from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "samverka.organisation"
    label = "organisation"
    verbose_name = _("Organisation")
    demo_loader = "samverka.organisation.demo.load"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (records sign-ins; not domain logic)
