"""Indented JSON text for the reports, the same characters as ``json.dumps(value,
ensure_ascii=False, indent=2)``, made without holding millions of small pieces at once: the
indenting encoder yields many tiny strings, which are joined as they come, a batch at a time
(a report of a whole region is tens of megabytes; its pieces would take several times that).

Measured on a drift document of 43,500 deviations (38 MiB of text): ``json.dumps`` 3.27 s and
229 MiB peak, this 3.13 s and 115 MiB (the hand-written write-sink it replaces: 4.54 s, 116 MiB).

``rows``: top-level lists written one item per line (compact, ``", "`` and ``": "`` between
parts) inside the indented frame, as drift's variants and deviations are (format version 2).
The indenting encoder is pure Python; the compact one is C, and a changed deviation is then a
one-line change in a pull request's diff of two reports. Measured on 43,500 deviations and
20,000 variants (47 MB indented): indented 1.0 s, rows 0.2 s (python /tmp/jsbench.py, see the
commit)."""

from __future__ import annotations

import json
from collections.abc import Collection
from itertools import islice
from typing import Any

_BATCH = 65536  # pieces joined at a time


def dumps(value: Any, default: Any = None, rows: Collection[str] = ()) -> str:
    """``value`` as indented JSON text with a final newline; the top-level lists named in
    ``rows`` one item per line."""
    if not rows or not isinstance(value, dict) or not value:
        return _indented(value, default) + "\n"
    row = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), default=default)
    parts = []
    for key, item in value.items():
        name = json.dumps(key, ensure_ascii=False)
        if key in rows and isinstance(item, list) and item:
            lines = ",\n".join("    " + row.encode(entry) for entry in item)
            parts.append(f"  {name}: [\n{lines}\n  ]")
        else:  # JSON text has no raw newline inside a string: each is a line break
            parts.append(f"  {name}: " + _indented(item, default).replace("\n", "\n  "))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _indented(value: Any, default: Any) -> str:
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=default)
    pieces = encoder.iterencode(value)
    batches = []
    while batch := "".join(islice(pieces, _BATCH)):
        batches.append(batch)
    return "".join(batches)
