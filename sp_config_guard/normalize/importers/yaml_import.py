"""YAML exports: every document, or the list at the profile's ``records`` path.

Read with the same strict loader as canonical files (no duplicate keys, tags or aliases)."""

from __future__ import annotations

from pathlib import Path

from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.messages import msg
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord, select


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of a YAML export."""
    text = decode(read_bytes(path, display, "yaml"), display, options.encoding)
    records = []
    for document in parse_yaml(text, display):
        records.extend(select(document, options.records, display))
    return [
        SourceRecord(values, display, msg("record.label", index=i))
        for i, values in enumerate(records, start=1)
    ]
