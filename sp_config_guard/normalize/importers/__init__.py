"""Importers: one module per export format, each turning a file into source records.

A source record is the raw content of one artifact before mapping: a nested mapping for
JSON, YAML and XML and wide CSV or XLSX, or the list of rows that belong to one record for
item-level CSV or XLSX. ``get(format)`` fails loudly on an unknown format."""

from __future__ import annotations

import codecs
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.messages import Msg, msg


@dataclass(frozen=True)
class ReadOptions:
    """How to read one export file (taken from its mapping profile)."""

    records: str | None = None
    encoding: str = "utf-8"
    delimiter: str = ";"
    layout: str = "wide"
    key: str | None = None
    sheet: str | None = None
    """xlsx: the worksheet to read (None: the workbook's first sheet)."""
    header_row: int = 1
    """xlsx: the row of the sheet that names the columns (a CSV's header is its first line)."""


@dataclass
class SourceRecord:
    """One record of an export: its values and where it came from."""

    values: Any
    file: str
    label: Msg
    line: int | None = None
    rows: list[int] = field(default_factory=list)

    def problem(self, code: str, message: Msg) -> InputError:
        """An :class:`InputError` placed at this record."""
        detail = msg("record.problem", label=self.label, detail=message)
        return InputError(Problem(code, detail, self.file, self.line))


Reader = Callable[[Path, str, ReadOptions], list[SourceRecord]]


def select(document: Any, path: str | None, display: str) -> list[Any]:
    """The records at dotted ``path`` in a parsed document (a list, or one mapping)."""
    node = document
    for part in (path or "").split("."):
        if not part:
            continue
        if not isinstance(node, dict) or part not in node:
            raise InputError(
                Problem(
                    "IMP001",
                    msg("IMP001.records_path", path=repr(path), part=repr(part)),
                    display,
                )
            )
        node = node[part]
    if node is None:
        return []
    return node if isinstance(node, list) else [node]


def get(name: str) -> Reader:
    """The reader for export format ``name``."""
    from sp_config_guard.normalize.importers import (
        csv_import,
        json_import,
        xlsx_import,
        xml_import,
        yaml_import,
    )

    readers: dict[str, Reader] = {
        "csv": csv_import.read,
        "json": json_import.read,
        "xml": xml_import.read,
        "yaml": yaml_import.read,
        "xlsx": xlsx_import.read,
    }
    try:
        return readers[name]
    except KeyError:
        raise KeyError(
            f"unknown export format {name!r}; known: {', '.join(sorted(readers))}"
        ) from None


# Decoded by a character set, these bytes are themselves: punycode, the escape codecs and
# the byte-to-byte transforms (rot13, base64) are no character sets for an export.
_PROBE = b'\\n\\u00e6 {"id": "A-1", "x": [1.5, 2]}; x,y\t|\r\n' + bytes(range(32, 127))


def encoding_problem(name: str) -> Msg | None:
    """Why ``name`` cannot be an export's encoding (unknown, or no character set), or None.
    UTF-16 and UTF-32 are character sets whose bytes are not ASCII's."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return msg("LOAD006.unknown_encoding", encoding=repr(name))
    if info.name.startswith(("utf-16", "utf-32")):
        return None
    with warnings.catch_warnings():  # unicode_escape warns about the escapes it meets
        warnings.simplefilter("ignore")
        try:
            same = getattr(info, "_is_text_encoding", True) and (
                info.decode(_PROBE)[0] == _PROBE.decode("ascii")
            )
        except (UnicodeError, ValueError, TypeError):
            same = False
    return None if same else msg("LOAD006.not_charset", encoding=repr(name))
