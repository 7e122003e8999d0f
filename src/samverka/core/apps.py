from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverka.core"
    label = "core"
    verbose_name = _("Grundfunktioner")

    def ready(self) -> None:
        from samverka.core import choices, signals  # noqa: F401

        choices.install()
