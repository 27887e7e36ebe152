"""CSV exports as Danish spreadsheets write them: ``;`` separators, decimal comma, a BOM,
CRLF line ends, and cp1252 when asked.

``wide`` layout: one row per record. ``items`` layout: one row per record x item x line;
rows are grouped into records by the profile's ``key`` column, in order of first appearance."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.messages import Msg, msg
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord


def rows(path: Path, display: str, options: ReadOptions) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV file, with the header checked and ragged rows refused."""
    text = decode(read_bytes(path, display), display, options.encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=options.delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
        if not header or not any(header):
            raise InputError(Problem("LOAD001", msg("LOAD001.csv_no_header"), display, 1))
        duplicates = sorted({name for name in header if header.count(name) > 1})
        if duplicates:
            raise InputError(
                Problem(
                    "LOAD002",
                    msg("LOAD002.csv_columns", columns=", ".join(duplicates)),
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
                        msg(
                            "LOAD001.csv_width",
                            fields=len(row),
                            header=len(header),
                            delimiter=repr(options.delimiter),
                        ),
                        display,
                        start,
                    )
                )
            out.append((start, dict(zip(header, row, strict=True))))
            start = reader.line_num + 1
        return out
    except csv.Error as err:
        raise InputError(
            Problem("LOAD001", msg("LOAD001.csv", detail=str(err)), display, reader.line_num)
        ) from None


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of a CSV export, by layout."""
    return records(rows(path, display, options), display, options)


def records(
    table: list[tuple[int, dict[str, str]]],
    display: str,
    options: ReadOptions,
    row_label: Callable[[int], Msg] = lambda line: msg("record.row_label", line=line),
) -> list[SourceRecord]:
    """The records of a table of (line, row) pairs by layout (also a workbook sheet's rows):
    a record per row (``wide``), or the rows grouped by the ``key`` column (``items``)."""
    if options.layout == "wide":
        return [SourceRecord(row, display, row_label(line), line, [line]) for line, row in table]
    key = options.key or ""
    if table and key not in table[0][1]:
        problem = Problem("IMP001", msg("IMP001.key_column", key=repr(key)), display)
        raise InputError(replace(problem, line=options.header_row))
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in table:
        value = row[key].strip()
        if not value:
            problem = Problem("IMP002", msg("IMP002.empty_key", key=repr(key)), display, line)
            raise InputError(problem)
        groups.setdefault(value, []).append((line, row))
    return [
        SourceRecord(
            [row for _, row in members],
            display,
            msg("record.label", index=repr(value)),
            members[0][0],
            [ln for ln, _ in members],
        )
        for value, members in groups.items()
    ]
