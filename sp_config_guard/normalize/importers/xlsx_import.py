"""XLSX workbooks (SP build trackers and usage reports): one sheet, its columns named by a
header row, read as the CSV importer reads a table (``wide`` or ``items`` layout).

Read with openpyxl in read-only mode and ``data_only``: a formula is never evaluated, its cached
value is read, and a cell holding a formula error (``#DIV/0!``, ``#N/A``) is an error naming
the sheet and cell. A workbook is a zip: before anything is parsed its members' declared sizes
are checked (the unpacked size against the export size limit, and the packing ratio), so a
zip bomb is refused and never unpacked."""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import max_bytes, read_bytes
from sp_config_guard.messages import msg
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord
from sp_config_guard.normalize.importers.csv_import import records

MAX_MEMBERS = 10_000
MAX_RATIO = 200
"""The packing ratio no real workbook reaches (sheets pack 10-40 to 1; a bomb 1000 to 1)."""


def _refuse(detail: Any, display: str, line: int | None = None) -> InputError:
    return InputError(Problem("LOAD012", detail, display, line))


def _check_zip(data: bytes, display: str) -> None:
    """Refuse what is no zip, or a zip whose members would unpack to absurd sizes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise _refuse(msg("LOAD012.not_zip", detail=str(err)), display) from None
    limit = max_bytes("file")
    unpacked = sum(info.file_size for info in infos)
    ratio = max(
        (info.file_size / max(info.compress_size, 1) for info in infos if info.file_size > 2**20),
        default=0.0,
    )
    if len(infos) > MAX_MEMBERS or unpacked > limit or ratio > MAX_RATIO:
        raise _refuse(
            msg(
                "LOAD012.bomb",
                members=len(infos),
                size=unpacked,
                limit=limit,
                ratio=round(ratio),
            ),
            display,
        )


def _text(value: Any) -> str:
    """A cell's cached value as the text a CSV export would hold (ISO dates, ``.`` decimals)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows(path: Path, display: str, options: ReadOptions) -> list[tuple[int, dict[str, str]]]:
    """(row number, row) pairs of the sheet below its header row, as the CSV importer gives
    them: every value as text, blank rows skipped, a cell outside the header refused."""
    data = read_bytes(path, display)
    _check_zip(data, display)
    with warnings.catch_warnings():  # openpyxl warns about styles and extensions it skips
        warnings.simplefilter("ignore")
        # twice: the cached values, and the formulas (a formula never saved by Excel has no
        # cached value, and reading it as empty would drop it silently)
        books = []
        try:
            for cached in (True, False):
                books.append(load_workbook(io.BytesIO(data), read_only=True, data_only=cached))
            return _sheet_rows(books[0], books[1], display, options)
        except InputError:
            raise
        except (
            Exception
        ) as err:  # a third-party parser on untrusted bytes: any failure is bad input
            detail = f"{type(err).__name__}: {err}"
            raise _refuse(msg("LOAD012.unreadable", detail=detail), display) from None
        finally:
            for book in books:
                book.close()


def _sheet_rows(
    book: Any, formulas: Any, display: str, options: ReadOptions
) -> list[tuple[int, dict[str, str]]]:
    names = list(book.sheetnames)
    sheet = options.sheet if options.sheet is not None else (names[0] if names else "")
    if sheet not in names:
        known = ", ".join(map(repr, names))
        raise _refuse(msg("LOAD012.no_sheet", sheet=repr(sheet), known=known), display)
    worksheet, raw = book[sheet], formulas[sheet]
    for each in (worksheet, raw):
        each.reset_dimensions()  # the declared size is the file's word: read the cells there
    header: list[str] = []
    out: list[tuple[int, dict[str, str]]] = []
    lockstep = zip(worksheet.iter_rows(), raw.iter_rows(), strict=True)
    for number, (cells, written) in enumerate(lockstep, start=1):
        if number < options.header_row:
            continue
        values = [
            _cell(cell, source, sheet, number, display)
            for cell, source in zip(cells, written, strict=True)
        ]
        if number == options.header_row:
            header = _header(values, sheet, number, display)
            continue
        filled = [i for i, value in enumerate(values) if value.strip()]
        if not filled:
            continue
        if filled[-1] >= len(header):
            column = get_column_letter(filled[-1] + 1)
            detail = msg("LOAD012.outside_header", sheet=repr(sheet), cell=f"{column}{number}")
            raise _refuse(detail, display, number)
        values += [""] * (len(header) - len(values))
        out.append((number, dict(zip(header, values[: len(header)], strict=True))))
    if not header:
        detail = msg("LOAD012.no_header", sheet=repr(sheet), row=options.header_row)
        raise _refuse(detail, display, options.header_row)
    return out


def _header(values: list[str], sheet: str, number: int, display: str) -> list[str]:
    names = [value.strip() for value in values]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise _refuse(msg("LOAD012.no_header", sheet=repr(sheet), row=number), display, number)
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        detail = msg("LOAD002.csv_columns", columns=", ".join(duplicates))
        raise InputError(Problem("LOAD002", detail, display, number))
    return names


def _cell(cell: Any, source: Any, sheet: str, number: int, display: str) -> str:
    """A cell's cached value as text; a formula error in it, or a formula with no cached value
    (never calculated), is an error naming the cell."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e":
        where = f"{get_column_letter(cell.column)}{number}"
        detail = msg("LOAD012.formula_error", sheet=repr(sheet), cell=where, value=value)
        raise _refuse(detail, display, number)
    if value is None and getattr(source, "data_type", None) == "f":
        where = f"{get_column_letter(source.column)}{number}"
        detail = msg("LOAD012.formula_uncached", sheet=repr(sheet), cell=where)
        raise _refuse(detail, display, number)
    return _text(value)


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of one sheet of a workbook, by layout (as for CSV)."""
    sheet = options.sheet

    def label(line: int) -> Any:
        return msg("record.sheet_row_label", sheet=repr(sheet or ""), line=line)

    return records(rows(path, display, options), display, options, label)
