"""``conflict``: a conflict ``spguard upgrade`` left in a local copy, one hit per entry of
``meta.upgrade.conflicts`` (at the entry), with the field in words (``field``: its place in
the copy, or its name when the copy no longer has it), the department's and
the standard's value (``department``, ``standard``) and the revision the upgrade is to
(``to``). A builder resolves a conflict by deciding the field and removing its entry; the
next ``spguard upgrade`` then sets the copy's revision.

Passing (no conflict left)::

    check: {type: conflict}
    meta: {upgrade: {from: "2026.1", to: "2026.3"}}

Failing (the department and the standard both changed the duration)::

    meta:
      upgrade:
        from: "2026.1"
        to: "2026.3"
        conflicts:
          - {path: $.spec.duration_minutes, reason: both-changed, base: 30, department: 45, standard: 40}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import CheckContext, Hit, QueryError, find, options_schema
from sp_config_guard.model.places import place_words, value_words

NAME = "conflict"
OPTIONS_SCHEMA = options_schema()


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def field_words(ctx: CheckContext, path: Any) -> str:
    """The conflicting field in words: where the JSONPath leads in the copy, else the last
    name the path gives (a field the department removed)."""
    text = str(path) if path is not None else ""
    try:
        found = find(text, ctx.data) if text.startswith("$") else []
    except (QueryError, RecursionError):  # a path a builder mistyped: said by its name
        found = []
    if len(found) == 1:
        return place_words(ctx.doc.kind, ctx.data, found[0][0])
    names = [n for n in _NAME.findall(text) if n not in ("spec", "id")]
    return names[-1].replace("_", " ") if names else "?"


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each entry of ``meta.upgrade.conflicts``."""
    meta = ctx.data.get("meta")
    record = meta.get("upgrade") if isinstance(meta, dict) else None
    entries = record.get("conflicts") if isinstance(record, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        found = entry if isinstance(entry, dict) else {}
        fields = {
            "field": field_words(ctx, found.get("path")),
            "department": value_words(found.get("department")),
            "standard": value_words(found.get("standard")),
            "to": str(record.get("to", "?")) if isinstance(record, dict) else "?",
        }
        yield Hit(("meta", "upgrade", "conflicts", index), found.get("path"), fields)
