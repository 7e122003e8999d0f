"""Optional links to the principles app (owned by another team): used when it is installed.

The follow-up keeps its own snapshot of each principle's title (and its id) when a round is opened,
so a round reads the same even after the programme of principles is revised."""

from __future__ import annotations

from django.apps import apps
from django.utils.module_loading import import_string


def principles_for_year(year: int) -> list[tuple[str, int | None]]:
    """(title, id) of the principles in force in `year`, or [] when the principles app is absent."""
    if not apps.is_installed("samverka.principles"):
        return []
    try:
        selector = import_string("samverka.principles.selectors.principles_for_year")
    except ImportError:
        return []
    return [(principle.title, principle.pk) for principle in selector(year)]
