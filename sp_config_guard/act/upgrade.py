"""``spguard upgrade``: every local variant whose standard has moved on since its
``derived_from.revision`` is brought up to the standard's new revision by the three-way merge
of :mod:`sp_config_guard.act.merge`, its base found by :mod:`sp_config_guard.act.bases`.

A merge without conflicts sets ``derived_from.revision`` to the new revision and records
``meta.upgrade`` (``from``, ``to``). A merge with conflicts writes what the contract decides,
keeps the department's value at each conflicting field, keeps the old revision (drift still
calls the copy stale) and lists the conflicts in ``meta.upgrade.conflicts`` with the base's,
the department's and the standard's value; lint reports each (UPG001) until a builder decides
the field and removes the entry. The next run then completes the upgrade (sets the revision
to ``meta.upgrade.to``); while entries are left it changes nothing. Without a base (no git
history, no archived revision) a variant is reported as not upgradable, never guessed.

Files are written in canonical form with their comments kept
(:func:`~sp_config_guard.normalize.comments.artifact_text`), atomically, and only inside the
repository."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sp_config_guard.act.bases import Bases
from sp_config_guard.act.merge import Conflict, merge
from sp_config_guard.act.upgrade_result import UpgradeResult, VariantUpgrade
from sp_config_guard.drift.artifact_diff import diff_artifacts, display_path
from sp_config_guard.drift.wording import change_in_words
from sp_config_guard.errors import Problem
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.sources import atomic_write, writable
from sp_config_guard.messages import msg, t
from sp_config_guard.model.envelope import copied_revision, revision_key
from sp_config_guard.model.kinds import Kind, KindRegistry, default_registry
from sp_config_guard.normalize.comments import artifact_text
from sp_config_guard.parallel import fork_map, workers_wanted
from sp_config_guard.result import Finding


def upgrade(
    repo: Repository,
    root: Path,
    bases: Bases,
    *,
    to: str | None = None,
    selected: Callable[[Document], bool] | None = None,
    write: bool = True,
    check: bool = False,
    registry: KindRegistry | None = None,
    workers: int | None = None,
) -> UpgradeResult:
    """Upgrade every governed local variant in ``repo`` (those ``selected`` accepts) to its
    standard as it is now, or at ``to``; ``write=False``: only say what would change. The
    merges run in ``workers`` processes (default: one per core), the files are written here."""
    registry = registry or default_registry()
    write = write and not check
    result = UpgradeResult(dry=not write, check=check)
    chosen = []
    for doc in sorted(repo.docs, key=lambda d: d.display):
        standard = repo.standard_of(doc)
        level = (doc.data.get("scope") or {}).get("level")
        if standard is None or level in (None, "central", "user") or doc.kind not in registry:
            continue
        if selected is None or selected(doc):
            chosen.append((doc, standard))
    for doc, standard in chosen:  # each base looked up once, here: the workers share them
        theirs, copied = bases.target(standard, to).data, _revision(doc.data)
        if theirs is not None and copied is not None and copied_revision(doc.data, theirs):
            bases.at_revision(standard, copied)

    def upgrade_one(pair: tuple[Document, Document]) -> tuple[VariantUpgrade, str] | None:
        doc, standard = pair
        return _upgrade_one(doc, standard, registry.get(doc.kind or ""), bases, to)

    found = fork_map(upgrade_one, chosen, workers_wanted(workers), label="upgrade")
    for (doc, _), done in zip(chosen, found, strict=True):
        if done is None:
            result.current += 1
            continue
        variant, text = done
        if write and variant.changed:
            target = writable(root, doc.display)
            if target is None:
                problem = Problem("UPG002", msg("UPG002.outside"), doc.display)
                result.problems.append(Finding.from_problem(problem))
                continue
            atomic_write(target, text)
        result.variants.append(variant)
    return result


def _revision(data: Mapping[str, Any]) -> str | None:
    parent = data.get("derived_from")
    copied = parent.get("revision") if isinstance(parent, Mapping) else None
    return None if copied is None else str(copied)


def _record(data: Mapping[str, Any]) -> dict[str, Any]:
    meta = data.get("meta")
    found = meta.get("upgrade") if isinstance(meta, Mapping) else None
    return found if isinstance(found, dict) else {}


def _open(record: Mapping[str, Any]) -> tuple[Conflict, ...]:
    """The conflicts ``meta.upgrade.conflicts`` still lists."""
    entries = record.get("conflicts")
    out = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            out.append(
                Conflict(
                    str(entry.get("path", "")),
                    str(entry.get("reason", "")),
                    entry.get("base"),
                    entry.get("department"),
                    entry.get("standard"),
                )
            )
    return tuple(out)


def _upgrade_one(
    doc: Document, standard: Document, kind: Kind, bases: Bases, to: str | None
) -> tuple[VariantUpgrade, str] | None:
    """What upgrading one variant gives (and its new text), or None when it is current."""
    data, copied = doc.data, _revision(doc.data)

    def outcome(
        state: str, new: dict[str, Any] | None = None, **fields: Any
    ) -> tuple[VariantUpgrade, str]:
        text = artifact_text(new, kind, doc.text) if new is not None else doc.text
        changes = (
            tuple(change_in_words(c, kind.root, data, new) for c in diff_artifacts(data, new, kind))
            if new is not None
            else ()
        )
        variant = VariantUpgrade(
            file=doc.display,
            kind=doc.kind or "",
            artifact=doc.id or "",
            standard=standard.id or "",
            scope=dict(data.get("scope") or {}),
            state=state,
            from_revision=copied,
            changes=changes,
            changed=text != doc.text,
            **fields,
        )
        return variant, text

    record = _record(data)
    pending = record.get("to")
    if isinstance(pending, str) and revision_key(pending) > revision_key(copied):
        still = _open(record)
        if still:
            return outcome("pending", to_revision=pending, conflicts=still)
        new = copy.deepcopy(data)
        new["derived_from"] = {**(new.get("derived_from") or {}), "revision": pending}
        new["meta"]["upgrade"] = {"from": record.get("from", copied), "to": pending}
        return outcome("completed", new, to_revision=pending)
    target = bases.target(standard, to)
    if target.data is None:
        return outcome("not-upgradable", to_revision=to, reason=target.why)
    theirs = target.data
    if copied_revision(data, theirs) is None:
        return None
    revision = str(theirs.get("revision"))
    if copied is None:
        return outcome("not-upgradable", to_revision=revision, reason=t("upgrade.no_revision"))
    base = bases.at_revision(standard, copied)
    if base.data is None:
        return outcome("not-upgradable", to_revision=revision, reason=base.why)
    merged = merge(base.data, theirs, data, kind)
    new = copy.deepcopy(data)
    for key in kind.compared:
        new.pop(key, None)
    new.update(copy.deepcopy(merged.data))
    meta = dict(new["meta"]) if isinstance(new.get("meta"), dict) else {}
    meta["upgrade"] = {"from": copied, "to": revision}
    if merged.conflicts:
        meta["upgrade"]["conflicts"] = [c.as_record() for c in merged.conflicts]
    else:
        new["derived_from"] = {**new["derived_from"], "revision": revision}
    new["meta"] = meta
    open_paths = {c.path for c in merged.conflicts}
    kept = tuple(
        change_in_words(c, kind.root, merged.standard, merged.data)
        for c in merged.kept
        if display_path(c.path) not in open_paths
    )
    state = "conflicts" if merged.conflicts else "upgraded"
    return outcome(
        state,
        new,
        to_revision=revision,
        kept=kept,
        conflicts=tuple(merged.conflicts),
        base=base.source,
    )
