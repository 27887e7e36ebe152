"""Drift over a repository's history (``spguard drift --history``): the drift index per region,
hospital and department at each step (a commit of the first-parent line, each Nth, or the last
of each week), and the standard revisions released on the way.

Incremental by construction (:mod:`sp_config_guard.drift.walker`): between two steps only the
variants whose file, standard, copied revision or waivers changed are classified again, by the
function a full ``drift`` runs, and the roll-ups are recomputed. So each step gives exactly
what ``spguard drift`` gives on that commit checked out, with the step's day as ``--today``
(tests/test_drift_history.py compares them byte for byte)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from sp_config_guard.drift.result import _LEVEL_KEYS, CLASSES, DriftResult, Rollup
from sp_config_guard.drift.trend import LEVELS, DriftHistory, Point, Release
from sp_config_guard.drift.walker import Evaluated, Walker
from sp_config_guard.lint.divergence import DEFAULT_LIMITS, Thresholds
from sp_config_guard.load.gitlog import Commit
from sp_config_guard.load.loader import Document


def rollups(evaluated: Sequence[Evaluated], level: str) -> tuple[Rollup, ...]:
    """The roll-ups at ``level`` of one step, as :meth:`DriftResult.rollups` gives them."""
    keys = _LEVEL_KEYS[level]
    groups: dict[tuple[str, ...], list[Evaluated]] = {}
    for item in evaluated:
        scope = item[0].scope
        if all(scope.get(k) for k in keys):
            groups.setdefault(tuple(scope[k] for k in keys), []).append(item)
    out = []
    for key in sorted(groups):
        counts: Counter[str] = Counter()
        for _, _, summary in groups[key]:
            counts.update(summary)
        variants = [v for v, _, _ in groups[key]]
        out.append(
            Rollup(
                level,
                key,
                len(variants),
                sum(v.governed_fields for v in variants),
                {c: counts[c] for c in CLASSES},
                exposure=counts["+exposure"],
                exposure_unknown=counts["+unknown"],
                uses_90d=sum(v.uses_90d or 0 for v in variants),
                usage_unknown=sum(v.uses_90d is None for v in variants),
            )
        )
    return tuple(out)


def _total(parts: Sequence[Rollup]) -> Rollup:
    counts: Counter[str] = Counter()
    for part in parts:
        counts.update(part.counts)
    return Rollup(
        "total",
        (),
        sum(p.variants for p in parts),
        sum(p.governed_fields for p in parts),
        {c: counts[c] for c in CLASSES},
        exposure=sum(p.exposure for p in parts),
        exposure_unknown=sum(p.exposure_unknown for p in parts),
        uses_90d=sum(p.uses_90d for p in parts),
        usage_unknown=sum(p.usage_unknown for p in parts),
    )


def point(at: Commit, result: DriftResult, evaluated: Sequence[Evaluated]) -> Point:
    """One step's point from its result (the total over every region)."""
    by_level = {level: rollups(evaluated, level) for level in LEVELS}
    return Point(
        at.commit,
        at.date,
        len(result.variants),
        len(result.deviations),
        len(result.problems),
        _total(by_level["region"]),
        by_level,
    )


def _standards(result_docs: Sequence[Document]) -> dict[tuple[str, str], tuple[str, str, str]]:
    found: dict[tuple[str, str], tuple[str, str, str]] = {}
    for doc in result_docs:
        scope = doc.data.get("scope") or {}
        revision = doc.data.get("revision")
        if scope.get("level") == "central" and doc.kind and doc.id and revision is not None:
            name = doc.data.get("name")
            found.setdefault(
                (doc.kind, doc.id),
                (str(revision), name if isinstance(name, str) else "", doc.display),
            )
    return found


def history(
    walker: Walker,
    steps: Sequence[Commit],
    limits: Sequence[Thresholds] = DEFAULT_LIMITS,
    each: Callable[[Commit, DriftResult], None] | None = None,
) -> DriftHistory:
    """Walk ``steps`` (oldest first): a point per step, the releases between steps, and the
    newest step's whole drift (divergences too); ``each`` sees every step's result (with
    its divergences: for comparing a step with a full drift)."""
    out = DriftHistory()
    before: dict[tuple[str, str], tuple[str, str, str]] | None = None
    for index, at in enumerate(steps):
        whole = each is not None or index == len(steps) - 1
        result, evaluated = walker.step(at, divergences=whole, limits=limits)
        out.points.append(point(at, result, evaluated))
        docs = [d for n in walker.order if isinstance(d := walker.docs[n], Document)]
        now = _standards(docs)
        if before is not None:
            for (kind, ident), (revision, name, file) in sorted(now.items()):
                old = before.get((kind, ident))
                if old is None or old[0] != revision:
                    previous = old[0] if old else None
                    out.releases.append(
                        Release(at.commit, at.date, kind, ident, name, revision, previous, file)
                    )
        before = now
        if each is not None:
            each(at, result)
        if index == len(steps) - 1:
            out.latest = result
    return out
