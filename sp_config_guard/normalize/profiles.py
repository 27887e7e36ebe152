"""Mapping profiles: how one export shape maps onto canonical artifacts, and the mapping
itself, which fails rather than drop a value (docs/canonical-format.md section 5)."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.load.yamlio import parse_yaml, position
from sp_config_guard.messages import Msg, msg, t
from sp_config_guard.model.envelope import type_name
from sp_config_guard.model.shipped import shipped_validator
from sp_config_guard.model.wording import schema_error_message
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord, encoding_problem

_MISSING = object()


@dataclass(frozen=True)
class Profile:
    """A loaded, validated mapping profile."""

    name: str
    file: str
    format: str
    match: tuple[str, ...]
    fields: Mapping[str, Any]
    meta: Mapping[str, Any]
    kind: str | None
    kind_from: str | None
    kind_map: Mapping[str, str]
    decimal: str
    options: ReadOptions

    def matches(self, relative: str) -> bool:
        """Whether this profile reads the export at ``relative`` (to the export root)."""
        return any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.match)


def load_profile(path: Path, display: str, encoding: str | None = None) -> Profile:
    """Read and validate one profile file; raise :class:`InputError` naming file and line."""
    text = decode(read_bytes(path, display, "yaml"), display)
    docs = parse_yaml(text, display)
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise InputError(Problem("MAP001", msg("MAP001.not_mapping"), display, 1, 1))
    data = docs[0]
    errors = list(shipped_validator("profile").iter_errors(data))
    if errors:
        error = max(errors, key=lambda e: len(e.absolute_path))
        place, message = explain(error)
        line, column = position(text, place)
        where = "/".join(str(p) for p in place) or f"({t('config.top_level')})"
        raise InputError(
            Problem(
                "MAP001", msg("MAP001.invalid", where=where, detail=message), display, line, column
            )
        )
    for place, message in _profile_problems(data):
        line, column = position(text, place)
        where = "/".join(str(p) for p in place)
        raise InputError(
            Problem(
                "MAP001", msg("MAP001.invalid", where=where, detail=message), display, line, column
            )
        )
    csv = data.get("csv", {}) or data.get("xlsx", {})
    options = ReadOptions(
        records=data.get("records"),
        encoding=encoding or csv.get("encoding", "utf-8"),
        delimiter=csv.get("delimiter", ";"),
        layout=csv.get("layout", "wide"),
        key=data.get("key"),
        sheet=csv.get("sheet"),
        header_row=csv.get("header_row", 1),
    )
    return Profile(
        name=data["profile"],
        file=display,
        format=data["format"],
        match=tuple(data.get("match", [])),
        fields=data.get("fields", {}),
        meta=data.get("meta", {}),
        kind=data.get("kind"),
        kind_from=data.get("kind_from"),
        kind_map=data.get("kind_map", {}),
        decimal=csv.get("decimal", "."),
        options=options,
    )


def _profile_problems(data: Mapping[str, Any]) -> list[tuple[list[str | int], Msg]]:
    """What the profile schema cannot say: an encoding that is no character set, and a
    target that is also a parent of another (``scope`` and ``scope.level``: one would
    overwrite or break the other)."""
    out: list[tuple[list[str | int], Msg]] = []
    encoding = data.get("csv", {}).get("encoding")
    problem = encoding_problem(encoding) if encoding else None
    if problem is not None:
        out.append((["csv", "encoding"], problem))
    for place, fields in _field_maps(data):
        for target in fields:
            parents = {".".join(target.split(".")[:n]) for n in range(1, target.count(".") + 1)}
            clash = sorted(parents & set(fields))
            if clash:
                detail = msg("MAP001.target_twice", target=repr(target), parent=repr(clash[0]))
                out.append(([*place, target], detail))
    return out


def _field_maps(data: Mapping[str, Any]) -> list[tuple[list[str | int], Mapping[str, Any]]]:
    """(place, mapping) of every ``fields`` mapping of a profile, nested ones too."""
    found: list[tuple[list[str | int], Mapping[str, Any]]] = []
    todo: list[tuple[list[str | int], Any]] = [(["fields"], data.get("fields", {}))]
    todo.append((["meta"], data.get("meta", {})))
    while todo:
        place, fields = todo.pop()
        found.append((place, fields))
        for target, spec in fields.items():
            if isinstance(spec, dict) and isinstance(spec.get("fields"), dict):
                todo.append(([*place, target, "fields"], spec["fields"]))
    return sorted(found, key=lambda item: [str(p) for p in item[0]])


def explain(error: ValidationError) -> tuple[list[str | int], Msg]:
    """The place and a short message of a schema error: the innermost alternative of a
    oneOf/anyOf, and for an unknown key the key itself."""
    while error.context:
        error = max(error.context, key=lambda e: (_fit(e), len(e.absolute_path)))
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = set(schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        if extra:
            known = ", ".join(sorted(allowed))
            return [*path, extra[0]], msg("MAP001.unknown_key", key=repr(extra[0]), known=known)
    return path, schema_error_message(error)


def _fit(error: ValidationError) -> int:
    """How well the alternative that failed fits the value: keys it knows."""
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    return sum(1 for key in instance if key in props)


def _put(out: dict[str, Any], target: str, value: Any) -> None:
    *parents, last = target.split(".")
    node = out
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _spec(spec: Any) -> dict[str, Any]:
    return {"from": spec} if isinstance(spec, str) else dict(spec)


def _convert(raw: Any, spec: Mapping[str, Any], record: SourceRecord, source: str) -> Any:
    """Apply a field's ``values`` map and ``split`` to a raw source value."""
    if isinstance(raw, str) and "split" in spec:
        return [part.strip() for part in raw.split(spec["split"]) if part.strip()]
    mapping = spec.get("values")
    if mapping is None:
        return raw
    key = raw.strip() if isinstance(raw, str) else raw
    if key in ("", None):
        return None
    if str(key) in mapping:
        return mapping[str(key)]
    raise record.problem(
        "IMP003",
        msg(
            "IMP003.value_map",
            value=repr(raw),
            source=repr(source),
            known=", ".join(map(str, mapping)),
        ),
    )


# -- tree-shaped records (JSON, YAML, XML, wide CSV) --------------------------------------


def _get(values: Any, source: str) -> tuple[Any, tuple[str, ...]]:
    path = tuple(source.split("."))
    node = values
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return _MISSING, path
        node = node[part]
    return node, path


def _map_tree(
    fields: Mapping[str, Any],
    values: Any,
    base: tuple[Any, ...],
    consumed: set[tuple[Any, ...]],
    record: SourceRecord,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for target, raw_spec in fields.items():
        spec = _spec(raw_spec)
        if "const" in spec:
            _put(out, target, spec["const"])
            continue
        raw, path = _get(values, spec["from"]) if "from" in spec else (values, ())
        if raw is _MISSING:
            continue
        if "fields" in spec:
            items = raw if isinstance(raw, list) else [raw]
            prefix = base + path
            _put(
                out,
                target,
                [
                    _map_tree(
                        spec["fields"],
                        item,
                        prefix + ((i,) if isinstance(raw, list) else ()),
                        consumed,
                        record,
                    )
                    for i, item in enumerate(items)
                ],
            )
            continue
        consumed.add(base + path)
        _put(out, target, _convert(raw, spec, record, spec["from"]))
    return out


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for key, sub in value.items() for leaf in _leaves(sub, (*path, key))]
    if isinstance(value, list):
        return [leaf for i, sub in enumerate(value) for leaf in _leaves(sub, (*path, i))]
    return [(path, value)]


def _unconsumed_tree(values: Any, consumed: set[tuple[Any, ...]]) -> list[str]:
    lost = []
    for path, value in _leaves(values):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not any(path[:n] in consumed for n in range(len(path) + 1)):
            shown = ".".join(str(p) for p in path)
            lost.append(f"{shown}={value!r}")
    return lost


# -- item-level CSV records (a list of rows) ---------------------------------------------


def _column(rows: list[dict[str, str]], column: str, record: SourceRecord) -> str:
    if rows and column not in rows[0]:
        raise record.problem("IMP001", msg("IMP001.mapped_column", column=repr(column)))
    distinct = list(dict.fromkeys(row[column].strip() for row in rows if row[column].strip()))
    if len(distinct) > 1:
        raise record.problem(
            "IMP004",
            msg(
                "IMP004.column_differs", column=repr(column), values=", ".join(map(repr, distinct))
            ),
        )
    return distinct[0] if distinct else ""


def _map_rows(
    fields: Mapping[str, Any], rows: list[dict[str, str]], consumed: set[str], record: SourceRecord
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for target, raw_spec in fields.items():
        spec = _spec(raw_spec)
        if "const" in spec:
            _put(out, target, spec["const"])
        elif "fields" in spec:
            column = spec.get("group_by") or ""
            _column(rows[:1], column, record)
            consumed.add(column)
            groups: dict[str, list[dict[str, str]]] = {}
            inner = _columns(spec["fields"])
            for row in rows:
                if row[column].strip():
                    groups.setdefault(row[column].strip(), []).append(row)
                elif any(row.get(name, "").strip() for name in inner):
                    line = record.rows[record.values.index(row)] if record.rows else record.line
                    filled = sorted(name for name in inner if row.get(name, "").strip())
                    raise InputError(
                        Problem(
                            "IMP006",
                            msg(
                                "IMP006.no_group_key",
                                label=record.label,
                                filled=", ".join(filled),
                                column=repr(column),
                            ),
                            record.file,
                            line,
                        )
                    )
            _put(
                out,
                target,
                [
                    _map_rows(spec["fields"], members, consumed, record)
                    for members in groups.values()
                ],
            )
        else:
            consumed.add(spec["from"])
            _put(
                out,
                target,
                _convert(_column(rows, spec["from"], record), spec, record, spec["from"]),
            )
    return out


def _columns(fields: Mapping[str, Any]) -> set[str]:
    """Every source column a mapping (and its nested lists) reads."""
    out: set[str] = set()
    for raw_spec in fields.values():
        spec = _spec(raw_spec)
        out.update(spec[key] for key in ("from", "group_by") if key in spec)
        if "fields" in spec:
            out |= _columns(spec["fields"])
    return out


def _unconsumed_rows(rows: list[dict[str, str]], consumed: set[str]) -> list[str]:
    lost: dict[str, str] = {}
    for row in rows:
        for column, value in row.items():
            if value.strip() and column not in consumed:
                lost.setdefault(column, value)
    return [f"{column}={value!r}" for column, value in lost.items()]


def _rows(profile: Profile, values: Any) -> bool:
    """Whether a record's values are the rows of an item-level CSV or XLSX record."""
    return (
        profile.format in ("csv", "xlsx")
        and profile.options.layout == "items"
        and isinstance(values, list)
        and all(isinstance(row, dict) for row in values)
    )


def map_record(profile: Profile, record: SourceRecord) -> dict[str, Any]:
    """The artifact data a source record maps to (before normalisation).

    Raises :class:`InputError` naming the values that had nowhere to go."""
    fields = dict(profile.fields)
    if profile.kind_from:
        fields["kind"] = {"from": profile.kind_from, "values": dict(profile.kind_map)}
    elif profile.kind:
        fields["kind"] = {"const": profile.kind}
    if not isinstance(record.values, dict) and not _rows(profile, record.values):
        raise record.problem("IMP001", msg("IMP001.not_mapping", type=type_name(record.values)))
    if isinstance(record.values, list):
        consumed_columns: set[str] = set()
        data = _map_rows(fields, record.values, consumed_columns, record)
        meta = _map_rows(profile.meta, record.values, consumed_columns, record)
        lost = _unconsumed_rows(record.values, consumed_columns)
    else:
        consumed: set[tuple[Any, ...]] = set()
        data = _map_tree(fields, record.values, (), consumed, record)
        meta = _map_tree(profile.meta, record.values, (), consumed, record)
        lost = _unconsumed_tree(record.values, consumed)
    if lost:
        raise record.problem(
            "IMP005",
            msg(
                "IMP005.unmapped",
                values="; ".join(lost[:5]) + (" ..." if len(lost) > 5 else ""),
                profile=repr(profile.name),
            ),
        )
    if meta:
        data.setdefault("meta", {}).update(meta)
    return data
