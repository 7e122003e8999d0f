"""Import of the organisation from YAML (one document, one section per kind) or CSV (one file per kind).

The whole import is checked before anything is written, and written in one transaction: any
error refuses everything, with messages that name the line and the unknown reference. Importing
the same file again changes nothing: rows are matched on short name (bodies, administrations),
name (external parties), e-mail (persons), and person + body/role + start date (assignments).
A column or key that is left out keeps the stored value; one that is present but empty clears it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _

from samverka.core.errors import DomainError, PermissionDenied

from . import policies, services
from .models import Administration, Body, ExternalParty, Person, PoliticalAssignment, Role, RoleAssignment

KINDS = (
    "bodies",
    "administrations",
    "external_parties",
    "persons",
    "political_assignments",
    "role_assignments",
)
KIND_ALIASES = {"roles": "role_assignments", "assignments": "political_assignments"}

COLUMNS: dict[str, dict[str, bool]] = {
    # column -> required
    "bodies": {"short_name": True, "name": True, "kind": True, "parent": False, "email": False, "is_active": False},
    "administrations": {"short_name": True, "name": True, "body": True, "email": False, "is_active": False},
    "external_parties": {"name": True, "kind": False, "email": False, "is_active": False},
    "persons": {
        "email": True,
        "first_name": True,
        "last_name": True,
        "title": False,
        "administration": False,
        "username": False,
        "is_active": False,
    },
    "political_assignments": {
        "person": True,
        "body": True,
        "kind": True,
        "party": True,
        "position": False,
        "starts_on": True,
        "ends_on": False,
    },
    "role_assignments": {
        "person": True,
        "role": True,
        "body": False,
        "administration": False,
        "scope": False,
        "starts_on": False,
        "ends_on": False,
    },
}

# Swedish column names (the labels of the interface) are accepted in CSV headers and YAML keys.
COLUMN_ALIASES = {
    "förkortning": "short_name",
    "namn": "name",
    "typ": "kind",
    "uppdrag": "kind",
    "tillhör": "parent",
    "e-post": "email",
    "epost": "email",
    "aktiv": "is_active",
    "organ": "body",
    "förvaltning": "administration",
    "förnamn": "first_name",
    "efternamn": "last_name",
    "titel": "title",
    "användarnamn": "username",
    "parti": "party",
    "ordförandepost": "position",
    "från": "starts_on",
    "till": "ends_on",
    "roll": "role",
    "omfattning": "scope",
}

TRUE_WORDS = {"1", "true", "ja", "yes", "sant", "aktiv", "x"}
FALSE_WORDS = {"0", "false", "nej", "no", "falskt", "inaktiv"}


@dataclass(frozen=True)
class ImportIssue:
    line: int
    message: str
    source: str = ""

    def __str__(self) -> str:
        return _("Rad %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class ImportFailed(DomainError):
    """The file was refused; `issues` lists every problem found, in file order."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        self.issues = sorted(issues, key=lambda issue: (issue.source, issue.line))
        summary = _("Inget importerades: %(count)s fel.") % {"count": len(self.issues)}
        super().__init__(summary + "\n" + "\n".join(str(issue) for issue in self.issues), code="import_failed")


@dataclass
class Row:
    kind: str
    line: int
    values: dict[str, Any]
    source: str = ""
    key_lines: dict[str, int] = field(default_factory=dict)  # YAML: the line of each field


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def summary_lines(self) -> list[str]:
        labels = {
            "bodies": _("Organ"),
            "administrations": _("Förvaltningar"),
            "external_parties": _("Externa parter"),
            "persons": _("Personer"),
            "political_assignments": _("Politiska uppdrag"),
            "role_assignments": _("Roller"),
        }
        return [
            _("%(label)s: %(created)s nya, %(updated)s ändrade, %(unchanged)s oförändrade")
            % {
                "label": labels[kind],
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind in KINDS
            if self.created[kind] or self.updated[kind] or self.unchanged[kind]
        ]


# -- reading -----------------------------------------------------------------------------------


def _normalise_kind(kind: str) -> str | None:
    kind = kind.strip().lower().replace("-", "_")
    kind = KIND_ALIASES.get(kind, kind)
    return kind if kind in KINDS else None


def _normalise_column(name: Any) -> str:
    key = str(name).strip().lower()
    return COLUMN_ALIASES.get(key, key.replace(" ", "_").replace("-", "_"))


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line where each mapping starts."""


def _construct_mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__key_lines__"] = {str(key.value): key.start_mark.line + 1 for key, _value in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping_with_line)
# Dates stay text until checked, so that an impossible date is reported on its line, not raised.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def read_yaml(text: str, *, source: str = "") -> list[Row]:
    """Rows from a YAML document whose top level has one list per kind."""
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506  (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ImportFailed(
            [ImportIssue(line, _("filen är inte giltig YAML (%(problem)s).") % {"problem": exc}, source)]
        ) from exc
    if not document:
        raise ImportFailed([ImportIssue(1, _("filen är tom."), source)])
    if not isinstance(document, dict):
        raise ImportFailed([ImportIssue(1, _("filen ska ha en del per slag, t.ex. 'bodies:'."), source)])
    document.pop("__line__", None)
    document.pop("__key_lines__", None)
    rows: list[Row] = []
    issues: list[ImportIssue] = []
    for key, items in document.items():
        kind = _normalise_kind(str(key))
        if kind is None:
            issues.append(
                ImportIssue(
                    1,
                    _("okänd del '%(key)s'. Tillåtna delar är %(kinds)s.") % {"key": key, "kinds": ", ".join(KINDS)},
                    source,
                )
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            issues.append(ImportIssue(1, _("'%(key)s' ska vara en lista.") % {"key": key}, source))
            continue
        for item in items:
            if not isinstance(item, dict):
                issues.append(ImportIssue(1, _("varje rad i '%(key)s' ska ha namngivna fält.") % {"key": key}, source))
                continue
            line = item.pop("__line__", 1)
            key_lines = {_normalise_column(k): v for k, v in item.pop("__key_lines__", {}).items()}
            rows.append(Row(kind, line, {_normalise_column(k): v for k, v in item.items()}, source, key_lines))
    if issues:
        raise ImportFailed(issues)
    return rows


def detect_kind(columns: Iterable[str]) -> str | None:
    """The kind whose required columns the header has; the most specific one wins."""
    present = set(columns)
    matches = [
        kind
        for kind in KINDS
        if {name for name, required in COLUMNS[kind].items() if required} <= present and present <= set(COLUMNS[kind])
    ]
    return matches[0] if len(matches) == 1 else None


def read_csv(text: str, *, kind: str | None = None, source: str = "") -> list[Row]:
    """Rows from a CSV file (comma, semicolon or tab separated, header on the first line)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportFailed([ImportIssue(1, _("filen är tom."), source)])
    first_line = text.splitlines()[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_normalise_column(name) for name in next(reader)]
    if kind is None:
        kind = detect_kind(header)
        if kind is None:
            raise ImportFailed(
                [
                    ImportIssue(
                        1,
                        _("det går inte att avgöra vad filen innehåller av rubrikraden. Ange --kind (%(kinds)s).")
                        % {"kinds": ", ".join(KINDS)},
                        source,
                    )
                ]
            )
    rows = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        line = reader.line_num
        if len(record) > len(header):
            raise ImportFailed(
                [
                    ImportIssue(
                        line,
                        _("raden har %(found)s fält men rubrikraden bara %(expected)s.")
                        % {"found": len(record), "expected": len(header)},
                        source,
                    )
                ]
            )
        rows.append(Row(kind, line, dict(zip(header, record, strict=False)), source))
    return rows


def read_file(path: str | Path, *, kind: str | None = None) -> list[Row]:
    path = Path(path)
    source = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([ImportIssue(1, _("filen är inte kodad i UTF-8."), source)]) from exc
    if path.suffix.lower() in {".yaml", ".yml"}:
        if kind is not None:
            raise ImportFailed([ImportIssue(1, _("--kind gäller bara CSV-filer."), source)])
        return read_yaml(text, source=source)
    if kind is not None:
        normalised = _normalise_kind(kind)
        if normalised is None:
            raise ImportFailed(
                [ImportIssue(1, _("okänt slag '%(kind)s'.") % {"kind": kind}, source)]
            )  # pragma: no cover - the command restricts the choices
        kind = normalised
    return read_csv(text, kind=kind, source=source)


# -- checking ----------------------------------------------------------------------------------


class _Refused(ValueError):
    """A value error whose message names what is wrong by itself (an unknown reference, a bad choice)."""


class _RowErrors(Exception):
    def __init__(self, messages: list[tuple[int, str]]) -> None:
        self.messages = messages


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError(_("värdet %(value)s tolkades som ja/nej; sätt det inom citattecken") % {"value": value})
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(_("ogiltigt datum '%(value)s' (skriv ÅÅÅÅ-MM-DD)") % {"value": value}) from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("ogiltigt ja/nej-värde '%(value)s'") % {"value": value})


def _choice(value: Any, choices: type[models.TextChoices], what: str, *, blank: bool = False) -> str:
    word = _text(value)
    if not word and blank:
        return ""
    lowered = word.lower()
    for choice_value, label in choices.choices:
        if lowered in {str(choice_value).lower(), str(label).lower()} and (choice_value or blank):
            return choice_value
    allowed = ", ".join(str(v) for v in choices.values if v)
    raise _Refused(
        _("okänd %(what)s '%(value)s' (tillåtna: %(allowed)s)") % {"what": what, "value": word, "allowed": allowed}
    )


class _Known:
    """What exists in the database or will exist once the file's earlier sections are imported."""

    def __init__(self) -> None:
        self.bodies = set(Body.objects.values_list("short_name", flat=True))
        self.administrations = set(Administration.objects.values_list("short_name", flat=True))
        self.persons = {email.lower() for email in Person.objects.exclude(email="").values_list("email", flat=True)}


def _parse_row(row: Row, known: _Known) -> dict[str, Any]:
    """Check one row and return its typed values (only the columns that are present)."""
    columns = COLUMNS[row.kind]
    errors: list[tuple[int, str]] = []

    def fail(message: str, name: str | None = None) -> None:
        """Record an error on the line of the field when it is known (YAML), else on the row's line."""
        errors.append((row.key_lines.get(name, row.line) if name else row.line, message))

    for name in row.values:
        if name not in columns:
            fail(_("okänt fält '%(name)s'") % {"name": name}, name)
    values: dict[str, Any] = {}

    def take(name: str, convert: Callable[[Any], Any]) -> None:
        if name not in row.values:
            if columns[name]:
                fail(_("%(name)s saknas") % {"name": name})
            return
        try:
            value = convert(row.values[name])
        except _Refused as exc:
            fail(str(exc), name)
            return
        except ValueError as exc:
            fail(_("%(name)s: %(error)s") % {"name": name, "error": exc}, name)
            return
        if columns[name] and value in ("", None):
            fail(_("%(name)s saknas") % {"name": name}, name)
            return
        values[name] = value

    def email(value: Any) -> str:
        text = _text(value)
        if text:
            try:
                validate_email(text)
            except ValidationError:
                raise _Refused(_("ogiltig e-postadress '%(value)s'") % {"value": text}) from None
        return text

    def reference(pool: set[str], unknown_message: str, *, lower: bool = False) -> Callable[[Any], str]:
        def convert(value: Any) -> str:
            text = _text(value)
            if text and (text.lower() if lower else text) not in pool:
                raise _Refused(unknown_message % {"value": text})
            return text

        return convert

    unknown_body = _("okänt organ '%(value)s'")
    unknown_administration = _("okänd förvaltning '%(value)s'")
    unknown_person = _("okänd person '%(value)s' (personer anges med e-postadress)")

    if row.kind == "bodies":
        take("short_name", _text)
        take("name", _text)
        take("kind", lambda v: _choice(v, Body.Kind, _("typ av organ")))
        take("parent", reference(known.bodies, unknown_body))
        if "email" in row.values:
            take("email", email)
        if values.get("parent") and values.get("parent") == values.get("short_name"):
            fail(_("ett organ kan inte tillhöra sig självt"), "parent")
    elif row.kind == "administrations":
        take("short_name", _text)
        take("name", _text)
        take("body", reference(known.bodies, unknown_body))
        if "email" in row.values:
            take("email", email)
    elif row.kind == "external_parties":
        take("name", _text)
        if "kind" in row.values:
            take("kind", lambda v: _choice(v, ExternalParty.Kind, _("typ av part")))
        if "email" in row.values:
            take("email", email)
    elif row.kind == "persons":
        take("email", email)
        take("first_name", _text)
        take("last_name", _text)
        for name in ("title", "username"):
            if name in row.values:
                take(name, _text)
        if "administration" in row.values:
            take("administration", reference(known.administrations, unknown_administration))
    elif row.kind == "political_assignments":
        take("person", reference(known.persons, unknown_person, lower=True))
        take("body", reference(known.bodies, unknown_body))
        take("kind", lambda v: _choice(v, PoliticalAssignment.Kind, _("typ av uppdrag")))
        take("party", _text)
        if "position" in row.values:
            take("position", lambda v: _choice(v, PoliticalAssignment.Position, _("ordförandepost"), blank=True))
        take("starts_on", _date)
        if "ends_on" in row.values:
            take("ends_on", _date)
    elif row.kind == "role_assignments":
        take("person", reference(known.persons, unknown_person, lower=True))
        take("role", lambda v: _choice(v, Role, _("roll")))
        if "body" in row.values:
            take("body", reference(known.bodies, unknown_body))
        if "administration" in row.values:
            take("administration", reference(known.administrations, unknown_administration))
        if "scope" in row.values:
            scope = str(row.values["scope"] or "").strip()
            in_bodies, in_administrations = scope in known.bodies, scope in known.administrations
            if scope and in_bodies and in_administrations:
                fail(
                    _("'%(value)s' är både ett organ och en förvaltning; använd body eller administration")
                    % {"value": scope},
                    "scope",
                )
            elif scope and not (in_bodies or in_administrations):
                fail(_("okänt organ eller förvaltning '%(value)s'") % {"value": scope}, "scope")
            elif scope:
                values["body" if in_bodies else "administration"] = scope
        if values.get("body") and values.get("administration"):
            fail(_("en roll gäller ett organ eller en förvaltning, inte båda"))
        for name in ("starts_on", "ends_on"):
            if name in row.values:
                take(name, _date)
    if row.kind in ("political_assignments", "role_assignments"):
        starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            fail(_("slutdatumet ligger före startdatumet"), "ends_on")
    if "is_active" in row.values and "is_active" in columns:
        take("is_active", _bool)
    if errors:
        raise _RowErrors(errors)
    return values


def _body_order(rows: list[tuple[Row, dict[str, Any]]], issues: list[ImportIssue]) -> list[tuple[Row, dict[str, Any]]]:
    """Bodies with their parents first; a loop of parents within the file is an error."""
    by_short = {values["short_name"]: (row, values) for row, values in rows}
    ordered: list[tuple[Row, dict[str, Any]]] = []
    placed: set[str] = set()

    def place(short_name: str, trail: tuple[str, ...]) -> None:
        if short_name in placed or short_name not in by_short:
            return
        row, values = by_short[short_name]
        if short_name in trail:
            issues.append(
                ImportIssue(
                    row.line,
                    _("organen tillhör varandra i en cirkel (%(names)s).")
                    % {"names": " → ".join((*trail, short_name))},
                    row.source,
                )
            )
            placed.add(short_name)
            return
        parent = values.get("parent")
        if parent:
            place(parent, (*trail, short_name))
        if short_name not in placed:
            placed.add(short_name)
            ordered.append((row, values))

    for _row, values in rows:
        place(values["short_name"], ())
    return ordered


def check_rows(rows: list[Row]) -> tuple[dict[str, list[tuple[Row, dict[str, Any]]]], list[ImportIssue]]:
    """Check every row; return the typed rows per kind (in the order to apply them) and the issues."""
    known = _Known()
    issues: list[ImportIssue] = []
    by_kind: dict[str, list[Row]] = {kind: [] for kind in KINDS}
    for row in rows:
        by_kind[row.kind].append(row)
    # What the file itself adds may be referred to by its other rows.
    for row in by_kind["bodies"]:
        with contextlib.suppress(ValueError):
            known.bodies.add(_text(row.values.get("short_name")))
    for row in by_kind["administrations"]:
        with contextlib.suppress(ValueError):
            known.administrations.add(_text(row.values.get("short_name")))
    for row in by_kind["persons"]:
        with contextlib.suppress(ValueError):
            known.persons.add(_text(row.values.get("email")).lower())
    known.bodies.discard("")
    known.administrations.discard("")
    known.persons.discard("")

    unique_keys = {
        "bodies": ("short_name", "name"),
        "administrations": ("short_name", "name"),
        "external_parties": ("name",),
        "persons": ("email",),
    }
    parsed: dict[str, list[tuple[Row, dict[str, Any]]]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        seen: dict[tuple[str, str], int] = {}
        for row in by_kind[kind]:
            duplicate = False
            for key in unique_keys.get(kind, ()):
                try:
                    value = _text(row.values.get(key))
                except ValueError:
                    continue
                if not value:
                    continue
                if (key, value.lower()) in seen:
                    issues.append(
                        ImportIssue(
                            row.key_lines.get(key, row.line),
                            _("%(key)s '%(value)s' finns redan på rad %(other)s.")
                            % {"key": key, "value": value, "other": seen[(key, value.lower())]},
                            row.source,
                        )
                    )
                    duplicate = True
                else:
                    seen[(key, value.lower())] = row.key_lines.get(key, row.line)
            try:
                values = _parse_row(row, known)
            except _RowErrors as exc:
                issues += [ImportIssue(line, message, row.source) for line, message in exc.messages]
                continue
            if not duplicate:
                parsed[kind].append((row, values))
    parsed["bodies"] = _body_order(parsed["bodies"], issues)
    return parsed, issues


# -- writing -----------------------------------------------------------------------------------


class _Writer:
    def __init__(self, actor, result: ImportResult) -> None:
        self.actor = actor
        self.result = result
        self.deactivations: list[tuple[int, Row | None, Callable[[], Any]]] = []
        self.row: Row | None = None

    def count(self, kind: str, outcome: str) -> None:
        getattr(self.result, outcome)[kind] += 1

    @staticmethod
    def differences(obj: models.Model, values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
        return {name: values[name] for name in names if name in values and getattr(obj, name) != values[name]}

    def activity(
        self, obj: Any, values: dict[str, Any], *, order: int, deactivate: Callable, reactivate: Callable
    ) -> bool:
        """Queue a change of is_active; deactivations run last, the innermost first."""
        if "is_active" not in values or values["is_active"] == obj.is_active:
            return False
        if values["is_active"]:
            reactivate()
        else:
            self.deactivations.append((order, self.row, deactivate))
        return True

    def body(self, values: dict[str, Any]) -> None:
        values = {**values}
        if "parent" in values:
            values["parent"] = Body.objects.get(short_name=values["parent"]) if values["parent"] else None
        body = Body.objects.filter(short_name=values["short_name"]).first()
        if body is None:
            body = services.body_create(
                actor=self.actor,
                **{k: values[k] for k in ("name", "short_name", "kind", "parent", "email") if k in values},
            )
            outcome = "created"
        else:
            changes = self.differences(body, values, services.BODY_EDITABLE_FIELDS)
            if changes:
                body = services.body_update(actor=self.actor, body=body, reason=_("Import"), **changes)
            outcome = "updated" if changes else "unchanged"
        depth = 0
        parent = body.parent
        while parent is not None and depth < 50:
            depth += 1
            parent = parent.parent
        if (
            self.activity(
                body,
                values,
                order=100 - depth,
                deactivate=lambda: services.body_deactivate(actor=self.actor, body=body, reason=_("Import")),
                reactivate=lambda: services.body_reactivate(actor=self.actor, body=body, reason=_("Import")),
            )
            and outcome == "unchanged"
        ):
            outcome = "updated"
        self.count("bodies", outcome)

    def administration(self, values: dict[str, Any]) -> None:
        values = {**values, "body": Body.objects.get(short_name=values["body"])}
        administration = Administration.objects.filter(short_name=values["short_name"]).first()
        if administration is None:
            administration = services.administration_create(
                actor=self.actor, **{k: values[k] for k in ("name", "short_name", "body", "email") if k in values}
            )
            outcome = "created"
        else:
            changes = self.differences(administration, values, services.ADMINISTRATION_EDITABLE_FIELDS)
            if changes:
                administration = services.administration_update(
                    actor=self.actor, administration=administration, reason=_("Import"), **changes
                )
            outcome = "updated" if changes else "unchanged"
        if (
            self.activity(
                administration,
                values,
                order=10,
                deactivate=lambda: services.administration_deactivate(
                    actor=self.actor, administration=administration, reason=_("Import")
                ),
                reactivate=lambda: services.administration_reactivate(
                    actor=self.actor, administration=administration, reason=_("Import")
                ),
            )
            and outcome == "unchanged"
        ):
            outcome = "updated"
        self.count("administrations", outcome)

    def external_party(self, values: dict[str, Any]) -> None:
        party = ExternalParty.objects.filter(name=values["name"]).first()
        if party is None:
            party = services.external_party_create(
                actor=self.actor, **{k: values[k] for k in ("name", "kind", "email") if k in values}
            )
            outcome = "created"
        else:
            changes = self.differences(party, values, services.EXTERNAL_PARTY_EDITABLE_FIELDS)
            if changes:
                party = services.external_party_update(actor=self.actor, party=party, reason=_("Import"), **changes)
            outcome = "updated" if changes else "unchanged"
        if (
            self.activity(
                party,
                values,
                order=0,
                deactivate=lambda: services.external_party_deactivate(
                    actor=self.actor, party=party, reason=_("Import")
                ),
                reactivate=lambda: services.external_party_reactivate(
                    actor=self.actor, party=party, reason=_("Import")
                ),
            )
            and outcome == "unchanged"
        ):
            outcome = "updated"
        self.count("external_parties", outcome)

    def person(self, values: dict[str, Any]) -> None:
        from django.contrib.auth import get_user_model

        values = {**values}
        if "administration" in values:
            values["administration"] = (
                Administration.objects.get(short_name=values["administration"]) if values["administration"] else None
            )
        person = Person.objects.filter(email__iexact=values["email"]).first()
        fields = ("first_name", "last_name", "email", "title", "administration")
        if person is None:
            person = services.person_create(actor=self.actor, **{k: values[k] for k in fields if k in values})
            outcome = "created"
        else:
            changes = self.differences(person, values, fields)
            if changes:
                person = services.person_update(actor=self.actor, person=person, reason=_("Import"), **changes)
            outcome = "updated" if changes else "unchanged"
        username = values.get("username")
        if username:
            if person.user_id:
                if person.user.get_username() != username:
                    raise DomainError(
                        _("%(person)s har redan användarkontot '%(current)s', inte '%(username)s'.")
                        % {"person": person, "current": person.user.get_username(), "username": username}
                    )
            else:
                existing = get_user_model().objects.filter(username=username).first()
                if existing is not None:
                    services.person_update(actor=self.actor, person=person, reason=_("Import"), user=existing)
                else:
                    services.person_account_create(actor=self.actor, person=person, username=username)
                if outcome == "unchanged":
                    outcome = "updated"
        if (
            self.activity(
                person,
                values,
                order=20,
                deactivate=lambda: services.person_deactivate(actor=self.actor, person=person, reason=_("Import")),
                reactivate=lambda: services.person_reactivate(actor=self.actor, person=person, reason=_("Import")),
            )
            and outcome == "unchanged"
        ):
            outcome = "updated"
        self.count("persons", outcome)

    def political_assignment(self, values: dict[str, Any]) -> None:
        person = Person.objects.get(email__iexact=values["person"])
        body = Body.objects.get(short_name=values["body"])
        assignment = PoliticalAssignment.objects.filter(
            person=person, body=body, kind=values["kind"], starts_on=values["starts_on"]
        ).first()
        if assignment is None:
            services.political_assignment_create(
                actor=self.actor,
                person=person,
                body=body,
                kind=values["kind"],
                party=values["party"],
                position=values.get("position", ""),
                starts_on=values["starts_on"],
                ends_on=values.get("ends_on"),
            )
            self.count("political_assignments", "created")
            return
        changes = self.differences(assignment, values, services.POLITICAL_ASSIGNMENT_EDITABLE_FIELDS)
        if changes:
            assignment = services.political_assignment_update(
                actor=self.actor, assignment=assignment, reason=_("Import"), **changes
            )
        ends = "ends_on" in values and values["ends_on"] is not None and values["ends_on"] != assignment.ends_on
        if ends:
            services.political_assignment_end(
                actor=self.actor, assignment=assignment, ends_on=values["ends_on"], reason=_("Import")
            )
        self.count("political_assignments", "updated" if changes or ends else "unchanged")

    def role_assignment(self, values: dict[str, Any]) -> None:
        person = Person.objects.get(email__iexact=values["person"])
        body = Body.objects.get(short_name=values["body"]) if values.get("body") else None
        administration = (
            Administration.objects.get(short_name=values["administration"]) if values.get("administration") else None
        )
        assignment = RoleAssignment.objects.filter(
            person=person,
            role=values["role"],
            body=body,
            administration=administration,
            starts_on=values.get("starts_on"),
        ).first()
        if assignment is None:
            services.role_assign(
                actor=self.actor,
                person=person,
                role=values["role"],
                body=body,
                administration=administration,
                starts_on=values.get("starts_on"),
                ends_on=values.get("ends_on"),
            )
            self.count("role_assignments", "created")
            return
        ends = "ends_on" in values and values["ends_on"] is not None and values["ends_on"] != assignment.ends_on
        if ends:
            services.role_end(actor=self.actor, assignment=assignment, ends_on=values["ends_on"], reason=_("Import"))
        self.count("role_assignments", "updated" if ends else "unchanged")


def import_rows(*, actor, rows: list[Row], dry_run: bool = False) -> ImportResult:
    """Check every row, then write them all in one transaction, or nothing at all."""
    if not policies.can_manage_organisation(actor):
        raise PermissionDenied(_("Du har inte behörighet att ändra organisationen."))
    parsed, issues = check_rows(rows)
    if issues:
        raise ImportFailed(issues)
    result = ImportResult(dry_run=dry_run)
    writer = _Writer(actor, result)
    steps = {
        "bodies": writer.body,
        "administrations": writer.administration,
        "external_parties": writer.external_party,
        "persons": writer.person,
        "political_assignments": writer.political_assignment,
        "role_assignments": writer.role_assignment,
    }
    with transaction.atomic():
        for kind in KINDS:
            for row, values in parsed[kind]:
                writer.row = row
                try:
                    steps[kind](values)
                except DomainError as exc:
                    issues.append(ImportIssue(row.line, exc.message, row.source))
        for _order, row, deactivate in sorted(writer.deactivations, key=lambda item: item[0]):
            try:
                deactivate()
            except DomainError as exc:
                issues.append(ImportIssue(row.line if row else 0, exc.message, row.source if row else ""))
        if issues or dry_run:
            transaction.set_rollback(True)
    if issues:
        raise ImportFailed(issues)
    return result


def import_data(*, actor, data: dict[str, list[dict[str, Any]]], source: str = "") -> ImportResult:
    """Import sections given as Python data (the same shape as the YAML file); used by the demo."""
    rows = []
    for key, items in data.items():
        kind = _normalise_kind(key)
        if kind is None:
            raise ImportFailed([ImportIssue(0, _("okänd del '%(key)s'.") % {"key": key}, source)])
        rows += [
            Row(kind, index, {_normalise_column(k): v for k, v in item.items()}, source)
            for index, item in enumerate(items, start=1)
        ]
    return import_rows(actor=actor, rows=rows)


def import_files(*, actor, paths: list[str | Path], kind: str | None = None, dry_run: bool = False) -> ImportResult:
    rows: list[Row] = []
    issues: list[ImportIssue] = []
    for path in paths:
        try:
            rows += read_file(path, kind=kind)
        except ImportFailed as exc:
            issues += exc.issues
    if issues:
        raise ImportFailed(issues)
    return import_rows(actor=actor, rows=rows, dry_run=dry_run)
