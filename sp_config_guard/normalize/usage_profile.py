"""Usage mapping profiles and the rows of a usage report (CSV or XLSX) they read: for each
row, the artifact it names (id, and kind when the report has one), its uses in the last 90
days and the date it was last used (schemas/usage-profile.schema.json)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.load.yamlio import parse_yaml, position
from sp_config_guard.messages import Msg, msg, t
from sp_config_guard.model.shipped import shipped_validator
from sp_config_guard.normalize.importers import (
    ReadOptions,
    csv_import,
    encoding_problem,
    xlsx_import,
)
from sp_config_guard.normalize.profiles import explain

ISO = "%Y-%m-%d"


@dataclass(frozen=True)
class UsageProfile:
    """A loaded, validated usage mapping profile."""

    name: str
    file: str
    format: str
    options: ReadOptions
    columns: Mapping[str, str]
    kind: str | None
    kind_map: Mapping[str, str]
    date_format: str
    ignore: frozenset[str]


@dataclass(frozen=True)
class UsageRow:
    """One row of a usage report: the artifact it names and its usage."""

    file: str
    line: int
    id: str
    kind: str | None
    uses_90d: int
    last_used: str | None


def load_usage_profile(path: Path, display: str) -> UsageProfile:
    """Read and validate a usage profile; raise :class:`InputError` (MAP001) naming the
    file, line and column of what is wrong."""
    text = decode(read_bytes(path, display, "yaml"), display)
    docs = parse_yaml(text, display)
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise InputError(Problem("MAP001", msg("MAP001.not_mapping"), display, 1, 1))
    data = docs[0]
    errors = list(shipped_validator("usage-profile").iter_errors(data))
    found = [explain(max(errors, key=lambda e: len(e.absolute_path)))] if errors else []
    encoding = (data.get("csv") or {}).get("encoding") if not errors else None
    problem = encoding_problem(encoding) if encoding else None
    if problem is not None:
        found.append((["csv", "encoding"], problem))
    for place, detail in found[:1]:
        line, column = position(text, place)
        where = "/".join(str(p) for p in place) or f"({t('config.top_level')})"
        message = msg("MAP001.invalid", where=where, detail=detail)
        raise InputError(Problem("MAP001", message, display, line, column))
    dialect = data.get("csv") or data.get("xlsx") or {}
    options = ReadOptions(
        encoding=dialect.get("encoding", "utf-8"),
        delimiter=dialect.get("delimiter", ";"),
        sheet=dialect.get("sheet"),
        header_row=dialect.get("header_row", 1),
    )
    return UsageProfile(
        name=data["usage_profile"],
        file=display,
        format=data["format"],
        options=options,
        columns=data["columns"],
        kind=data.get("kind"),
        kind_map=data.get("kind_map", {}),
        date_format=data.get("date_format", ISO),
        ignore=frozenset(data.get("ignore", [])),
    )


def report_rows(
    profile: UsageProfile, path: Path, display: str
) -> tuple[list[UsageRow], list[Problem]]:
    """The rows of one usage report, and the problems of the rows that could not be read
    (each naming the file and row; the other rows go on). A report that does not fit the
    profile (a column missing, or one the profile neither maps nor ignores) is an
    :class:`InputError`: nothing of it is read."""
    reader = xlsx_import.rows if profile.format == "xlsx" else csv_import.rows
    table = reader(path, display, profile.options)
    header = profile.options.header_row
    if table:
        present = set(table[0][1])
        missing = sorted(set(profile.columns.values()) - present)
        if missing:
            detail = msg("IMP001.mapped_column", column=", ".join(map(repr, missing)))
            raise InputError(Problem("IMP001", detail, display, header))
        extra = sorted(present - set(profile.columns.values()) - profile.ignore)
        if extra:
            detail = msg(
                "USE001.unmapped", columns=", ".join(map(repr, extra)), profile=profile.name
            )
            raise InputError(Problem("USE001", detail, display, header))
    rows: list[UsageRow] = []
    problems: list[Problem] = []
    for line, row in table:
        try:
            rows.append(_row(profile, display, line, row))
        except InputError as err:
            problems.append(err.problem)
    return rows, problems


def _row(profile: UsageProfile, display: str, line: int, row: Mapping[str, str]) -> UsageRow:
    columns = profile.columns

    def refuse(detail: Msg) -> InputError:
        return InputError(Problem("USE002", detail, display, line))

    artifact = row[columns["id"]].strip()
    if not artifact:
        raise refuse(msg("USE002.no_id", column=repr(columns["id"])))
    kind = profile.kind
    if "kind" in columns:
        word = row[columns["kind"]].strip()
        kind = profile.kind_map.get(word, word) if profile.kind_map else word
        if profile.kind_map and word not in profile.kind_map:
            known = ", ".join(map(repr, profile.kind_map))
            raise refuse(msg("USE002.kind", value=repr(word), known=known))
    raw = row[columns["uses_90d"]].strip()
    if not raw.isdecimal() or not raw.isascii():
        raise refuse(msg("USE002.uses", value=repr(raw), column=repr(columns["uses_90d"])))
    last = row[columns["last_used"]].strip() if "last_used" in columns else ""
    return UsageRow(display, line, artifact, kind or None, int(raw), _date(last, profile, refuse))


def _date(text: str, profile: UsageProfile, refuse: Callable[[Msg], InputError]) -> str | None:
    """An ISO date from the report's way of writing it (an Excel date cell is ISO already)."""
    if not text:
        return None
    for form in dict.fromkeys((profile.date_format, ISO)):
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    example = date(2026, 10, 31).strftime(profile.date_format)
    raise refuse(msg("USE002.date", value=repr(text), example=example))
