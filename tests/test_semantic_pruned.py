"""DeepDiff run only where two artifacts differ gives exactly the changes of one DeepDiff over
the whole artifacts (the reference: how semantic.diff_artifacts worked before pruning)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deepdiff import DeepDiff
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.drift.artifact_diff import (
    _OPS,
    Change,
    _diff_prepared,
    _plain,
    _segment,
    prepare,
)
from sp_config_guard.load.loader import iter_files, load_document
from sp_config_guard.model.kinds import default_registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"


def _whole(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    tree = DeepDiff(
        a,
        b,
        view="tree",
        ignore_order=False,
        threshold_to_diff_deeper=0,
        ignore_private_variables=False,
        verbose_level=2,
    )
    out = []
    for report, levels in tree.items():
        op = _OPS.get(report)
        for level in levels if op else []:
            path = tuple(_segment(k) for k in level.path(output_format="list"))
            before = None if op == "added" else _plain(level.t1)
            after = None if op == "removed" else _plain(level.t2)
            out.append(Change(op, path, before, after))
    return out


def _key(change: Change) -> str:
    return repr(change)


def _same_changes(a: dict[str, Any], b: dict[str, Any]) -> None:
    pruned = sorted(_diff_prepared(a, b, ()), key=_key)
    assert pruned == sorted(_whole(a, b), key=_key)


def test_every_variant_against_its_standard_in_the_example() -> None:
    registry = default_registry()
    docs = [load_document(p, d) for p, d in iter_files([EXAMPLE], EXAMPLE)]
    by_id = {(d.kind, d.id): d for d in docs}
    pairs = 0
    for doc in docs:
        parent = doc.data.get("derived_from")
        standard = by_id.get((doc.kind, parent.get("id"))) if isinstance(parent, dict) else None
        if standard is None or doc.kind not in registry:
            continue
        root = registry.get(doc.kind or "").root
        a = {k: prepare(v, root.child(k)) for k, v in standard.data.items()}
        b = {k: prepare(v, root.child(k)) for k, v in doc.data.items()}
        _same_changes(a, b)
        pairs += 1
    assert pairs > 100


keys = st.sampled_from(["a", "b", "c", "id"])
values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 2)
    | st.sampled_from([1.0, 0.5])
    | st.text(max_size=2),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=15,
)


@settings(max_examples=400, deadline=None)
@given(a=st.dictionaries(keys, values, max_size=4), b=st.dictionaries(keys, values, max_size=4))
def test_random_documents(a: dict[str, Any], b: dict[str, Any]) -> None:
    _same_changes(a, b)
