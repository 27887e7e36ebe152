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
commit).

:func:`pieces` gives the same text as :func:`dumps` a batch at a time, for a report written
as it is made: the whole text of a region's drift (tens of megabytes, and its encoded copy)
is then never held at once."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from typing import Any

_BATCH = 65536  # pieces joined at a time
_ROWS = 2048  # rows joined at a time


def dumps(value: Any, default: Any = None, rows: Collection[str] = ()) -> str:
    """``value`` as indented JSON text with a final newline; the top-level lists named in
    ``rows`` one item per line."""
    return "".join(pieces(value, default, rows))


def pieces(value: Any, default: Any = None, rows: Collection[str] = ()) -> Iterator[str]:
    """The text of :func:`dumps`, a batch at a time. A list named in ``rows`` may be any
    iterable (a generator: its items are then made as they are written)."""
    if not rows or not isinstance(value, dict) or not value:
        yield from _indented(value, default)
        yield "\n"
        return
    row = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), default=default)
    lead = "{\n"
    for key, item in value.items():
        name = json.dumps(key, ensure_ascii=False)
        if key in rows and not isinstance(item, str | dict) and isinstance(item, Iterable):
            lines = ("    " + row.encode(entry) for entry in item)
            first = ",\n".join(islice(lines, _ROWS))
            if first:
                yield f"{lead}  {name}: [\n{first}"
                while batch := ",\n".join(islice(lines, _ROWS)):
                    yield ",\n" + batch
                yield "\n  ]"
            else:
                yield f"{lead}  {name}: []"
        else:  # JSON text has no raw newline inside a string: each is a line break
            yield f"{lead}  {name}: "
            for batch in _indented(item, default):
                yield batch.replace("\n", "\n  ")
        lead = ",\n"
    yield "\n}\n"


def _indented(value: Any, default: Any) -> Iterator[str]:
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=default)
    encoded = encoder.iterencode(value)
    while batch := "".join(islice(encoded, _BATCH)):
        yield batch
