"""The yaml-rs reader that ``bench.parse_speed`` measures against the canonical reader
(issue #19): like that one, it returns exactly what the libyaml reader returns or None, on the
same inputs the canonical reader is tested on (so the comparison is between two correct
readers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from bench.parse_speed import parse_yaml_rs
from sp_config_guard.load.yamlio import dump_canonical
from tests.test_fastyaml import (
    _EXAMPLE_TEXTS,
    _FRAGMENTS,
    ARTIFACTS,
    EDGE_VALUES,
    NOT_CANONICAL,
    _around,
    documents,
    edited,
    reference,
    strict,
)


def faithful(text: str) -> Any:
    value = parse_yaml_rs(text)
    if value is not None:
        assert strict(value) == reference(text), text
    return value


def test_the_example_and_the_corpus_are_read_identically_or_left_to_libyaml(tmp_path: Path) -> None:
    generate(500, 1, tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in ARTIFACTS]
    texts += [p.read_text(encoding="utf-8") for p in sorted(tmp_path.rglob("*/*.yaml"))]
    read = [faithful(text) for text in texts]
    # the rest are documentation templates whose SmartLists ({Ja/Nej:1234}) look like flow
    # mappings to the check on the text: left to libyaml
    assert sum(value is not None for value in read) >= 0.85 * len(texts)


@pytest.mark.parametrize("value", EDGE_VALUES, ids=repr)
def test_writer_edge_cases(value: Any) -> None:
    faithful(dump_canonical(_around(value)))


@pytest.mark.parametrize("key", ["1", "true", "null", "", " s", "a:b", "-a", "x#y", "æ ø", "<<"])
def test_writer_keys(key: str) -> None:
    assert faithful(dump_canonical({key: 1, "b": [{key: 2}]})) is not None


@pytest.mark.parametrize("text", NOT_CANONICAL.values(), ids=NOT_CANONICAL.keys())
def test_outside_the_canonical_subset(text: str) -> None:
    faithful(text)


@pytest.mark.parametrize(
    "value",
    ["1_000", "_1", "9_", "05", "-096", "00E158", "+036.", "0XF7", "0x6_7", "-0x1", "+0o7",
     "0b101", ".inf", "-.Inf", ".nan", "1e400", "9" * 5000, "yes", "~", "2026-01-02",
     "2026-01-02T03:04:05Z", "1e3", "0o17", "0x1F", "!foo x", "!!binary aGk=", "&a 1",
     "[1_0]", "{b: 05}", "1_0 # c"],
)  # fmt: skip
def test_typing_yaml_rs_and_libyaml_disagree_on_is_left_to_libyaml(value: str) -> None:
    for text in (f"a: {value}\n", f"a:\n- {value}\n", f"a:\n  {value}\n", f"{value}: x\n"):
        faithful(text)
    assert parse_yaml_rs("a: 1\na: 2\n") is None  # duplicate key
    assert parse_yaml_rs("a: &x 1\nb: *x\n") is None  # alias
    assert parse_yaml_rs("a:\t1\n") is None


@pytest.mark.parametrize(
    "text",
    ["a: |\n", "a: >\n", "a: |+\n", "a:\n- |\n", "a: |\n\n  \n", "a: 1_0   \n", "a:    !x y\n",
     "a: &x/y 1\n", "? |\n", "a: -   05\n"],
)  # fmt: skip
def test_found_by_differential_fuzzing(text: str) -> None:
    """yaml-rs reads an empty block scalar at the end as "\n" (libyaml: ""), anchors with
    names libyaml refuses, ``? |`` otherwise; the checks must also see past extra spaces."""
    assert faithful(text) is None


@pytest.mark.parametrize("depth", [50, 150, 1100])
def test_deep_nesting(depth: int) -> None:
    faithful(
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, depth)) + "  " * depth + "x: 1\n"
    )
    faithful("a: " + "- " * depth + "x\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_written_data_is_read_identically_or_not_at_all(doc: dict[str, Any]) -> None:
    faithful(dump_canonical(doc))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=24))
def test_arbitrary_yamlish_text_is_read_identically_or_not_at_all(parts: list[str]) -> None:
    faithful("".join(parts) + "\n")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_EXAMPLE_TEXTS), st.data())
def test_edited_example_files_are_read_identically_or_not_at_all(
    text: str, draw: st.DataObject
) -> None:
    faithful(edited(text, draw))
