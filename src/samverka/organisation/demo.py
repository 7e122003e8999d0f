"""The demo municipality's organisation: bodies, administrations, invented people and roles.

Loaded by `manage.py load_demo` (idempotent). The people are invented; none is a real official.
"""

from __future__ import annotations

DEMO_PASSWORD = "samverka-demo"  # noqa: S105  (demo only; printed by `make demo`)

# username, first name, last name, title, role, scope (body or administration short name, or "")
DEMO_USERS: list[tuple[str, str, str, str, str, str]] = [
    ("registrator", "Rebecka", "Lindqvist", "Registrator", "registrar", "STK"),
    ("handlaggare", "Hampus", "Berglund", "Utredare", "case_officer", "STK"),
    ("sekreterare", "Selma", "Åkesson", "Kommunsekreterare", "secretary", "KS"),
    ("digitalisering", "Dragan", "Petrović", "Digitaliseringsansvarig", "digital_lead", "MF"),
    ("itstyrning", "Ida", "Nyström", "IT-styrningsansvarig", "it_governance", "SF"),
    ("revisor", "Rolf", "Ekdahl", "Förtroendevald revisor", "auditor", "SR"),
    ("lasare", "Linnea", "Forsberg", "Controller", "reader", ""),
    ("admin", "Adam", "Sjöholm", "Systemförvaltare", "administrator", ""),
]


def demo_logins() -> list[tuple[str, str]]:
    from django.contrib.auth import get_user_model

    from .models import Role

    existing = set(
        get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True)
    )
    labels = dict(Role.choices)
    return [
        (username, f"{labels[role]}{f' ({scope})' if scope else ''} – {first} {last}")
        for username, first, last, _title, role, scope in DEMO_USERS
        if username in existing
    ]
