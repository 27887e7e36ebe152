"""JSON exports: a document whose records sit at the profile's ``records`` path.

Duplicate keys are an error, never last-one-wins."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.messages import msg
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord, select


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def parse(text: str, display: str) -> Any:
    """Parse JSON text; raise :class:`InputError` with line and column on bad input."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as err:
        raise InputError(
            Problem(
                "LOAD001",
                msg("LOAD001.json", detail=err.msg),
                display,
                err.lineno,
                err.colno,
            )
        ) from None
    except _DuplicateKey as err:
        raise InputError(
            Problem(
                "LOAD002",
                msg("LOAD002.json", key=repr(err.args[0])),
                display,
            )
        ) from None
    except RecursionError:
        raise InputError(Problem("LOAD009", msg("LOAD009.export_too_deep"), display)) from None


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of a JSON export."""
    document = parse(decode(read_bytes(path, display), display, options.encoding), display)
    return [
        SourceRecord(values, display, msg("record.label", index=index))
        for index, values in enumerate(select(document, options.records, display), start=1)
    ]
