"""Positions read from parser events, and by the canonical reader, are exactly those of the
composed node tree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.load.yamlio import SafeLoader, compose, dump_canonical, line_column, positions
from sp_config_guard.speedups.canonical_yaml import parse_canonical

pytestmark = pytest.mark.usefixtures("speedups_on")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"


def _node_tree(text: str) -> Any:
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in ``value``, and a missing child under each container."""
    out = [path]
    if isinstance(value, dict):
        out.append((*path, "no-such-key"))
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        out.append((*path, len(value)))
        for index, item in enumerate(value):
            out += _paths(item, (*path, index))
    return out


def _same_everywhere(text: str) -> None:
    fast, canonical, tree = compose(text), positions(text), _node_tree(text)
    try:
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # e.g. a complex key: not a Python dict, yet it has positions
        data = None
    fixed = [("a",), ("a", 1), ("a", 1, "b"), ("b", 1, 0), ("c",), ("c", "b"), ("e",)]
    for path in [*_paths(data), *fixed]:
        assert line_column(fast, path) == line_column(tree, path), path
        assert line_column(canonical, path) == line_column(tree, path), path


def test_every_node_of_every_example_artifact() -> None:
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(files) > 400
    read_fast = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        _same_everywhere(text)
        read_fast += isinstance(positions(text), dict) and parse_canonical(text) is not None
    assert read_fast > 400  # the canonical reader, not the fallback, answered


def test_hand_written_yaml_shapes() -> None:
    for text in [
        "a: 1\nb:\n  - x\n  - - y\n    - z\n  - k: v\n    m: [1, 2]\nc: {}\nd:\ne: |\n  text\n",
        "- 1\n- a: b\n",
        "plain",
        "",
        "a: 1\n---\nb: 2\n",  # two documents: no positions (as yaml.compose)
        "a: [1, {b: 2}]\n'q': \"x\"\n? [complex]\n: key\n",
        "a: &x {b: 1}\nc: *x\n",
        "a: [unclosed\n",
    ]:
        _same_everywhere(text)


keys = st.text(alphabet="abcæ -:#'\"", min_size=1, max_size=4)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(data=st.dictionaries(keys, values, min_size=1, max_size=4), flow=st.booleans())
def test_generated_documents(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=True) if flow else dump_canonical(data)
    _same_everywhere(text)
