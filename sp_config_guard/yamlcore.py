"""The YAML 1.2 core schema as this tool reads it: the patterns that type a plain scalar, and
the shape of node positions. Shared by the libyaml reader (``load.yamlio``) and the canonical
reader (``speedups.canonical_yaml``), which must type every scalar alike."""

from __future__ import annotations

import re
from typing import Any

# YAML 1.2 core schema, except that numbers with a leading zero ("0800") stay strings:
# in this domain they are codes, never numbers. (name, pattern, first characters)
CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        "float",
        re.compile(
            r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
]

# Integers must print in decimal (Python refuses to convert more than 4,300 digits).
INT_LIMIT = 10**4300

# Where each node of a document starts: path -> 1-based (line, column).
Positions = dict[tuple[Any, ...], tuple[int, int]]
