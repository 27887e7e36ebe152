"""``spguard promote``: the good local example, found from the data. An allowed local change
(drift class ``adaptation``, or ``local-addition`` of an item) that several departments made
*the same way* (the same field of the same standard, set to the same value) is a candidate for
the standard, once it is made in at least ``min_departments`` local copies of at least
``min_hospitals`` hospitals (``promote:`` in ``spguard.yaml``).

A copy counts once, wherever it is placed: a department's copy for its department, a
hospital's for the hospital, a region's for the region (it counts towards no hospital). Only
allowed changes are candidates: a change to a locked field is a violation, and a value outside
an adaptable field's bounds is out of bounds; neither is ever listed, so no ID can promote one.
Dropping a standard item is never proposed either (a standard loses content by a decision of
its owners, not by a count).

Each candidate has a stable ID: the standard's id and a short hash of (kind, standard, field,
change, value), the same on every machine and in every run while the change is the same.
:func:`apply` writes the standard's next revision with that change: the field set (or the item
added at the end of its list), ``revision`` the next ``YYYY.N`` (``N+1`` in the same year, else
``<year>.1``), and an entry in ``meta.promotions`` naming the candidate and the copies it came
from; canonical, comments kept, written atomically, and refused when the result would not pass
the kind's schema. The copies stay at their old revision: they are stale, and ``spguard
upgrade`` brings every copy to the new revision (for the copies that made the change, the
field already agrees)."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sp_config_guard.drift.artifact_diff import (
    Change,
    ItemRef,
    diff_artifacts,
    display_path,
    index_path,
)
from sp_config_guard.drift.result import Deviation, DriftResult, Names
from sp_config_guard.drift.wording import change_in_words
from sp_config_guard.errors import UsageError
from sp_config_guard.load.loader import Document, parse_document
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.sources import atomic_write, writable
from sp_config_guard.messages import t
from sp_config_guard.model.envelope import revision_key
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.comments import artifact_text
from sp_config_guard.result import Finding, exit_code
from sp_config_guard.validate.run import check_document

PROMOTABLE = frozenset({"adaptation", "local-addition"})


@dataclass(frozen=True)
class Adopter:
    """A local copy that made the change: its file, scope, place in words and usage."""

    file: str
    scope: Mapping[str, str]
    place: str
    uses_90d: int | None


@dataclass(frozen=True)
class Candidate:
    """One change that enough copies made the same way."""

    id: str
    kind: str
    standard: str
    standard_file: str
    standard_name: str
    revision: str
    path: str
    op: str
    standard_value: Any
    value: Any
    text: str
    adopters: tuple[Adopter, ...]

    @property
    def hospitals(self) -> tuple[str, ...]:
        return tuple(sorted({a.scope["hospital"] for a in self.adopters if "hospital" in a.scope}))

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted({a.scope["region"] for a in self.adopters if "region" in a.scope}))

    @property
    def uses_90d(self) -> int | None:
        """The copies' uses in 90 days, summed over those whose usage is known."""
        known = [a.uses_90d for a in self.adopters if a.uses_90d is not None]
        return sum(known) if known else None


@dataclass(frozen=True)
class Promotion:
    """What ``--apply`` wrote (or, on a dry run, would write) to the standard."""

    candidate: Candidate
    file: str
    revision: str
    changes: tuple[str, ...]
    written: bool


@dataclass
class PromoteResult:
    """The candidates of a repository, and the promotion applied, if any."""

    candidates: list[Candidate]
    min_departments: int
    min_hospitals: int
    applied: Promotion | None = None
    problems: list[Finding] = field(default_factory=list)
    """The files that could not be read or are invalid (they were not looked at)."""
    command: str = "promote"

    def exit_code(self) -> int:
        """0, or 1 when a file could not be read (candidates are advice, never a failure)."""
        return exit_code(False, self.problems)


def candidate_id(kind: str, standard: str, path: str, op: str, value: Any) -> str:
    """The stable ID of a candidate: ``<standard id>-<6 hex digits>``."""
    key = json.dumps([kind, standard, path, op, value], sort_keys=True, ensure_ascii=False)
    return f"{standard}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:6]}"


def place_words(scope: Mapping[str, str], names: Names) -> str:
    """Where a copy lives, by name with its code: the department, else hospital, else region."""
    department, hospital = scope.get("department"), scope.get("hospital")
    if department:
        named = names["departments"].get(department, {}).get("name")
        return f"{named} ({department})" if named else department
    if hospital:
        named = names["hospitals"].get(hospital, {}).get("name")
        return f"{named} ({hospital})" if named else hospital
    return scope.get("region", "")


def candidates(
    drift: DriftResult, repo: Repository, min_departments: int, min_hospitals: int
) -> list[Candidate]:
    """The changes made the same way by at least ``min_departments`` copies in at least
    ``min_hospitals`` hospitals, the most widely made first."""
    groups: dict[tuple[str, str, str, str, str], list[Deviation]] = {}
    for dev in drift.deviations:
        if dev.cls in PROMOTABLE and dev.op in ("changed", "added"):
            value = json.dumps(dev.value, sort_keys=True, ensure_ascii=False)
            groups.setdefault((dev.kind, dev.standard, dev.path, dev.op, value), []).append(dev)
    found = []
    for (kind, standard, path, op, _value), devs in groups.items():
        copies = {dev.file: dev for dev in devs}  # one copy counts once
        adopters = tuple(
            Adopter(dev.file, dev.scope, place_words(dev.scope, drift.names), dev.uses_90d)
            for dev in sorted(copies.values(), key=lambda d: d.file)
        )
        doc = repo.get(kind, standard)
        if doc is None:
            continue
        first = devs[0]
        name = doc.data.get("name")
        found.append(
            Candidate(
                id=candidate_id(kind, standard, path, op, first.value),
                kind=kind,
                standard=standard,
                standard_file=doc.display,
                standard_name=name if isinstance(name, str) else "",
                revision=str(doc.data.get("revision", "")),
                path=path,
                op=op,
                standard_value=first.standard_value,
                value=first.value,
                text=first.text,
                adopters=adopters,
            )
        )
    wanted = [
        c for c in found if len(c.adopters) >= min_departments and len(c.hospitals) >= min_hospitals
    ]
    return sorted(wanted, key=lambda c: (-len(c.adopters), c.kind, c.standard, c.path, c.id))


def chosen(found: Iterable[Candidate], wanted: str) -> Candidate:
    """The candidate with ID ``wanted`` (a usage error naming the IDs there are, if none)."""
    listed = list(found)
    for candidate in listed:
        if candidate.id == wanted:
            return candidate
    ids = ", ".join(c.id for c in listed) or t("promote.none_listed")
    raise UsageError(t("promote.unknown_id", id=wanted, ids=ids))


def next_revision(revision: str, today: date) -> str:
    """The revision after ``revision`` (``YYYY.N``): ``YYYY.N+1`` this year, else ``<year>.1``."""
    parts = revision_key(revision)
    if len(parts) == 2 and parts[0] >= today.year:
        return f"{parts[0]}.{parts[1] + 1}"
    return f"{today.year}.1"


def _the_change(candidate: Candidate, standard: Document, copy_doc: Document) -> Change:
    """The candidate's change, found again between the standard and one copy that made it."""
    kind = default_registry().get(standard.kind or "")
    std = {k: standard.data[k] for k in kind.compared if k in standard.data}
    var = {k: copy_doc.data[k] for k in kind.compared if k in copy_doc.data}
    for change in diff_artifacts(std, var, kind):
        if display_path(change.path) == candidate.path and change.op == candidate.op:
            return change
    raise UsageError(t("promote.changed", id=candidate.id, file=copy_doc.display))


def _with_change(data: dict[str, Any], change: Change) -> dict[str, Any]:
    """A copy of the standard's ``data`` with ``change`` made: a field set, or an item added
    at the end of its list."""
    out = copy.deepcopy(data)
    last = change.path[-1]
    parent_at = index_path(out, change.path[:-1])
    if len(parent_at) != len(change.path) - 1:
        raise UsageError(t("promote.no_place", path=display_path(change.path)))
    parent: Any = out
    for step in parent_at:
        parent = parent[step]
    if isinstance(last, ItemRef | int) and isinstance(parent, list):
        parent.append(copy.deepcopy(change.new))
    elif isinstance(last, str) and isinstance(parent, dict):
        parent[last] = copy.deepcopy(change.new)
    else:
        raise UsageError(t("promote.no_place", path=display_path(change.path)))
    return out


def apply(
    candidate: Candidate, repo: Repository, root: Path, today: date, *, write: bool = True
) -> Promotion:
    """Write the standard's next revision with ``candidate``'s change (``write=False``: only
    say what it would be)."""
    standard = repo.get(candidate.kind, candidate.standard)
    copy_doc = next((d for d in repo.docs if d.display == candidate.adopters[0].file), None)
    if standard is None or copy_doc is None:
        raise UsageError(t("promote.changed", id=candidate.id, file=candidate.standard_file))
    path = writable(root, standard.display)
    if path is None:
        raise UsageError(t("promote.outside", file=standard.display))
    change = _the_change(candidate, standard, copy_doc)
    data = _with_change(standard.data, change)
    revision = next_revision(candidate.revision, today)
    data["revision"] = revision
    meta = data.setdefault("meta", {})
    meta.setdefault("promotions", []).append(
        {
            "candidate": candidate.id,
            "date": today.isoformat(),
            "from_revision": candidate.revision,
            "revision": revision,
            "field": candidate.path,
            "copies": [a.file for a in candidate.adopters],
        }
    )
    kind = default_registry().get(standard.kind or "")
    text = artifact_text(data, kind, standard.text)
    promoted = parse_document(text.encode("utf-8"), path, standard.display)
    errors = [f for f in check_document(promoted, kind) if f.severity == "error"]
    if errors:
        raise UsageError(t("promote.invalid", file=standard.display, detail=errors[0].message))
    before = {k: standard.data[k] for k in kind.compared if k in standard.data}
    after = {k: data[k] for k in kind.compared if k in data}
    words = tuple(
        change_in_words(c, kind.root, before, after) for c in diff_artifacts(before, after, kind)
    )
    if write:
        atomic_write(path, text)
    return Promotion(candidate, standard.display, revision, words, write)
