"""Several short lists of one model read with one query, for pages that show a few of them side
by side ("Mitt arbete"): each list is its own ordered, usually sliced queryset, and the rows of
all of them come back in one SELECT that says which lists each row belongs to."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, Model, Q, QuerySet


def _related_paths(tree: dict, prefix: str = "") -> list[str]:
    paths = []
    for name, below in tree.items():
        path = f"{prefix}{name}"
        paths.append(path)
        paths.extend(_related_paths(below, f"{path}__"))
    return paths


def _ids(queryset: QuerySet) -> QuerySet:
    # Without a slice the order does not choose rows, and DISTINCT with an ORDER BY column
    # outside the select list is refused by PostgreSQL.
    if not queryset.query.is_sliced:
        queryset = queryset.order_by()
    return queryset.values("pk")


def _sorted(rows: list[Model], ordering: tuple[str, ...]) -> list[Model]:
    for field in reversed(ordering):
        name = field.lstrip("-")
        if "__" in name:
            raise ValueError(f"lists of one query sort by the model's own fields, not {field!r}")
        rows = sorted(
            rows,
            key=lambda row: (getattr(row, name) is None, getattr(row, name)),
            reverse=field.startswith("-"),
        )
    return rows


def lists_in_one_query(**lists: QuerySet) -> dict[str, list[Model]]:
    """The rows of each named queryset (all of one model), in its own order, from one query.
    Select-related paths of every list are followed for all rows; annotations of the lists are
    not carried over."""
    querysets = list(lists.values())
    if not querysets:
        return {}
    model = querysets[0].model
    if any(qs.model is not model for qs in querysets):
        raise ValueError("every list must be of the same model")
    related: set[str] = set()
    for qs in querysets:
        if isinstance(qs.query.select_related, dict):
            related.update(_related_paths(qs.query.select_related))
    members = {f"in_list_{name}": Q(pk__in=_ids(qs)) for name, qs in lists.items()}
    ids = [_ids(qs) for qs in querysets]
    if connections[querysets[0].db].features.supports_slicing_ordering_in_compound and len(ids) > 1:
        # PostgreSQL: `id IN (a) OR id IN (b)` scans the whole table; one IN over a UNION of the
        # small id lists is a lookup by primary key.
        wanted = Q(pk__in=ids[0].union(*ids[1:], all=True))
    else:
        # SQLite cannot LIMIT the parts of a UNION, and looks each IN list up by index anyway.
        wanted = reduce(or_, members.values())
    rows = list(
        model._default_manager.filter(wanted)
        .annotate(**{flag: ExpressionWrapper(q, output_field=BooleanField()) for flag, q in members.items()})
        .select_related(*sorted(related))
    )
    result = {}
    for name, qs in lists.items():
        ordering = tuple(qs.query.order_by) or tuple(model._meta.ordering) or ("pk",)
        result[name] = _sorted([row for row in rows if getattr(row, f"in_list_{name}")], ordering)
    return result
