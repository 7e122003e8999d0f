from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **params) -> str:
    """The current query string with some parameters replaced (for pagination and sorting)."""
    query = context["request"].GET.copy()
    for key, value in params.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context, field: str, label: str) -> str:
    from django.utils.html import format_html

    request = context["request"]
    current = request.GET.get("sort", "")
    descending = current == f"-{field}"
    active = current in (field, f"-{field}")
    next_sort = field if descending or not active else f"-{field}"
    query = request.GET.copy()
    query["sort"] = next_sort
    query.pop("page", None)
    if active:
        state = _("fallande") if descending else _("stigande")
        return format_html(
            '<a href="?{}" class="sv-sort sv-sort--active">{} <span class="ds-sr-only">({})</span>'
            '<span aria-hidden="true">{}</span></a>',
            query.urlencode(),
            label,
            state,
            "▼" if descending else "▲",
        )
    return format_html('<a href="?{}" class="sv-sort">{}</a>', query.urlencode(), label)


@register.filter
def history_label(value: str) -> str:
    return {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}.get(value, value)
