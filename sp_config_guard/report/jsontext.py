"""Indented JSON text for the reports, the same characters as ``json.dumps(value,
ensure_ascii=False, indent=2)``, made without holding millions of small pieces at once: the
indenting encoder writes many tiny strings, which are joined as they come (a report of a
whole region is tens of megabytes; its pieces would take several times that)."""

from __future__ import annotations

import json
from typing import Any

_BATCH = 65536  # pieces joined at a time


class _Joiner:
    """A write-only text sink that joins what is written in batches."""

    def __init__(self) -> None:
        self.joined: list[str] = []
        self.pending: list[str] = []

    def write(self, piece: str) -> None:
        self.pending.append(piece)
        if len(self.pending) >= _BATCH:
            self.joined.append("".join(self.pending))
            self.pending.clear()

    def text(self) -> str:
        return "".join(self.joined) + "".join(self.pending)


def dumps(value: Any, default: Any = None) -> str:
    """``value`` as indented JSON text with a final newline."""
    sink = _Joiner()
    json.dump(value, sink, ensure_ascii=False, indent=2, default=default)
    return sink.text() + "\n"
