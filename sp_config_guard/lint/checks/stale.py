"""``stale``: a local variant copied from an older revision of its standard than the standard
has now. Reported once, at ``derived_from.revision`` (the copy's revision as value, the
standard's as ``standard_value``); the differences that are only the standard's changes since
the copy are then not the ``locked`` check's concern (it compares with the standard as it was
at the copy's revision, from git history, as drift does).

Passing (the copy was made at the standard's present revision)::

    check: {type: stale}
    # standard: revision: "2026.1"
    name: TOKS voksne (copied at 2026.1)

Failing (the standard has moved on since the copy)::

    # standard: revision: "2026.2"
    name: TOKS voksne (copied at 2026.1)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import CheckContext, Hit, options_schema
from sp_config_guard.model.envelope import copied_revision

NAME = "stale"
OPTIONS_SCHEMA = options_schema()


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """The variant's ``derived_from.revision`` when its standard has a newer revision."""
    standard = ctx.standard
    copied = copied_revision(ctx.data, standard.data) if standard is not None else None
    if standard is not None and copied is not None:
        fields = {"standard": standard.id, "standard_value": standard.data.get("revision")}
        yield Hit(("derived_from", "revision"), copied, fields)
