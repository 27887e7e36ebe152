"""CSV exports as Danish spreadsheets write them: ``;`` separators, decimal comma, a BOM,
CRLF line ends, and cp1252 when asked.

``wide`` layout: one row per record. ``items`` layout: one row per record x item x line;
rows are grouped into records by the profile's ``key`` column, in order of first appearance."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.importers import ReadOptions, SourceRecord
from sp_config_guard.sources import decode, read_bytes


def rows(path: Path, display: str, options: ReadOptions) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV file, with the header checked and ragged rows refused."""
    text = decode(read_bytes(path, display), display, options.encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=options.delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
        if not header or not any(header):
            raise InputError(Problem("LOAD001", "CSV file has no header row", display, 1))
        duplicates = sorted({name for name in header if header.count(name) > 1})
        if duplicates:
            raise InputError(
                Problem(
                    "LOAD002",
                    f"duplicate column(s) {', '.join(duplicates)} in the header",
                    display,
                    1,
                )
            )
        out = []
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise InputError(
                    Problem(
                        "LOAD001",
                        f"row has {len(row)} fields but the header has {len(header)}; "
                        f"check the separator (expected {options.delimiter!r}) and quoting",
                        display,
                        start,
                    )
                )
            out.append((start, dict(zip(header, row, strict=True))))
            start = reader.line_num + 1
        return out
    except csv.Error as err:
        raise InputError(
            Problem("LOAD001", f"malformed CSV: {err}", display, reader.line_num)
        ) from None


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of a CSV export, by layout."""
    table = rows(path, display, options)
    if options.layout == "wide":
        return [
            SourceRecord(row, display, f"row at line {line}", line, [line]) for line, row in table
        ]
    key = options.key or ""
    if table and key not in table[0][1]:
        raise InputError(Problem("IMP001", f"key column {key!r} is not in the header", display, 1))
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in table:
        value = row[key].strip()
        if not value:
            raise InputError(Problem("IMP002", f"empty key column {key!r}", display, line))
        groups.setdefault(value, []).append((line, row))
    return [
        SourceRecord(
            [row for _, row in members],
            display,
            f"record {value!r}",
            members[0][0],
            [ln for ln, _ in members],
        )
        for value, members in groups.items()
    ]
