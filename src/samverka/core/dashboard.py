"""The dashboard "Mitt arbete" is assembled from panels that each app offers.

An app offers panels by setting `dashboard_panels` on its AppConfig to the dotted path of a
function `(request) -> list[dict]`, each dict with `title`, `template` and its context. Core
never imports the apps above it.
"""

from django.apps import apps
from django.utils.module_loading import import_string


def dashboard_panels(request) -> list[dict]:
    panels: list[dict] = []
    for config in apps.get_app_configs():
        path = getattr(config, "dashboard_panels", None)
        if path:
            panels.extend(import_string(path)(request))
    return panels
