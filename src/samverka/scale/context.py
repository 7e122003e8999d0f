"""What a scale generator receives: the scale, a seeded random generator, the bulk loader,
the text maker and what the foundation made (organisation and registry), so that an app's
generator can refer to bodies, people and cases and open cases of its own."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .loader import BulkLoader
from .words import TextMaker

if TYPE_CHECKING:
    from .foundation import RegistryGenerator

# The default bench municipality (scale 1): one large municipality over twenty years.
FULL_SCALE = {
    "bodies": 40,
    "people": 2000,
    "cases": 1_000_000,
    "documents": 2_000_000,
    "meetings": 3000,
    "paragraphs": 60000,
    "consultations": 2000,
    "responses": 20000,
    "needs": 50000,
    "plans": 10,
    "audit_actions": 500,
}
YEARS = 20


@dataclass(frozen=True)
class BodyRow:
    id: int
    short_name: str
    name: str
    kind: str


@dataclass(frozen=True)
class AdministrationRow:
    id: int
    body_id: int
    short_name: str
    name: str


@dataclass(frozen=True)
class SeriesRow:
    id: int
    prefix: str
    body_id: int
    administration_id: int | None


@dataclass
class ScaleContext:
    scale: float
    rng: random.Random
    loader: BulkLoader
    today: dt.date
    log: Callable[[str], None]
    text: TextMaker | None = None
    bodies: list[BodyRow] = field(default_factory=list)
    administrations: list[AdministrationRow] = field(default_factory=list)
    # person id -> administration id (None for politicians without an administration)
    people: dict[int, int | None] = field(default_factory=dict)
    # person id -> user id, for the people who sign in
    users: dict[int, int] = field(default_factory=dict)
    politicians: list[int] = field(default_factory=list)
    # "bench-admin" and "bench-user" -> person id: the accounts the benchmark signs in with
    bench_people: dict[str, int] = field(default_factory=dict)
    external_party_ids: list[int] = field(default_factory=list)
    series: list[SeriesRow] = field(default_factory=list)
    document_type_ids: dict[str, int] = field(default_factory=dict)
    system_user_id: int = 0
    registry: RegistryGenerator | None = None

    def count(self, name: str, *, minimum: int = 1) -> int:
        """How many of `name` (a key of FULL_SCALE) to make at this scale."""
        return max(minimum, round(FULL_SCALE[name] * self.scale))

    @property
    def first_year(self) -> int:
        return self.today.year - YEARS + 1

    def random_date(self, year: int | None = None) -> dt.date:
        """A day in `year` (or in the twenty years up to today), never in the future."""
        year = year or self.rng.randint(self.first_year, self.today.year)
        start = dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), self.today)
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def officials_of(self, administration_id: int) -> list[int]:
        return [p for p, a in self.people.items() if a == administration_id]
