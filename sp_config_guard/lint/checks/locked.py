"""``locked``: a local variant (an artifact with ``derived_from``) must keep its standard's
value in every locked field. By default the locked fields are those the kind's schema marks
``x-governance: locked`` under ``spec`` (a field without a contract inherits its parent's);
``part: envelope`` checks the envelope's locked fields instead (``status``: the envelope
schema's contracts, which a kind's schema may override); ``paths`` (JSONPath) names the
fields explicitly, compared place by place. Lists with ``x-identity`` are compared item by
item, matched by identity, so order does not matter: a standard item missing from the variant
is ``removed`` (reported at the list) and an item the variant adds is ``added``, both where
the item's contract is locked (the list's, or ``x-item-governance``'s for that item: a
mandatory navigator section in an adaptable list); a changed field of a matched item is
reported at that field, and the fields ``x-identity-bound`` names are locked in an item that
is the standard's. ``reason`` is ``changed``, ``removed``, ``added`` or ``standard-missing``
(the standard is not in the repository); ``standard_value`` is the standard's value. For messages,
``where`` names the field or item in words (items by identity and name), ``here`` and
``there`` are the two values in words, and ``change`` says the whole difference.

The repair of a ``changed`` or ``removed`` difference is certain, and each such hit carries it
(``spguard fix``): a field takes the standard's value, a removed item is restored after the
item before it in the standard (at the end of a list whose order does not matter). An
``added`` field or item has none: whether it goes or goes into the standard is a decision.

Passing::

    check: {type: locked}
    # standard: spec: {atc: N02BE01, high_alert: false, double_check: false}
    spec: {atc: N02BE01, high_alert: false, double_check: false}

Failing (a locked safety flag switched off locally)::

    # standard: spec: {atc: B01AB01, high_alert: true, double_check: true}
    spec: {atc: B01AB01, high_alert: true, double_check: false}

Failing (``check: {type: locked, part: envelope}``: a copy of an active standard switched
off through its envelope)::

    # standard: status: active
    status: inactive
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from sp_config_guard.errors import UsageError
from sp_config_guard.lint.checks import (
    PATHS,
    CheckContext,
    Hit,
    Location,
    find,
    json_key,
    options_schema,
)
from sp_config_guard.load.gitrev import standard_at_revision
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.messages import msg
from sp_config_guard.model.envelope import copied_revision
from sp_config_guard.model.kinds import Node, default_registry
from sp_config_guard.model.places import place_words, value_words
from sp_config_guard.result import Repair

NAME = "locked"
OPTIONS_SCHEMA = options_schema(paths=PATHS, part={"enum": ["spec", "envelope"]})
MISSING: Any = object()
NO_BASE: Any = object()  # the standard as it was when the variant was copied is not known
_PLAIN = (str, int, bool, type(None))  # compared as they are: json_key would say the same
Difference = tuple[Location, Any, Any, str, Location, Repair | None]
# location, variant value, standard value, reason, where the differing thing is (a removed
# field is reported at its parent, a removed item at its list: this names the field or item)
# and the certain repair: take the standard's value, restore the standard's item (an added
# field or item has none: whether it goes, or into the standard, is a person's decision)


def _same(node: Node | None, a: Any, b: Any) -> bool:
    if a.__class__ is b.__class__ and a.__class__ in _PLAIN:
        return bool(a == b)
    if node is not None and not node.ordered and isinstance(a, list) and isinstance(b, list):
        return sorted(map(json_key, a)) == sorted(map(json_key, b))
    return json_key(a) == json_key(b)


def _identical(a: Any, b: Any) -> bool:
    """Whether two values are alike in type and content all the way down (equal ``repr``), so
    that no field of them can differ: the fast way past the unchanged bulk of a variant."""
    if a.__class__ is not b.__class__:
        return False
    if a.__class__ in _PLAIN:
        return bool(a == b)
    return a.__class__ in (dict, list) and repr(a) == repr(b)


def _by_id(items: list[Any], identity: str) -> dict[Any, tuple[int, Any]]:
    out: dict[Any, tuple[int, Any]] = {}
    for index, item in enumerate(items):
        if isinstance(item, dict) and identity in item:
            out.setdefault(json_key(item[identity]), (index, item))
    return out


def _at(base: Any, key: Any) -> Any:
    """The base's value under ``key`` (MISSING when it has none; NO_BASE stays NO_BASE)."""
    if base is NO_BASE:
        return NO_BASE
    return base.get(key, MISSING) if isinstance(base, dict) else MISSING


def _kept(node: Node | None, base: Any, var: Any) -> bool:
    """Whether the variant still has what its standard had when it was copied (``base``)."""
    if base is NO_BASE or base is MISSING or var is MISSING:
        return base is var
    return _same(node, base, var)


def _diff(
    node: Node | None,
    std: Any,
    var: Any,
    loc: Location,
    contract: str | None,
    base: Any = NO_BASE,
    parent: Any = None,
    bound: frozenset[str] = frozenset(),
) -> Iterator[Difference]:
    """Differences in locked fields between a standard's and a variant's value. With ``base``
    (the standard as it was when the variant was copied), a difference where the variant
    still has the base's value is the standard's change since, not the variant's: stale, and
    not reported here."""
    governance = node.governance if node is not None else None
    contract = node.contract_in(parent) if node is not None and governance else contract
    identity = node.identity if node is not None else None
    if isinstance(std, dict) and isinstance(var, dict):
        for key in sorted(std.keys() | var.keys(), key=str):
            mine, theirs = var.get(key, MISSING), std.get(key, MISSING)
            if not _identical(theirs, mine):
                child = node.child(key) if node is not None else None
                held = "locked" if key in bound else contract  # the standard item's identity
                yield from _diff(child, theirs, mine, (*loc, key), held, _at(base, key), std)
    elif identity and isinstance(std, list) and isinstance(var, list):
        mine, items = _by_id(var, identity), node.child(0) if node is not None else None
        olds = _by_id(base, identity) if isinstance(base, list) else {}
        theirs = _by_id(std, identity)
        for ident, (position, item) in theirs.items():
            item_contract = (node.item_contract(item) if node is not None else None) or contract
            was = NO_BASE if base is NO_BASE else olds.get(ident, (0, MISSING))[1]
            if ident in mine:
                index, other = mine[ident]
                if not _identical(item, other):
                    keeps = node.identity_bound if node is not None else frozenset()
                    yield from _diff(
                        items, item, other, (*loc, index), item_contract, was, None, keeps
                    )
            elif item_contract == "locked" and was is not MISSING:  # MISSING: added since
                before = std[position - 1] if position else None
                after = before.get(identity) if isinstance(before, dict) else None
                ordered = node.ordered if node is not None else True
                repair = Repair("insert", loc, item, identity, after, ordered)
                yield loc, None, item, "removed", (*loc, position), repair
        for ident, (index, other) in mine.items():  # what the variant adds: where items are locked
            added_contract = (node.item_contract(other) if node is not None else None) or contract
            kept = base is not NO_BASE and ident in olds  # the standard dropped it since the copy
            if ident not in theirs and added_contract == "locked" and not kept:
                yield (*loc, index), other, None, "added", (*loc, index), None
    elif contract == "locked" and not _same(node, std, var) and not _kept(node, base, var):
        if var is MISSING:
            yield loc[:-1], None, std, "removed", loc, Repair("set", loc, std)
        elif std is MISSING:
            yield loc, var, None, "added", loc, None
        else:
            yield loc, var, std, "changed", loc, Repair("set", loc, std)


def _explicit(paths: list[str], std: Any, var: Any, base: Any = NO_BASE) -> Iterator[Difference]:
    """Differences at explicit JSONPath queries, compared by normalized location (with
    ``base``, those where the variant kept the base's value are stale, as in :func:`_diff`)."""
    for query in paths:
        theirs, mine = dict(find(query, std)), dict(find(query, var))
        olds = None if base is NO_BASE else dict(find(query, base))
        for loc in [*theirs, *(loc for loc in mine if loc not in theirs)]:
            a, b = theirs.get(loc, MISSING), mine.get(loc, MISSING)
            if olds is not None and _kept(None, olds.get(loc, MISSING), b):
                continue
            if b is MISSING:  # a list item by its position: which item it was is not certain
                repair = Repair("set", loc, a) if loc and isinstance(loc[-1], str) else None
                yield loc[:-1], None, a, "removed", loc, repair
            elif a is MISSING:
                yield loc, b, None, "added", loc, None
            elif json_key(a) != json_key(b):
                yield loc, b, a, "changed", loc, Repair("set", loc, a)


# Per repository: (standard's file, revision) -> its base, so git is asked once for every
# stale copy of a standard made at one revision (as drift asks), not once per copy and rule
_BASES: WeakKeyDictionary[Repository, dict[tuple[str, str], Any]] = WeakKeyDictionary()


def _base(repo: Repository, standard: Document, variant: Mapping[str, Any]) -> Any:
    """The standard as it was when a stale variant was copied, from git history (what drift
    compares with, so both call the same differences stale); NO_BASE when the variant is
    current or that version cannot be found (then every difference counts)."""
    copied = copied_revision(variant, standard.data)
    if copied is None:
        return NO_BASE
    seen = _BASES.setdefault(repo, {})
    key = (standard.display, copied)
    if key not in seen:
        try:
            found = standard_at_revision(standard, copied)
        except UsageError:  # git failed, or a shallow clone cut the history: nothing is excused
            found = None
        seen[key] = NO_BASE if found is None else found
    return seen[key]


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each locked field of a local variant that differs from its standard."""
    parent = ctx.data.get("derived_from")
    if not isinstance(parent, dict):
        return
    standard = ctx.standard
    if standard is None and options.get("part") == "envelope":
        return  # said once, by the kind's own locked rule and BLD003
    if standard is None:
        fields = {
            "reason": "standard-missing",
            "standard": parent.get("id"),
            "standard_value": None,
            "where": place_words(ctx.doc.kind, ctx.data, ("derived_from", "id")),
            "here": value_words(parent.get("id")),
            "there": value_words(None),
            "change": msg("locked.standard_missing", standard=value_words(parent.get("id"))),
        }
        yield Hit(("derived_from", "id"), parent.get("id"), fields)
        return
    registry = default_registry()
    if "paths" in options:
        found = _explicit(
            options["paths"], standard.data, ctx.data, _base(ctx.repo, standard, ctx.data)
        )
    elif ctx.doc.kind in registry and options.get("part") == "envelope":
        kind = registry.get(ctx.doc.kind or "")
        envelope = [key for key in kind.compared if key != "spec"]
        std = {key: standard.data[key] for key in envelope if key in standard.data}
        var = {key: ctx.data[key] for key in envelope if key in ctx.data}
        was = _base(ctx.repo, standard, ctx.data)
        base = was if was is NO_BASE else {key: was[key] for key in envelope if key in was}
        found = _diff(kind.root, std, var, (), None, base)
    elif ctx.doc.kind in registry:
        spec = registry.get(ctx.doc.kind or "").root.child("spec")
        std, var = standard.data.get("spec", {}), ctx.data.get("spec", {})
        was = _base(ctx.repo, standard, ctx.data)
        base = was if was is NO_BASE else was.get("spec", MISSING)
        found = iter(()) if _identical(std, var) else _diff(spec, std, var, ("spec",), None, base)
    else:
        return
    for loc, value, standard_value, reason, at, repair in found:
        fields = {"reason": reason, "standard": standard.id, "standard_value": standard_value}
        words = _in_words(ctx.doc.kind, ctx.data, standard.data, value, standard_value, reason, at)
        yield Hit(loc, value, {**fields, "value": value, **words}, repair)


def _in_words(
    kind: str | None,
    data: Any,
    std: Any,
    value: Any,
    standard_value: Any,
    reason: str,
    at: Location,
) -> dict[str, Any]:
    """The message fields that say a difference in words: ``where`` (the field or item, by
    identity and name), ``here`` and ``there`` (the variant's and the standard's value) and
    ``change`` (the whole difference, e.g. "group 'Væsketerapi' (id 200) is missing")."""
    if reason == "changed" and at and at[-1] == "value":  # a quantity: "dose: 80 mg -> 40 mg"
        mine, theirs = _member(data, at[:-1]), _member(std, at[:-1])
        if _quantity(mine) and _quantity(theirs) and mine["unit"] == theirs["unit"]:
            at, value, standard_value = at[:-1], mine, theirs
    where = place_words(kind, std if reason == "removed" else data, at)
    here, there = value_words(value), value_words(standard_value)
    if reason == "removed":
        change = msg("locked.removed", where=where)
    elif reason == "added":
        change = msg("locked.added", where=where, here=here)
    else:
        change = msg("locked.changed", where=where, here=here, there=there)
    return {"where": where, "here": here, "there": there, "change": change}


def _member(data: Any, location: Location) -> Any:
    for key in location:
        if isinstance(key, int) and isinstance(data, list) and 0 <= key < len(data):
            data = data[key]
        elif isinstance(data, dict) and not isinstance(key, int):
            data = data.get(key)
        else:
            return None
    return data


def _quantity(value: Any) -> bool:
    return isinstance(value, dict) and "value" in value and isinstance(value.get("unit"), str)
