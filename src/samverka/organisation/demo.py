"""The demo municipality's organisation: bodies, administrations, invented people and roles.

Loaded by `manage.py load_demo` (idempotent) through the same import as `import_organisation`,
so every row is written by the services and has its history. The people are invented; none is a
real official or politician.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

DEMO_PASSWORD = "samverka-demo"  # noqa: S105  (demo only; printed by `make demo`)
DEMO_DOMAIN = "kommun.example"

# username, first name, last name, title, role, scope (body or administration short name, or "")
DEMO_USERS: list[tuple[str, str, str, str, str, str]] = [
    ("registrator", "Rebecka", "Lindqvist", "Registrator", "registrar", "STK"),
    ("handlaggare", "Hampus", "Berglund", "Utredare", "case_officer", "STK"),
    ("sekreterare", "Selma", "Åkesson", "Kommunsekreterare", "secretary", "KS"),
    ("digitalisering", "Dragan", "Petrović", "Digitaliseringsansvarig", "digital_lead", "MF"),
    ("itstyrning", "Ida", "Nyström", "IT-styrningsansvarig", "it_governance", "SF"),
    ("revisor", "Rolf", "Ekdahl", "Förtroendevald revisor", "auditor", "RK"),
    ("lasare", "Linnea", "Forsberg", "Controller", "reader", ""),
    ("admin", "Adam", "Sjöholm", "Systemförvaltare", "administrator", ""),
]
# The administration each demo user works in (the elected auditor works in none).
DEMO_USER_ADMINISTRATIONS = {
    "registrator": "STK",
    "handlaggare": "STK",
    "sekreterare": "STK",
    "digitalisering": "MF",
    "itstyrning": "SF",
    "lasare": "STK",
    "admin": "SF",
}

TERM_STARTS = dt.date(2023, 1, 1)

BODIES: list[dict[str, Any]] = [
    {"short_name": "KF", "name": "Kommunfullmäktige", "kind": "council"},
    {"short_name": "KS", "name": "Kommunstyrelsen", "kind": "board"},
    {"short_name": "KSAU", "name": "Kommunstyrelsens arbetsutskott", "kind": "working_committee", "parent": "KS"},
    {"short_name": "SN", "name": "Servicenämnden", "kind": "committee"},
    {"short_name": "MN", "name": "Miljönämnden", "kind": "committee"},
    {"short_name": "KN", "name": "Kulturnämnden", "kind": "committee"},
    {"short_name": "RK", "name": "Revisorskollegiet", "kind": "auditors"},
    {"short_name": "SAMV", "name": "Samverkansforum för digitalisering", "kind": "forum", "parent": "SN"},
]

ADMINISTRATIONS: list[dict[str, Any]] = [
    {"short_name": "STK", "name": "Stadskontoret", "body": "KS"},
    {"short_name": "SF", "name": "Serviceförvaltningen", "body": "SN"},
    {"short_name": "MF", "name": "Miljöförvaltningen", "body": "MN"},
    {"short_name": "KUF", "name": "Kulturförvaltningen", "body": "KN"},
    {"short_name": "REV", "name": "Revisionskontoret", "body": "RK"},
]

EXTERNAL_PARTIES: list[dict[str, Any]] = [
    {"name": "Vision", "kind": "union"},
    {"name": "Saco", "kind": "union"},
    {"name": "Kommunal", "kind": "union"},
    {"name": "Länsstyrelsen", "kind": "authority"},
    {"name": "Myndigheten för digital förvaltning", "kind": "authority"},
]

# Invented politicians: (first name, last name, party).
POLITICIANS: list[tuple[str, str, str]] = [
    ("Eva", "Hallberg", "S"),
    ("Johan", "Rydell", "L"),
    ("Karin", "Wester", "M"),
    ("Ali", "Demir", "S"),
    ("Lena", "Fagerström", "S"),
    ("Magnus", "Tollin", "SD"),
    ("Sara", "Engdahl", "V"),
    ("Per", "Ljungqvist", "M"),
    ("Elin", "Sundell", "MP"),
    ("Oskar", "Brandt", "C"),
    ("Helena", "Kvist", "KD"),
    ("Amira", "Haddad", "S"),
    ("Fredrik", "Lövgren", "L"),
    ("Ingrid", "Norén", "SD"),
    ("Jonas", "Alm", "M"),
    ("Camilla", "Rosén", "S"),
    ("Niklas", "Vall", "V"),
    ("Therese", "Boman", "S"),
    ("Henrik", "Strömberg", "M"),
    ("Jenny", "Aspelin", "L"),
    ("Goran", "Marić", "S"),
    ("Malin", "Ståhl", "SD"),
    ("Viktor", "Hjort", "MP"),
    ("Ulla", "Granlund", "C"),
    ("Björn", "Edvall", "KD"),
    ("Leila", "Nasser", "S"),
    ("Emil", "Wikman", "M"),
    ("Åsa", "Thornell", "S"),
    ("Tobias", "Frisk", "SD"),
    ("Petra", "Lindell", "L"),
    ("Simon", "Ahlgren", "V"),
    ("Josefin", "Krantz", "S"),
    ("Rasmus", "Borg", "M"),
    ("Birgitta", "Hägg", "S"),
    ("Kristoffer", "Dahl", "SD"),
    ("Nadia", "Sabri", "MP"),
    ("Ola", "Tengvall", "C"),
    ("Agneta", "Wiklander", "M"),
    ("Stefan", "Rooth", "S"),
    ("Hanna", "Bergkvist", "L"),
    ("Zeynep", "Kaya", "V"),
    ("Mattias", "Öhman", "SD"),
    ("Cecilia", "Lejon", "S"),
    ("Daniel", "Kronqvist", "M"),
    ("Jessica", "Sandell", "KD"),
    ("Gösta", "Lindblad", "M"),
    ("Yasmin", "Farah", "S"),
    ("Harald", "Bengtsson", "SD"),
]

# Who sits where: body -> (members, substitutes) as indexes into POLITICIANS; the first three
# members are chair, first vice chair and second vice chair.
SEATS: dict[str, tuple[list[int], list[int]]] = {
    "KF": (list(range(0, 15)), list(range(15, 20))),
    "KS": ([0, 1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13]),
    "KSAU": ([0, 1, 2, 3, 5], [4, 7]),
    "SN": ([15, 19, 18, 20, 21, 22, 23], [24, 25, 26, 27]),
    "MN": ([25, 29, 26, 27, 28, 30, 31], [32, 33, 34, 35]),
    "KN": ([31, 39, 32, 33, 34, 35, 36], [37, 38, 40, 41]),
    "RK": ([43, 44, 42, 45, 47], [46]),
}
POSITIONS = ("chair", "first_vice_chair", "second_vice_chair")

# Invented officials without a user account: (first, last, title, administration, role, scope).
OFFICIALS: list[tuple[str, str, str, str, str, str]] = [
    ("Gunilla", "Fahlén", "Stadsdirektör", "STK", "", ""),
    ("Marcus", "Lindroth", "Servicedirektör", "SF", "", ""),
    ("Britt", "Axelsson", "Miljödirektör", "MF", "", ""),
    ("Anders", "Wennberg", "Kulturdirektör", "KUF", "", ""),
    ("Ewa", "Sörensen", "Revisionsdirektör", "REV", "", ""),
    ("Tove", "Grahn", "Avdelningschef kommungemensam IT och digitalisering", "SF", "it_governance", "SF"),
    ("Kemal", "Aydin", "Digitaliseringsansvarig", "SF", "digital_lead", "SF"),
    ("Paula", "Virtanen", "Digitaliseringsansvarig", "STK", "digital_lead", "STK"),
    ("Jesper", "Holmgren", "Digitaliseringsansvarig", "KUF", "digital_lead", "KUF"),
    ("Maja", "Eklund", "Registrator", "MF", "registrar", "MN"),
    ("Vera", "Lund", "Registrator", "KUF", "registrar", "KN"),
    ("Nils", "Roos", "Registrator", "SF", "registrar", "SF"),
    ("Klara", "Winge", "Revisionskonsult", "REV", "registrar", "RK"),
    ("Samuel", "Björk", "Nämndsekreterare", "MF", "secretary", "MN"),
    ("Ebba", "Cronholm", "Nämndsekreterare", "KUF", "secretary", "KN"),
    ("Alva", "Hedin", "Nämndsekreterare", "SF", "secretary", "SN"),
]


def _email(first: str, last: str, *, domain: str = DEMO_DOMAIN) -> str:
    local = f"{first}.{last}".lower().replace(" ", "")
    ascii_local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    return f"{ascii_local}@{domain}"


def _scope(short_name: str) -> dict[str, str]:
    if not short_name:
        return {}
    if any(body["short_name"] == short_name for body in BODIES):
        return {"body": short_name}
    return {"administration": short_name}


def demo_data() -> dict[str, list[dict[str, Any]]]:
    """The demo organisation in the shape of an organisation import file."""
    persons: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    for username, first, last, title, role, scope in DEMO_USERS:
        person: dict[str, Any] = {
            "email": _email(first, last),
            "first_name": first,
            "last_name": last,
            "title": title,
            "username": username,
        }
        if username in DEMO_USER_ADMINISTRATIONS:
            person["administration"] = DEMO_USER_ADMINISTRATIONS[username]
        persons.append(person)
        roles.append({"person": person["email"], "role": role, **_scope(scope)})
    for first, last, title, administration, role, scope in OFFICIALS:
        email = _email(first, last)
        persons.append(
            {"email": email, "first_name": first, "last_name": last, "title": title, "administration": administration}
        )
        if role:
            roles.append({"person": email, "role": role, **_scope(scope)})
    for first, last, _party in POLITICIANS:
        persons.append(
            {
                "email": _email(first, last, domain=f"politik.{DEMO_DOMAIN}"),
                "first_name": first,
                "last_name": last,
                "title": "Förtroendevald",
            }
        )
    assignments: list[dict[str, Any]] = []
    for body, (members, substitutes) in SEATS.items():
        for seat, index in enumerate(members):
            first, last, party = POLITICIANS[index]
            assignments.append(
                {
                    "person": _email(first, last, domain=f"politik.{DEMO_DOMAIN}"),
                    "body": body,
                    "kind": "member",
                    "party": party,
                    "position": POSITIONS[seat] if seat < len(POSITIONS) else "",
                    "starts_on": TERM_STARTS,
                }
            )
        for index in substitutes:
            first, last, party = POLITICIANS[index]
            assignments.append(
                {
                    "person": _email(first, last, domain=f"politik.{DEMO_DOMAIN}"),
                    "body": body,
                    "kind": "substitute",
                    "party": party,
                    "starts_on": TERM_STARTS,
                }
            )
    # The elected auditor among the demo users sits in the auditors' body.
    auditor = next(user for user in DEMO_USERS if user[4] == "auditor")
    assignments.append(
        {
            "person": _email(auditor[1], auditor[2]),
            "body": "RK",
            "kind": "member",
            "party": "C",
            "starts_on": TERM_STARTS,
        }
    )
    return {
        "bodies": BODIES,
        "administrations": ADMINISTRATIONS,
        "external_parties": EXTERNAL_PARTIES,
        "persons": persons,
        "political_assignments": assignments,
        "role_assignments": roles,
    }


def load(stdout) -> None:
    """Load (or bring up to date) the demo organisation and the demo users' passwords."""
    from django.contrib.auth import get_user_model

    from . import importing, services

    result = importing.import_data(actor=services.system_actor(), data=demo_data(), source="demo")
    for line in result.summary_lines():
        stdout.write(f"  {line}")
    for user in get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]):
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])


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
