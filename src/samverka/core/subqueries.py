"""Figures of related rows computed per row of a list, as correlated subqueries: a page of 25 counts
its own rows instead of grouping every row of the table before the page is cut."""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet) -> Coalesce:
    """COUNT(*) of `rows` (filtered on an OuterRef) as an expression to annotate with; 0 when none.
    COUNT is written as a plain function so that Django adds no GROUP BY to the subquery."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)
