"""Choice labels read from a dictionary built once per field.

Django's `get_<field>_display()` rebuilds a dictionary of every choice on each call and hashes
each lazily translated label, which translates it: a list of 25 rows with two such columns made
~470 translations, a fifth of the page's time. The labels stay lazy in the dictionary, so the one
shown is translated into the language of the request.
"""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str

_django_display = models.Model._get_FIELD_display
_labels: dict[models.Field, dict] = {}


def _get_FIELD_display(self: models.Model, field: models.Field):  # noqa: N802 (Django's name)
    labels = _labels.get(field)
    if labels is None:
        if not isinstance(field.choices, list | tuple):  # choices from a callable may change
            return _django_display(self, field)
        try:
            labels = _labels[field] = dict(field.flatchoices)
        except TypeError:  # an unhashable choice value
            return _django_display(self, field)
    value = getattr(self, field.attname)
    try:
        label = labels.get(value, value)
    except TypeError:
        return _django_display(self, field)
    return force_str(label, strings_only=True)


def install() -> None:
    """Points every model's `get_<field>_display` that Django made at the cached labels."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is _django_display:
                setattr(model, name, partialmethod(_get_FIELD_display, field=field))
