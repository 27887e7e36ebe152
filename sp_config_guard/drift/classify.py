"""Drift: every local variant compared with the standard it derives from, each difference
classified by the governance contract of its field (the roll-ups per department, hospital and
region with the drift index are on the result, :mod:`sp_config_guard.drift.result`).

Classes: ``violation`` (a locked field changed, or something added to a locked list),
``out-of-bounds`` (an adaptable field outside its ``within`` bounds), ``adaptation`` (an
adaptable field within bounds, or a standard item dropped from an adaptable list),
``local-addition`` (an item added where additions are allowed), ``removed-standard-item`` (an
item of a locked list, or a locked item, missing), ``waived`` (covered by
a valid waiver for DRF001/DRF002/DRF003), ``stale`` (the standard moved on since the copy:
the variant itself, and each difference that is the standard's change, not the department's).
Changes to ``local`` fields are free and not reported. (The HTML report's legend says the same
from the catalog: ``drift.class.*``, ``drift.local_note``, ``drift.index_formula``.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from jsonschema import Draft202012Validator

from sp_config_guard.drift.artifact_diff import (
    Change,
    ItemRef,
    SemanticPath,
    diff_artifacts,
    display_path,
    index_path,
    prepared,
    value_at,
)
from sp_config_guard.drift.divergence import divergence_section
from sp_config_guard.drift.result import Deviation, DriftResult, Names, Variant, no_names
from sp_config_guard.drift.wording import change_in_words
from sp_config_guard.lint.divergence import DEFAULT_LIMITS, Thresholds
from sp_config_guard.lint.waivers import Waiver
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.model.envelope import copied_revision
from sp_config_guard.model.kinds import KindRegistry, Node, default_registry
from sp_config_guard.parallel import fork_map, loading, workers_wanted
from sp_config_guard.result import json_path

WAIVABLE = {"violation": "DRF001", "out-of-bounds": "DRF002", "removed-standard-item": "DRF003"}

BaseLookup = Callable[[Document, str], dict[str, Any] | None]


def _envelope(doc: Document, standard: Document) -> dict[str, Any]:
    """The :class:`Envelope` fields of a variant and of each of its deviations."""
    return {
        "file": doc.display,
        "kind": doc.kind or "",
        "artifact": doc.id or "",
        "standard": standard.id or "",
        "scope": doc.data.get("scope") or {},
        "uses_90d": uses_90d(doc.data),
    }


def uses_90d(data: Mapping[str, Any]) -> int | None:
    """The artifact's uses in the last 90 days (``usage.uses_90d``), None when unknown."""
    usage = data.get("usage")
    uses = usage.get("uses_90d") if isinstance(usage, dict) else None
    return uses if isinstance(uses, int) and not isinstance(uses, bool) and uses >= 0 else None


def contract_at(
    root: Node, path: SemanticPath, standard: Mapping[str, Any], variant: Mapping[str, Any]
) -> tuple[str, Node | None, SemanticPath]:
    """(contract, node declaring it, path of that node) for a field; ``local`` by default. A
    field an item's list names ``x-identity-bound`` is locked while the item is the standard's.
    The one reading of the contract: drift classifies by it, ``upgrade`` merges by it."""
    contract, declaring = "local", None
    declared_at: SemanticPath = ()
    node: Node | None = root
    bound: frozenset[str] = frozenset()  # of the item just entered, if it is the standard's
    for depth, seg in enumerate(path):
        if node is None:
            break
        held = False
        if isinstance(seg, ItemRef | int):
            in_standard = value_at(standard, path[: depth + 1])
            item = in_standard or value_at(variant, path[: depth + 1])
            special = node.item_contract(item)
            bound = node.identity_bound if in_standard is not None else frozenset()
            node = node.child(0)
            if special:
                contract, declaring, declared_at = special, None, path[: depth + 1]
        else:
            node, held, bound = node.child(seg), seg in bound, frozenset()
        if node is not None and node.governance is not None:
            # locked where the standard's or the copy's fields say so (``locked_when``): a copy
            # that calls a setting safety-relevant is held to it, as lint's where-filter does
            std_parent, var_parent = (
                value_at(side, path[:depth]) if path[:depth] else side
                for side in (standard, variant)
            )
            declared = str(node.contract_in(std_parent))
            if node.contract_in(var_parent) == "locked":
                declared = "locked"
            contract, declaring, declared_at = declared, node, path[: depth + 1]
        if held:
            contract, declaring, declared_at = "locked", None, path[: depth + 1]
    return contract, declaring, declared_at


def _within(node: Node | None, value: Any) -> bool:
    bounds = node.governance[1] if node is not None and node.governance else None
    if not bounds or value is None:
        return True
    return Draft202012Validator(dict(bounds)).is_valid(value)


def classify(
    change: Change, root: Node, standard: Mapping[str, Any], variant: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(class, contract) of one change from standard to variant, or None for free changes."""
    contract, declaring, declared_at = contract_at(root, change.path, standard, variant)
    item_level = bool(change.path) and isinstance(change.path[-1], ItemRef | int)
    if change.op == "removed" and item_level:  # an adaptable list may drop the standard's items
        if contract == "locked":
            return "removed-standard-item", contract
        return ("adaptation", contract) if contract == "adaptable" else None
    if contract == "locked":
        return "violation", contract
    if contract == "adaptable":
        if change.op == "added" and item_level:
            return "local-addition", contract
        ok = _within(declaring, value_at(variant, declared_at))
        return ("adaptation" if ok else "out-of-bounds"), contract
    if change.op == "added" and item_level:
        return "local-addition", contract
    return None


def governed_fields(value: Any, node: Node | None, contract: str = "local") -> int:
    """How many leaf fields of ``value`` a contract governs (locked or adaptable)."""
    if node is not None and node.governance is not None:
        contract = node.governance[0]
    if isinstance(value, dict):
        return sum(
            governed_fields(v, node.child(k) if node else None, contract) for k, v in value.items()
        )
    if isinstance(value, list):
        items = node.child(0) if node else None
        return sum(
            governed_fields(v, items, (node.item_contract(v) if node else None) or contract)
            for v in value
        )
    return 1 if contract in ("locked", "adaptable") else 0


def _governed(standard: Document, registry: KindRegistry, counted: dict[str, int]) -> int:
    """Governed fields of a standard (counted once per standard, shared by its variants)."""
    if standard.display not in counted:
        kind = registry.get(standard.kind or "")
        total = sum(
            governed_fields(standard.data.get(k), kind.root.child(k)) for k in kind.compared
        )
        counted[standard.display] = total
    return counted[standard.display]


def drift(
    repo: Repository,
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
    base_of: BaseLookup | None = None,
    registry: KindRegistry | None = None,
    only: Iterable[Document] | None = None,
    workers: int | None = None,
    limits: Sequence[Thresholds] = DEFAULT_LIMITS,
) -> DriftResult:
    """Classify the deviations of every governed local variant in ``repo`` (or of ``only``);
    for the whole repository, the splits between regions and hospitals at ``limits`` too."""
    registry = registry or default_registry()
    result = DriftResult()
    docs = list(only) if only is not None else repo.docs
    context = (repo, list(waivers), today or date.today(), base_of, registry)
    counted: dict[str, int] = {}  # governed fields per standard, counted once per process
    keyed: dict[str, dict[str, Any]] = {}  # each standard as the diff compares it, once

    def one(doc: Document) -> tuple[Variant, list[Deviation]] | None:
        return drift_one(doc, *context, counted, keyed)

    processes = workers_wanted(workers)
    # the variants and deviations live until the report is written and make no cycles: each
    # full collection walked all of them again as they grew (at 40,000 artifacts 4.7 s of a
    # 15 s drift, and the cause of its faster than linear growth); frozen once made
    with loading():
        for found in fork_map(one, docs, processes, label="drift"):
            if found is not None:
                result.variants.append(found[0])
                result.deviations += found[1]
        result.names = organisation_names(repo)
        if only is None:
            result.divergences = divergence_section(repo, limits, processes)
    return result


def organisation_names(repo: Repository) -> Names:
    """Hospital and department names from the repository's ``Department`` artifacts: a
    department's ``name`` by its SHAK code, a hospital's ``spec.hospital_name`` and
    ``spec.hospital_sor`` by its slug. Where two artifacts disagree, the first by file name
    gives the name, so the result is the same on every machine."""
    names = no_names()
    for dept in sorted(repo.of_kind("Department"), key=lambda d: d.display):
        spec = dept.data.get("spec") or {}
        shak, slug = spec.get("shak_code"), spec.get("hospital")
        if isinstance(shak, str) and shak and isinstance(dept.data.get("name"), str):
            entry = {"name": dept.data["name"]} | ({"hospital": slug} if slug else {})
            names["departments"].setdefault(shak, entry)
        if isinstance(slug, str) and slug:
            hospital = names["hospitals"].setdefault(slug, {})
            for field, key in (("hospital_name", "name"), ("hospital_sor", "sor")):
                if isinstance(spec.get(field), str) and spec[field]:
                    hospital.setdefault(key, spec[field])
    for part in names.values():
        ordered = {key: part[key] for key in sorted(part) if part[key]}
        part.clear()
        part.update(ordered)
    return names


def drift_one(
    doc: Document,
    repo: Repository,
    waivers: Sequence[Waiver],
    today: date,
    base_of: BaseLookup | None,
    registry: KindRegistry,
    counted: dict[str, int],
    keyed: dict[str, dict[str, Any]] | None = None,
) -> tuple[Variant, list[Deviation]] | None:
    """The variant record and deviations of one artifact (None unless a governed variant);
    ``counted``: governed fields by standard file, filled in as standards are met; ``keyed``:
    each standard's compared members prepared for the diff, by file, filled in the same way."""
    standard = repo.standard_of(doc)
    level = (doc.data.get("scope") or {}).get("level")
    if standard is None or level in (None, "central", "user") or doc.kind not in registry:
        return None
    variant = _variant(doc, standard, registry, counted)
    return variant, _deviations(doc, standard, repo, registry, waivers, today, base_of, keyed)


def _variant(
    doc: Document, standard: Document, registry: KindRegistry, counted: dict[str, int]
) -> Variant:
    stale = copied_revision(doc.data, standard.data) is not None
    governed = _governed(standard, registry, counted)
    name = doc.data.get("name")
    return Variant(
        **_envelope(doc, standard),
        governed_fields=governed,
        stale=stale,
        name=name if isinstance(name, str) else "",
        last_used=_last_used(doc.data),
    )


def _last_used(data: Mapping[str, Any]) -> str | None:
    usage = data.get("usage")
    last = usage.get("last_used") if isinstance(usage, dict) else None
    return str(last) if last is not None else None


def _deviations(
    doc: Document,
    standard: Document,
    repo: Repository,
    registry: KindRegistry,
    waivers: Sequence[Waiver],
    today: date,
    base_of: BaseLookup | None,
    keyed: dict[str, dict[str, Any]] | None,
) -> list[Deviation]:
    kind = registry.get(doc.kind or "")
    root = kind.root
    std = {k: standard.data[k] for k in kind.compared if k in standard.data}
    var = {k: doc.data[k] for k in kind.compared if k in doc.data}
    if keyed is not None and standard.display not in keyed:
        keyed[standard.display] = prepared(std, kind)
    std_keyed = keyed[standard.display] if keyed is not None else None
    copied_from = (doc.data.get("derived_from") or {}).get("revision")
    stale = copied_revision(doc.data, standard.data)
    base = base_of(standard, stale) if stale is not None and base_of else None
    out = []

    def deviation(cls: str, contract: str, change: Change) -> Deviation:
        path, op, old, new = change.path, change.op, change.old, change.new
        location = (
            index_path(doc.data, path) if op != "removed" else index_path(standard.data, path)
        )
        return Deviation(
            **_envelope(doc, standard),
            cls=cls,
            path=display_path(path),
            location=location,
            contract=contract,
            op=op,
            standard_value=old,
            value=new,
            text=change_in_words(change, root, std, var),
        )

    if stale is not None:
        revision = ("derived_from", "revision")
        moved_on = Change("changed", revision, standard.data.get("revision"), copied_from)
        out.append(deviation("stale", "locked", moved_on))
    for change in diff_artifacts(std, var, kind, old_prepared=std_keyed):
        verdict = classify(change, root, std, var)
        if verdict is None:
            continue
        cls, contract = verdict
        if base is not None and _kept_base(change, base, var):
            cls = "stale"
        item = deviation(cls, contract, change)
        code = WAIVABLE.get(cls)
        waiver = next(
            (
                w
                for w in waivers
                if code
                and w.covers_place(
                    code, item.kind, item.artifact, json_path(item.location), repo, today
                )
            ),
            None,
        )
        if waiver is not None:
            item = Deviation(**{**item.__dict__, "cls": "waived", "waived_by": waiver.id})
        out.append(item)
    return out


def _kept_base(change: Change, base: Mapping[str, Any], variant: Mapping[str, Any]) -> bool:
    """Whether the variant still has the value the standard had when it was copied, so the
    difference is the standard's change after the copy, not the department's."""
    was = value_at(base, change.path)
    now = value_at(variant, change.path)
    return was == now
