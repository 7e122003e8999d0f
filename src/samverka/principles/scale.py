"""Generated data for `make bench`: programmes of principles covering every year the needs, plans
and follow-up rounds refer to. A handful of rows, written through the ORM (with their history) and
only where a year has no programme, so a second run (or the demo) is left as it is."""

from __future__ import annotations

from samverka.scale.context import ScaleContext

from .models import Principle, PrincipleProgramme

# name, valid from, valid to, decision, principles (title, description); the two newest are the demo's.
PROGRAMMES = [
    (
        "IT-strategi för kommunen",
        2000,
        2016,
        "KF 2005-11-24 § 301",
        [
            ("Verksamhetsnytta först", "IT används där den ger verksamheten och invånarna tydlig nytta."),
            ("Samordnad infrastruktur", "Nät, drift och säkerhet är gemensamma för alla förvaltningar."),
            ("Säker information", "Information skyddas efter hur känslig den är."),
        ],
    ),
    (
        "Det digitala Malmö 2017–2022",
        2017,
        2022,
        "KF 2017-05-31 § 120",
        [
            ("Invånaren i centrum", "Digitaliseringen utgår från invånarnas och företagens behov."),
            ("Digitalt först", "Den digitala vägen är förstahandsvalet när tjänster utvecklas."),
            (
                "Gemensamt och öppet",
                "Lösningar byggs en gång, delas mellan förvaltningarna och bygger på öppna standarder.",
            ),
        ],
    ),
    (
        "Principer för digitalisering",
        2023,
        None,
        "KF 2023-02-23 § 45",
        [
            ("Invånaren i centrum", "Digitaliseringen utgår från invånarnas, företagens och medarbetarnas behov."),
            (
                "Digitalt som förstahandsval",
                "Tjänster utformas digitalt från början, med andra vägar kvar för den som behöver.",
            ),
            (
                "Gemensamt, öppet och säkert",
                "Vi gör saker en gång, delar lösningar och data, och skyddar information.",
            ),
            (
                "Digitalisering med omtanke",
                "Ingen ska lämnas utanför: tillgänglighet, inkludering, hållbarhet och arbetsmiljö vägs in i "
                "varje förändring.",
            ),
        ],
    ),
]


def _covered_years(first: int, last: int) -> set[int]:
    covered: set[int] = set()
    for valid_from, valid_to in PrincipleProgramme.objects.values_list("valid_from", "valid_to"):
        covered.update(range(max(first, valid_from), min(last, valid_to or last) + 1))
    return covered


def generate(ctx: ScaleContext) -> None:
    """Add the programmes whose years no programme covers yet (from the first generated year to next year)."""
    first, last = ctx.first_year - 1, ctx.today.year + 1
    covered = _covered_years(first, last)
    previous = None
    for name, valid_from, valid_to, decision, principles in PROGRAMMES:
        years = set(range(max(first, valid_from), min(last, valid_to or last) + 1))
        programme = PrincipleProgramme.objects.filter(name=name).first()
        if programme is None and years - covered:
            programme = PrincipleProgramme.objects.create(
                name=name,
                valid_from=valid_from,
                valid_to=valid_to,
                replaces=previous,
                decision_reference=decision,
                description=f"Antaget av kommunfullmäktige ({decision}).",
            )
            for number, (title, description) in enumerate(principles, start=1):
                Principle.objects.create(programme=programme, number=number, title=title, description=description)
            covered |= years
        previous = programme or previous
