"""The direct evaluation of name/wildcard queries selects exactly what the RFC 9535 library
selects, in the same order."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.lint.checks import _plan, compile_path, find, values

pytestmark = pytest.mark.usefixtures("speedups_on")

QUERIES = [
    "$",
    "$.spec",
    "$.spec.atc",
    "$.spec.a.b",
    "$.spec[*]",
    "$.spec[*].id",
    "$.spec..*",
    "$..id",
    "$..*",
    "$.spec['a','b']",
    "$.spec['a','b'][*].c",
    "$[*][*]",
    "$.spec.*",
    "$.spec..a[*]",
]

keys = st.sampled_from(["spec", "a", "b", "c", "id", "atc", "x"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


def _library(query: str, data: Any) -> list[tuple[tuple[Any, ...], Any]]:
    return [(tuple(node.location), node.value) for node in compile_path(query).find(data)]


def test_every_query_here_takes_the_direct_path() -> None:
    assert all(_plan(query) is not None for query in QUERIES)
    assert _plan("$.spec[?@.id == 'x']") is None
    assert _plan("$.spec[0]") is None


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(keys, json_values, max_size=4), query=st.sampled_from(QUERIES))
def test_direct_evaluation_equals_the_library(data: dict[str, Any], query: str) -> None:
    assert find(query, data) == _library(query, data)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(keys, json_values, max_size=4), query=st.sampled_from(QUERIES))
def test_values_alone_are_the_values_of_find_in_order(data: dict[str, Any], query: str) -> None:
    assert values(query, data) == [value for _, value in find(query, data)]
    filtered = "$.spec[?@.id == 'x']"
    assert values(filtered, data) == [value for _, value in find(filtered, data)]
