"""Rule codes as users type them (``--select``, ``--ignore``, ``rules explain``, ``overrides``
in ``spguard.yaml``): comma lists are split, and every code, prefix or rule name is resolved
against the rules of the run, or refused with a :class:`UsageError` naming the closest known
one. A typo never selects nothing in silence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from sp_config_guard.catalog import CATALOG
from sp_config_guard.errors import UsageError, did_you_mean
from sp_config_guard.load.config import Config, setting_place
from sp_config_guard.messages import t

if TYPE_CHECKING:
    from sp_config_guard.lint.ruleset import Rule


@cache
def builtin_codes() -> frozenset[str]:
    """The codes of spguard's own problems (LOAD, SCH, WAV, ...): the catalog's message keys
    are named after them. They are always reported, so they cannot be selected or ignored."""
    return frozenset(m[1] for key in CATALOG if (m := re.match(r"([A-Z]+[0-9]{3})\.", key)))


def split(values: Iterable[str]) -> list[str]:
    """``["MED001,ORD", "DOC"]`` -> ``["MED001", "ORD", "DOC"]`` (as ruff takes them)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def resolve(
    values: Iterable[str], rules: Sequence[Rule], where: str | None, prefixes: bool = True
) -> tuple[str, ...]:
    """The codes (upper case), code prefixes and rule names in ``values``, each known to
    ``rules``; else a :class:`UsageError` that starts with ``where`` and names the closest
    known code. With ``prefixes`` a prefix is known when a rule's code starts with it."""
    codes = {rule.code for rule in rules}
    names = {rule.name for rule in rules}
    out = []
    for value in split(values):
        code = value.upper()
        if value in names:
            out.append(value)
        elif code in codes or (prefixes and any(c.startswith(code) for c in codes)):
            out.append(code)
        else:
            detail = _unknown(value, rules, prefixes)
            raise UsageError(f"{where}: {detail}" if where else detail)
    return tuple(out)


def _unknown(value: str, rules: Sequence[Rule], prefixes: bool) -> str:
    codes, names = {r.code for r in rules}, {r.name for r in rules}
    code, builtin = value.upper(), builtin_codes()
    if code in builtin or (prefixes and any(c.startswith(code) for c in builtin)):
        return t("codes.builtin", code=repr(value))
    groups = {re.sub(r"[0-9]+$", "", c) for c in codes} if prefixes else set()
    hint = did_you_mean(code, codes | groups) or did_you_mean(value, names)
    return t("codes.unknown", code=repr(value), hint=hint)


def check_overrides(config: Config, rules: Sequence[Rule]) -> None:
    """Every code in ``overrides`` of the configuration names a rule of the run (``ignore``
    takes prefixes too); else a :class:`UsageError` naming the file, line and key."""
    for index, override in enumerate(config.overrides):
        for key, values, prefixes in (
            ("ignore", override.ignore, True),
            ("severity", tuple(override.severity), False),
        ):
            for at, value in enumerate(values):
                try:
                    resolve([value], rules, None, prefixes)
                except UsageError as err:
                    keys: list[str | int] = [
                        "overrides",
                        index,
                        key,
                        at if key == "ignore" else value,
                    ]
                    raise UsageError(f"{setting_place(config.file, keys)}: {err}") from None
