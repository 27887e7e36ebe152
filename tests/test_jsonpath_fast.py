"""The direct evaluation of name/wildcard queries selects exactly what the RFC 9535 library
selects, in the same order."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.lint.checks import _plan, compile_path, find, values
from sp_config_guard.speedups import jsonpath as fast_jsonpath
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
    "$.spec[?@.id == 'x']",
    "$.spec[?@.a == true].b",
    "$[*][?@.b == 1]",
    "$..[?@.c == null]",
    "$.spec[?@.x == 0].id",
    "$..[?@.id == '']",
    "$.spec[?@.a == false]",
    "$..['a','id']",
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
    assert _plan("$.spec[?@.id > 'x']") is None
    assert _plan("$.spec[?@.id == 'x' && @.a == 1]") is None
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
    st.lists(names, min_size=1, max_size=3).map(lambda n: "['" + "','".join(n) + "']"),
)
literals = st.sampled_from(["'x'", "''", "'a\"b'", "'ø'", "true", "false", "null", "0", "7", "-1"])
tests = st.tuples(st.sampled_from(["", ".."]), keys, literals).map(
    lambda t: f"{t[0]}[?@.{t[1]} == {t[2]}]"
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


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.one_of(segments, tests), max_size=4),
    data=st.dictionaries(keys, json_values, max_size=4),
)
def test_equality_filters_planned_from_their_text_select_what_the_library_selects(
    parts: list[str], data: dict[str, Any]
) -> None:
    """Every query with equality filters that is planned from its text is valid for the
    library, and selects the same nodes in the same order."""
    query = "$" + "".join(parts)
    steps = simple_plan(query)
    assert steps is not None
    assert fast_jsonpath.find(steps, data) == _library(query, data)


@pytest.mark.parametrize(
    "query",
    [
        "$ .spec",
        "$.spec[0]",
        "$.1a",
        "$...a",
        "$.spec.ænder",
        "$.a.",
        "$x",
        "",
        "$.a[?@.b=='x']",
        "$.a[?@.b == -0]",
        "$.a[?@.b == 1.5]",
        "$.a[?@.b == 'it\\'s']",
        "$.a[ 'b']",
        '$.a["b"]',
    ],
)
def test_other_spellings_are_left_to_the_library(query: str) -> None:
    """Blanks, indexes, non-ASCII names, other literals and filters, double quotes and
    invalid queries are not read from the text (the library compiles, or refuses, them)."""
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
    assert len(planned) == len(queries) > 50  # every shipped query: the library not needed
    for query in planned:
        assert plan(compile_path(query)) in (simple_plan(query), None)  # None: a filter


# values a filter's literal may (not) equal: numbers of either type, text that looks like them
pool = st.sampled_from(["x", "", 'a"b', "ø", "7", "true", True, False, None, 0, 0.0, 7, 7.0, -1, 1])
members = st.dictionaries(st.sampled_from(["a", "b", "id"]), pool | st.lists(pool, max_size=2))
rows = st.lists(members | pool, max_size=5)


@settings(max_examples=400, deadline=None)
@given(
    data=st.fixed_dictionaries(
        {"spec": rows | st.dictionaries(st.sampled_from(["k", "m"]), members)}
    ),
    name=st.sampled_from(["a", "b", "id"]),
    literal=literals,
    shape=st.sampled_from(["$.spec[?@.{} == {}]", "$..[?@.{} == {}]", "$.spec[?@.{} == {}].b"]),
)
def test_equality_filters_compare_as_the_library_compares(
    data: dict[str, Any], name: str, literal: str, shape: str
) -> None:
    """On lists and objects of members holding numbers, text and booleans, an equality
    filter planned from its text selects what the library selects (1 equals 1.0, true is
    no 1, "7" is no 7)."""
    query = shape.format(name, literal)
    steps = simple_plan(query)
    assert steps is not None
    assert fast_jsonpath.find(steps, data) == _library(query, data)
    assert fast_jsonpath.values(steps, data) == [value for _, value in _library(query, data)]


MIXED = {"spec": [{"a": v} for v in (True, False, None, 1, 1.0, 0, 0.0, -1, 7, "7", "x", "", [1])]}


@pytest.mark.parametrize(
    "literal", ["1", "0", "-1", "7", "true", "false", "null", "'7'", "'x'", "''"]
)
def test_each_literal_equals_what_the_library_says_it_equals(literal: str) -> None:
    """Numbers equal numbers of either type and never a boolean; text equals only text."""
    query = f"$.spec[?@.a == {literal}].a"
    steps = simple_plan(query)
    assert steps is not None
    assert fast_jsonpath.values(steps, MIXED) == [v for _, v in _library(query, MIXED)] != []
