"""Charts for the follow-up report and the board's dashboard, drawn server-side with matplotlib (Agg).

Every chart comes with a text alternative and the table of its figures, so the report is readable
without seeing the picture."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .models import Rag  # noqa: E402
from .selectors import BoardPlan, RoundFigures  # noqa: E402

RAG_COLOURS = {"green": "#2e7d32", "amber": "#f0a202", "red": "#c62828", "unreported": "#9e9e9e"}
RAG_LABELS = {"green": "Grön", "amber": "Gul", "red": "Röd", "unreported": "Ej rapporterad"}


@dataclass
class Chart:
    title: str
    png: bytes
    alt: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


# Drawing a chart takes ~100 ms of CPU; the board's dashboard draws three on every request, mostly
# with the figures of the previous one. Pictures are kept per process by the figures they show.
CACHED_CHARTS = 64


def _kr(value) -> str:
    return f"{int(value):,}".replace(",", " ") + " kr"


def rag_chart(figures: RoundFigures | BoardPlan) -> Chart:
    keys = [*Rag.values, "unreported"]
    counts = [figures.rag_counts.get(k, 0) for k in keys]
    total = sum(counts)
    alt = f"Stapeldiagram över {total} insatser efter status: " + ", ".join(
        f"{RAG_LABELS[k].lower()} {n}" for k, n in zip(keys, counts, strict=True)
    )
    return Chart(
        "Insatser efter status",
        _rag_png(tuple(keys), tuple(counts)),
        alt + ".",
        ["Status", "Antal insatser"],
        [[RAG_LABELS[k], str(n)] for k, n in zip(keys, counts, strict=True)],
    )


@lru_cache(maxsize=CACHED_CHARTS)
def _rag_png(keys: tuple[str, ...], counts: tuple[int, ...]) -> bytes:
    figure, axes = plt.subplots(figsize=(6, 2.8))
    bars = axes.bar([RAG_LABELS[k] for k in keys], counts, color=[RAG_COLOURS[k] for k in keys])
    axes.bar_label(bars)
    axes.set_ylabel("Antal insatser")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title("Insatser efter status")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def spend_chart(figures: RoundFigures | BoardPlan) -> Chart:
    categories = tuple(s.category for s in figures.spend)
    planned = tuple(float(s.planned) for s in figures.spend)
    spent = tuple(float(s.spent) for s in figures.spend)
    alt = "Stapeldiagram över använt mot planerat per kategori: " + "; ".join(
        f"{s.category} planerat {_kr(s.planned)}, använt {_kr(s.spent)}" for s in figures.spend
    )
    return Chart(
        "Använt mot planerat per kategori",
        _spend_png(categories, planned, spent),
        alt + ".",
        ["Kategori", "Planerat", "Använt"],
        [[s.category, _kr(s.planned), _kr(s.spent)] for s in figures.spend],
    )


@lru_cache(maxsize=CACHED_CHARTS)
def _spend_png(categories: tuple[str, ...], planned: tuple[float, ...], spent: tuple[float, ...]) -> bytes:
    figure, axes = plt.subplots(figsize=(6.5, 3))
    positions = range(len(categories))
    axes.bar([p - 0.2 for p in positions], planned, width=0.4, label="Planerat", color="#1e4f7a")
    axes.bar([p + 0.2 for p in positions], spent, width=0.4, label="Använt", color="#7fb2dd")
    axes.set_xticks(list(positions), categories, rotation=15, ha="right")
    axes.set_ylabel("Kronor")
    axes.set_title("Använt mot planerat per kategori")
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.ticklabel_format(axis="y", style="plain")
    return _png(figure)


def maturity_heatmap(figures: RoundFigures) -> Chart:
    rows = figures.maturity_rows()
    names = [str(c.body) for c, _levels in rows]
    numbers = [f"{p.number}. {p.title[:28]}" for p in figures.principles]
    matrix = [[(v if v is not None else float("nan")) for v in levels] for _c, levels in rows]
    figure, axes = plt.subplots(figsize=(7, 0.5 * max(len(names), 2) + 1.6))
    image = axes.imshow(matrix or [[float("nan")]], cmap="Blues", vmin=1, vmax=5, aspect="auto")
    axes.set_xticks(range(len(numbers)), numbers, rotation=20, ha="right")
    axes.set_yticks(range(len(names)), names)
    for y, (_c, levels) in enumerate(rows):
        for x, value in enumerate(levels):
            axes.text(
                x,
                y,
                "–" if value is None else str(value),
                ha="center",
                va="center",
                color="white" if value and value >= 4 else "black",
            )
    figure.colorbar(image, ax=axes, label="Mognadsnivå 1–5")
    axes.set_title("Mognad per princip och nämnd")
    alt = "Värmekarta över nämndernas mognadsnivå (1–5) per princip: " + "; ".join(
        f"{name}: "
        + ", ".join(
            f"princip {p.number} {'saknas' if v is None else v}"
            for p, v in zip(figures.principles, levels, strict=True)
        )
        for name, (_c, levels) in zip(names, rows, strict=True)
    )
    return Chart(
        "Mognad per princip och nämnd",
        _png(figure),
        alt + ".",
        ["Nämnd", *[f"Princip {p.number}" for p in figures.principles]],
        [
            [name, *["–" if v is None else str(v) for v in levels]]
            for name, (_c, levels) in zip(names, rows, strict=True)
        ],
    )


def audit_actions_chart(counts: dict[str, int]) -> Chart:
    labels = {"planned": "Planerade", "in_progress": "Pågår", "delayed": "Försenade", "done": "Genomförda"}
    colours = {"planned": "#9e9e9e", "in_progress": "#1e4f7a", "delayed": "#f0a202", "done": "#2e7d32"}
    keys = list(labels)
    values = [counts.get(k, 0) for k in keys]
    alt = "Stapeldiagram över åtgärder efter revision: " + ", ".join(
        f"{labels[k].lower()} {v}" for k, v in zip(keys, values, strict=True)
    )
    return Chart(
        "Åtgärder efter revision",
        _audit_png(tuple(labels[k] for k in keys), tuple(colours[k] for k in keys), tuple(values)),
        alt + f"; {counts.get('overdue', 0)} har passerat sin tidsgräns.",
        ["Status", "Antal"],
        [[labels[k], str(v)] for k, v in zip(keys, values, strict=True)],
    )


@lru_cache(maxsize=CACHED_CHARTS)
def _audit_png(labels: tuple[str, ...], colours: tuple[str, ...], values: tuple[int, ...]) -> bytes:
    figure, axes = plt.subplots(figsize=(6, 2.6))
    bars = axes.barh(labels, values, color=colours)
    axes.bar_label(bars)
    axes.set_xlabel("Antal åtgärder")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title("Åtgärder efter revision")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
