"""The dashboard "Mitt arbete" is assembled from the panels each app offers (see extensions)."""

from .extensions import collect_panels


def dashboard_panels(request) -> list[dict]:
    return collect_panels("dashboard_panels", request)
