"""Extension points through which apps higher up add to shared pages without core importing them.

Each is an attribute on an app's AppConfig, read in INSTALLED_APPS order:
- `nav_items`: list of (url name, label, nav key) for the main menu (signed-in users);
- `dashboard_panels`: dotted path to `(request) -> list[dict]` for "Mitt arbete";
- `case_panels`: dotted path to `(request, case) -> list[dict]` for the case page
  (each dict has `title`, `template` and its context);
- `paragraph_panels`: dotted path to `(request, item) -> list[dict]` for a paragraph of minutes
  (what was decided there in other components: consultations sent, plan steps);
- `initiative_panels`: dotted path to `(request, initiative) -> list[dict]` for an initiative
  of the development plan (its follow-up);
- `demo_loader`: dotted path to `(stdout) -> None`, run by `manage.py load_demo`;
- `periodic_jobs`: list of management command names, run by `manage.py run_periodic_jobs`.
- `scale_generator`: dotted path to `(ctx: samverka.scale.context.ScaleContext) -> None`, run by
  `manage.py generate_data` after the organisation and registry (see samverka/scale/generate.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


def app_attributes(name: str) -> Iterator[Any]:
    for config in apps.get_app_configs():
        value = getattr(config, name, None)
        if value:
            yield value


def collect_panels(attribute: str, *args: Any) -> list[dict]:
    panels: list[dict] = []
    for path in app_attributes(attribute):
        panels.extend(import_string(path)(*args))
    return panels


def nav_items() -> list[tuple[str, str, str]]:
    items: list[tuple[str, str, str]] = []
    for entries in app_attributes("nav_items"):
        items.extend(entries)
    return items
