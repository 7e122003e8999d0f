"""Demo data: the programme "Det digitala Malmö 2017–2022" and its successor of 2023."""

from __future__ import annotations

from .models import Principle, PrincipleProgramme

OLD = "Det digitala Malmö 2017–2022"
NEW = "Principer för digitalisering"

OLD_PRINCIPLES = [
    ("Invånaren i centrum", "Digitaliseringen utgår från invånarnas och företagens behov."),
    ("Digitalt först", "Den digitala vägen är förstahandsvalet när tjänster utvecklas."),
    ("Gemensamt och öppet", "Lösningar byggs en gång, delas mellan förvaltningarna och bygger på öppna standarder."),
]
NEW_PRINCIPLES = [
    ("Invånaren i centrum", "Digitaliseringen utgår från invånarnas, företagens och medarbetarnas behov."),
    (
        "Digitalt som förstahandsval",
        "Tjänster utformas digitalt från början, med andra vägar kvar för den som behöver.",
    ),
    ("Gemensamt, öppet och säkert", "Vi gör saker en gång, delar lösningar och data, och skyddar information."),
    (
        "Digitalisering med omtanke",
        "Ingen ska lämnas utanför: tillgänglighet, inkludering, hållbarhet och arbetsmiljö vägs in i varje förändring.",
    ),
]


def _programme(name: str, valid_from: int, valid_to: int | None, replaces, principles, reference: str):
    programme, _created = PrincipleProgramme.objects.get_or_create(
        name=name,
        defaults={
            "valid_from": valid_from,
            "valid_to": valid_to,
            "replaces": replaces,
            "decision_reference": reference,
        },
    )
    for number, (title, description) in enumerate(principles, start=1):
        Principle.objects.get_or_create(
            programme=programme, number=number, defaults={"title": title, "description": description}
        )
    return programme


def load(stdout) -> None:
    old = _programme(OLD, 2017, 2022, None, OLD_PRINCIPLES, "KF 2017-05-31 § 120")
    _programme(NEW, 2023, None, old, NEW_PRINCIPLES, "KF 2023-02-23 § 45")
    stdout.write("Principer för digitalisering: två program.")
