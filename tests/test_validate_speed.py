"""The speed-ups of validate and normalize change speed, never results. The compiled schema
pre-check (jsonschema-rs): with it on and off, validate gives the same findings on the example
tree, on a generated corpus with invalid mutations, and on hypothesis-generated invalid
instances of every kind. normalize planned in forked workers: the same outcome as in one."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from sp_config_guard import parallel
from sp_config_guard.load.loader import iter_files, load_document
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.run import NormalizeSettings, run_normalize
from sp_config_guard.validate.run import validate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
REGISTRY = default_registry()
DOCS = [load_document(path, display).data for path, display in iter_files([EXAMPLE], EXAMPLE)]

# Values chosen where a compiled validator and jsonschema could plausibly disagree: Unicode
# digits (Python's \d takes them), a trailing newline (Python's $ takes it), impossible dates,
# 1 vs 1.0 vs True, huge and non-finite numbers, and values that are not JSON at all.
TRICKY = [
    "",
    "x",
    "ABC\n",
    "٣٤٥٦٧٨",
    "2024-02-30",
    "2024-2-01",
    "2024-01-01\n",
    "2024-01-01",
    "N02BE01",
    "n02be01",
    "central",
    0,
    1,
    -1,
    1.0,
    1.5,
    -0.0,
    2**70,
    float("inf"),
    float("nan"),
    True,
    False,
    None,
    [],
    [1, 1.0],
    [1, True],
    {},
    {"unknown": 1},
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a document (containers and leaves)."""
    out = [path]
    if isinstance(value, dict):
        for key, sub in value.items():
            out += _paths(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            out += _paths(sub, (*path, index))
    return out


def _apply(data: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> Any:
    """``data`` with the node at ``path`` replaced, removed, or given an extra key."""
    if not path:
        return value if action == "replace" else data
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last]["zz_extra"] = value
    else:
        parent[last] = [parent[last], value]
    return data


def _errors(iterator: Any) -> list[tuple[str, list[Any], str]]:
    found = [(e.message, list(e.absolute_path), str(e.validator)) for e in iterator]
    return sorted(found, key=repr)


def test_every_kind_compiles_and_passes_every_valid_example() -> None:
    """Without this the pre-check would silently never be used."""
    for kind in REGISTRY:
        assert kind.fast_validator is not None, kind.name
    clean = 0
    for data in DOCS:
        kind = REGISTRY.get(data["kind"])
        if not list(kind.validator.iter_errors(data)):
            assert kind.fast_validator is not None and kind.fast_validator.is_valid(data)
            clean += 1
    assert clean > 300


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.sampled_from(range(len(DOCS))),
    st.sampled_from(["replace", "replace", "delete", "extra"]),
    st.sampled_from(TRICKY) | json_values,
)
def test_mutated_artifacts_give_the_same_errors_with_and_without_precheck(
    data: st.DataObject, index: int, action: str, value: Any
) -> None:
    original = DOCS[index]
    path = data.draw(st.sampled_from(_paths(original)))
    mutated = _apply(copy.deepcopy(original), path, action, value)
    kind = REGISTRY.get(original["kind"])
    assert _errors(kind.schema_errors(mutated)) == _errors(kind.validator.iter_errors(mutated))


def _validate_json(tree: Path, fast: bool, switch: Callable[..., None]) -> str:
    switch("1" if fast else "0")
    return json.dumps(validate([tree]).to_json(), sort_keys=True)


def test_example_tree_same_findings(switch: Callable[..., None]) -> None:
    with_precheck = _validate_json(EXAMPLE, True, switch)
    artifacts = sum(1 for path in EXAMPLE.rglob("*.yaml") if path.name != "spguard.yaml")
    assert artifacts >= 400 and f'"files": {artifacts}' in with_precheck
    assert with_precheck == _validate_json(EXAMPLE, False, switch)


@pytest.mark.parametrize("seed", [1, 11])
def test_the_generated_corpus_is_valid(tmp_path: Path, seed: int) -> None:
    """The benchmark corpus is what a repository holds, schema-valid (its planted findings
    are lint findings): a benchmark of validate measures the common case, not fallbacks."""
    generate(300, seed, tmp_path)
    result = validate([tmp_path])
    assert result.files == 300
    assert [str(f) for f in result.findings] == []


def test_mutated_corpus_same_findings(tmp_path: Path, switch: Callable[..., None]) -> None:
    generate(240, 11, tmp_path)
    rnd = random.Random(5)
    files = sorted(tmp_path.rglob("*.yaml"))
    files = [f for f in files if f.name != "spguard.yaml"]
    for file in rnd.sample(files, 80):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        path = rnd.choice(_paths(doc)[1:])
        action = rnd.choice(["replace", "delete", "extra"])
        doc = _apply(doc, path, action, rnd.choice(TRICKY[:20]))
        file.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with_precheck = _validate_json(tmp_path, True, switch)
    assert with_precheck.count('"SCH001"') >= 20
    assert with_precheck == _validate_json(tmp_path, False, switch)


def _normalize_outcome(settings: NormalizeSettings) -> tuple[Any, ...]:
    result = run_normalize(settings)
    problems = [str(p) for p in result.problems]
    return problems, result.written, result.unchanged, result.changed, result.diffs


@pytest.mark.parametrize("exports", [True, False], ids=["exports", "in-place"])
def test_normalize_same_with_one_and_two_workers(
    exports: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked workers plan the files; the outcome, problems and diffs in order, is the same."""
    root = Path(__file__).resolve().parent.parent / "examples"
    if exports:
        settings_of = lambda out: NormalizeSettings(  # noqa: E731
            [root / "exports"], out, [root / "profiles"]
        )
    else:
        tree = tmp_path / "tree"
        generate(120, 3, tree)
        files = sorted(f for f in tree.rglob("*.yaml") if f.name != "spguard.yaml")
        for index, file in enumerate(files[::7]):
            text = file.read_text(encoding="utf-8")
            edits = [text.replace(": ", ":  ", 1), "# c\n" + text, "---\n" + text, "- x\n"]
            file.write_text(edits[index % len(edits)], encoding="utf-8")
        settings_of = lambda out: NormalizeSettings([tree], check=True, diff=True)  # noqa: E731
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    outcomes = []
    for workers in ("1", "2"):
        monkeypatch.setenv("SPGUARD_WORKERS", workers)
        out = tmp_path / f"out{workers}"
        outcome = _normalize_outcome(settings_of(out))
        outcomes.append(json.loads(json.dumps(outcome).replace(str(out), "OUT")))
        if exports:
            outcomes.append(sorted(p.read_text() for p in out.rglob("*.yaml")))
    assert outcomes[0] and (outcomes[0][1] or outcomes[0][3])
    assert outcomes[: len(outcomes) // 2] == outcomes[len(outcomes) // 2 :]
