"""``reference``: ids at ``path`` (or, with ``key``, in the member ``key`` of each item there)
must name an artifact in the repository of one of ``kinds``, with a status in ``statuses``
(default ``[active]``) and a scope level not in ``forbid_levels``. ``reason`` is ``missing``,
``wrong-kind``, ``inactive`` or ``forbidden-level``. Against the target found, ``within``
(``{value, min, max}``) requires the item's ``value`` to lie between the target's ``min`` and
``max`` (reason ``out-of-bounds``), and ``equal`` (``{item member: target member}``) requires
equal values where both exist (reason ``differs``). Members are dotted paths; target members
start at the artifact (``spec.dose_range.min``). ``target`` is the referenced id, and
``target_name`` the name of the artifact found, and ``problem`` says what is wrong in words
("Medication 'Furosemid' (id 100146) is inactive"). With ``by`` (a target member, e.g.
``spec.shak_code``; needs ``kinds``) the id is not an artifact id but the value the target has
in that member: a department's SHAK code names the ``Department`` whose ``spec.shak_code`` it is.

Passing::

    check: {type: reference, path: "$.spec.groups[*].lines[*]", key: medication,
            kinds: [Medication], within: {value: dose.value, min: spec.dose_range.min,
            max: spec.dose_range.max}, equal: {dose.unit: spec.dose_range.unit}}
    spec: {groups: [{id: g1, lines: [{id: l1, medication: "1001", dose: {value: 500, unit: mg}}]}]}
    # Medication 1001: spec: {dose_range: {min: 250, max: 1000, unit: mg}}

Failing (no Medication "1002" in the repository)::

    spec: {groups: [{id: g1, lines: [{id: l1, medication: "1002", dose: {value: 500, unit: mg}}]}]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import (
    PATH,
    CheckContext,
    Hit,
    Location,
    json_key,
    member,
    show,
    with_member,
)
from sp_config_guard.load.loader import Document
from sp_config_guard.messages import Msg, msg
from sp_config_guard.model.places import item_words, place_words, value_words

NAME = "reference"
_NAMES = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_MEMBER = {"type": "string", "pattern": r"^[^.\s]+(\.[^.\s]+)*$"}
OPTIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["path"],
    "properties": {
        "path": PATH,
        "key": _MEMBER,
        "by": _MEMBER,
        "kinds": _NAMES,
        "statuses": {**_NAMES, "default": ["active"]},
        "forbid_levels": {
            **_NAMES,
            "items": {"enum": ["central", "region", "hospital", "department", "user"]},
        },
        "within": {
            "type": "object",
            "additionalProperties": False,
            "required": ["value"],
            "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
            "properties": {"value": _MEMBER, "min": _MEMBER, "max": _MEMBER},
        },
        "equal": {"type": "object", "minProperties": 1, "additionalProperties": _MEMBER},
    },
    "dependentRequired": {"by": ["kinds"]},
}


def _at(location: Location, dotted: str) -> Location:
    return (*location, *dotted.split("."))


def _number(value: Any) -> float | None:
    """``value`` if it is a number (not a boolean), else None."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _named(target: Document) -> str:
    """The target by kind, id and name: "Medication 'Furosemid' (id 100146)"."""
    return item_words(target.kind or "", {"id": target.id, "name": target.data.get("name")})


def _compare(
    ctx: CheckContext,
    item: Any,
    loc: Location,
    ident: str,
    target: Document,
    options: Mapping[str, Any],
) -> Iterator[Hit]:
    """Hits for ``within`` and ``equal`` of one item against its target."""
    base = {"target": ident, "target_kind": target.kind, "target_name": target.data.get("name")}
    named = _named(target)
    within = options.get("within")
    value = _number(member(item, within["value"])) if within else None
    if within and value is not None:
        low, high = (
            _number(member(target.data, within[b])) if b in within else None for b in ("min", "max")
        )
        if (low is not None and value < low) or (high is not None and value > high):
            where = _at(loc, within["value"])
            problem = msg(
                "reference.out_of_bounds",
                where=place_words(ctx.doc.kind, ctx.data, where),
                value=value_words(value),
                min=value_words(low),
                max=value_words(high),
                target=named,
            )
            fields = {**base, "reason": "out-of-bounds", "min": low, "max": high}
            yield Hit(where, value, {**fields, "problem": problem})
    for local, remote in options.get("equal", {}).items():
        mine, theirs = member(item, local), member(target.data, remote)
        if mine is not None and theirs is not None and json_key(mine) != json_key(theirs):
            problem = msg(
                "reference.differs",
                where=place_words(ctx.doc.kind, ctx.data, _at(loc, local)),
                value=value_words(mine),
                expected=value_words(theirs),
                target=named,
            )
            fields = {**base, "reason": "differs", "expected": theirs, "problem": problem}
            yield Hit(_at(loc, local), mine, fields)


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each broken reference, and each item that breaks ``within`` or ``equal``."""
    key, kinds = options.get("key"), options.get("kinds")
    statuses, forbidden = options.get("statuses", ["active"]), options.get("forbid_levels", [])
    for location, item in ctx.find(options["path"]):
        ident = member(item, key) if key else item
        if isinstance(ident, bool) or not isinstance(ident, str | int):
            continue
        loc = _at(location, key) if key else location
        by = options.get("by")
        if by and kinds:
            found = with_member(ctx.repo, kinds, by, str(ident))
        else:
            found = ctx.repo.with_id(str(ident))
        fit = [doc for doc in found if kinds is None or doc.kind in kinds]
        base: dict[str, Any] = {"target": str(ident)}
        if not fit:
            reason = "wrong-kind" if found else "missing"
            base["target_kind"] = found[0].kind if found else None
            fields = {**base, "reason": reason, "expected": show(kinds or [])}
            problem = _unfound(found, kinds, by, str(ident))
            yield Hit(loc, ident, {**fields, "problem": problem})
            continue
        target = min(fit, key=lambda doc: kinds.index(doc.kind) if kinds else 0)
        base["target_kind"] = target.kind
        base["target_name"] = target.data.get("name")
        status, scope = target.data.get("status"), target.data.get("scope")
        level = scope.get("level") if isinstance(scope, dict) else None
        if status not in statuses:
            fields = {**base, "reason": "inactive", "status": status, "expected": show(statuses)}
            problem = msg("reference.inactive", target=_named(target), status=value_words(status))
            yield Hit(loc, ident, {**fields, "problem": problem})
        if level in forbidden:
            problem = msg("reference.forbidden_level", target=_named(target), level=str(level))
            fields = {**base, "reason": "forbidden-level", "level": level, "problem": problem}
            yield Hit(loc, ident, fields)
        yield from _compare(ctx, item, location, str(ident), target, options)


def _unfound(found: list[Document], kinds: list[str] | None, by: str | None, ident: str) -> Msg:
    """Why no artifact fits a reference, in words."""
    if found:
        return msg("reference.wrong_kind", target=_named(found[0]), expected=show(kinds or []))
    if by and kinds:
        where = place_words(kinds[0], None, by.split("."))  # the field in the kind's words
        return msg("reference.missing_by", expected=show(kinds), by=where, target=ident)
    if kinds:
        return msg("reference.missing", expected=show(kinds), target=ident)
    return msg("reference.missing_any", target=ident)
