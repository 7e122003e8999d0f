"""Runs the generators: the foundation's first, then each app's `scale_generator` hook.

An app adds its data by naming `(ctx: ScaleContext) -> None` in its AppConfig, e.g.
`scale_generator = "samverka.meetings.scale.generate"`. The function adds rows with
`ctx.loader.table(Model, columns).add(...)` (COPY on PostgreSQL), draws text from `ctx.text`,
people and bodies from `ctx`, and opens the cases its objects belong to with
`ctx.registry.add_case(...)` so their numbers follow the series counters. The same module may
define `bench_endpoints() -> list[samverka.scale.bench.Endpoint]` for `make bench`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from samverka.core.extensions import app_attributes

from .context import FULL_SCALE, ScaleContext
from .foundation import generate_organisation, generate_registry
from .loader import BulkLoader


def expected_rows(scale: float) -> dict[str, int]:
    """Rows per big table, so the loader knows where rebuilding indexes pays."""
    cases, documents = round(FULL_SCALE["cases"] * scale), round(FULL_SCALE["documents"] * scale)
    return {
        "registry_case": cases,
        "registry_historicalcase": cases,
        "registry_document": documents,
        "registry_historicaldocument": documents,
        "registry_documentfile": documents,
        "registry_historicaldocumentfile": documents,
        "registry_searchentry": cases + documents,
        "needs_need": round(FULL_SCALE["needs"] * scale),
        "needs_historicalneed": round(FULL_SCALE["needs"] * scale * 3),
    }


def generators() -> list[tuple[str, Callable[[ScaleContext], None]]]:
    return [(path, import_string(path)) for path in app_attributes("scale_generator")]


@transaction.atomic
def generate(*, scale: float, seed: int = 1, log: Callable[[str], None] = print) -> dict[str, int]:
    """Fill the database with a municipality of the given scale (1 = the default bench scale);
    all or nothing. Returns the rows written per table."""
    started = time.monotonic()
    loader = BulkLoader(log=log, expected=expected_rows(scale))
    rng = random.Random(seed)  # noqa: S311 (test data, reproducible by seed)
    ctx = ScaleContext(scale=scale, rng=rng, loader=loader, today=timezone.localdate(), log=log)
    log(f"Organisation (skala {scale:g})")
    generate_organisation(ctx)
    log(f"Diarium: {ctx.count('cases')} ärenden, {ctx.count('documents')} handlingar")
    generate_registry(ctx)
    for path, generator in generators():
        log(f"{path}")
        generator(ctx)
    log("Skriver kvarvarande rader, bygger index")
    counts = loader.finish()
    ctx.registry.finish()
    for table, seconds in sorted(loader.timings.items()):
        log(f"  {table}: {counts.get(table, 0)} rader, {seconds:.1f} s skrivning")
    log(f"Klart på {time.monotonic() - started:.0f} s")
    return counts
