"""Charts are drawn once per set of figures in a process; other figures give another picture."""

from decimal import Decimal

from samverka.followup import charts
from samverka.followup.selectors import CategorySpend


class Figures:
    def __init__(self, green: int, spent: int) -> None:
        self.rag_counts = {"green": green, "amber": 1, "red": 0, "unreported": 2}
        self.spend = [CategorySpend("IT-säkerhet", Decimal(100_000), Decimal(spent))]


def test_the_same_figures_reuse_the_picture_and_other_figures_draw_anew():
    first = charts.rag_chart(Figures(3, 50_000))
    drawn = charts._rag_png.cache_info().misses
    again = charts.rag_chart(Figures(3, 50_000))
    assert again.png == first.png and charts._rag_png.cache_info().misses == drawn
    other = charts.rag_chart(Figures(4, 50_000))
    assert other.png != first.png and "grön 4" in other.alt
    spend = charts.spend_chart(Figures(3, 60_000))
    assert spend.png != charts.spend_chart(Figures(3, 70_000)).png
    audit = charts.audit_actions_chart({"planned": 2, "done": 5})
    assert audit.png == charts.audit_actions_chart({"planned": 2, "done": 5, "overdue": 1}).png
    assert audit.png.startswith(b"\x89PNG")
