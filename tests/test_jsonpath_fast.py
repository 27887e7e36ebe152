"""The direct evaluation of name/wildcard queries selects exactly what the RFC 9535 library
selects, in the same order."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.lint.checks import _plan, compile_path, find, values
from sp_config_guard.speedups.jsonpath import plan, simple_plan

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


names = st.sampled_from(["spec", "a", "_b", "x1", "true", "null", "in", "ID"])
segments = st.one_of(
    names.map(lambda name: f".{name}"),
    names.map(lambda name: f"..{name}"),
    st.sampled_from([".*", "..*", "[*]", "..[*]"]),
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(segments, max_size=5))
def test_a_query_planned_from_its_text_has_the_plan_of_the_compiled_query(
    parts: list[str],
) -> None:
    """The plainest spelling is planned without the library, exactly as the library's
    compiled query would be planned."""
    query = "$" + "".join(parts)
    assert simple_plan(query) is not None
    assert simple_plan(query) == plan(compile_path(query))


@pytest.mark.parametrize(
    "query",
    ["$.spec['a']", "$ .spec", "$.spec[0]", "$.1a", "$...a", "$.spec.ænder", "$.a.", "$x", ""],
)
def test_other_spellings_are_left_to_the_library(query: str) -> None:
    """Brackets, blanks, indexes, non-ASCII names and invalid queries are not read from the
    text (the library compiles, or refuses, them)."""
    assert simple_plan(query) is None


def test_the_shipped_rule_sets_queries_plan_as_compiled() -> None:
    """Every query in the shipped rule sets that is planned from its text is planned as the
    library plans it; those it cannot plan go to the library."""
    from sp_config_guard.lint.ruleset import load_rules

    queries: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str) and value.startswith("$"):
            queries.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for rule in load_rules([]):
        collect(dict(rule.raw))
    planned = [q for q in sorted(queries) if simple_plan(q) is not None]
    assert len(planned) > 40
    for query in planned:
        assert simple_plan(query) == plan(compile_path(query))
