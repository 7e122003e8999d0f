"""Pagination that stays fast on a registry of millions of rows."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: an exact COUNT(*) over a million cases is a sequential scan that
    costs more than the page itself, and nobody pages beyond the first ten thousand rows (they
    filter or search instead). `capped` tells the page to say "more than …"."""

    def __init__(self, object_list, per_page, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = getattr(object_list, "count_cap", COUNT_CAP)

    @cached_property
    def _bounded_count(self) -> int:
        rows = self.object_list
        capped_count = getattr(rows, "capped_count", None)
        if capped_count is not None:
            return capped_count(self.cap + 1)
        if isinstance(rows, QuerySet):
            return rows.order_by()[: self.cap + 1].count()
        return len(rows)

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @cached_property
    def capped(self) -> bool:
        return self._bounded_count > self.cap
