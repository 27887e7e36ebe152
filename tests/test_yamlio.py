"""The safe YAML reader (YAML 1.2 core types, no duplicate keys, tags, aliases or runaway
nesting) and the canonical writer (quotes what a YAML 1.1 reader would mistype)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.yamlio import MAX_DEPTH, dump_canonical, parse_yaml


def _problem(text: str, file: str = "m.yaml") -> Problem:
    with pytest.raises(InputError) as info:
        parse_yaml(text, file)
    assert str(info.value) == str(info.value.problem)
    return info.value.problem


# -- reading: types ------------------------------------------------------------------------


def test_plain_scalars_are_typed_by_the_yaml_1_2_core_schema() -> None:
    text = """\
code: 0800
shak: 1301011
zero: 0
no_: no
on_: on
yes_: yes
off_: off
y_: y
n_: N
date: 2026-10-30
stamp: 2026-11-01T03:12:00+01:00
t: true
f: false
t_title: True
count: 12
negative: -3
dose: 2.5
exp: 1e3
octal: 0o17
hex: 0x1F
sexagesimal: 1:20
underscored: 1_000
nothing: null
tilde: ~
empty:
quoted_bool: "true"
quoted_int: '12'
"""
    assert parse_yaml(text, "types.yaml") == [
        {
            "code": "0800",
            "shak": 1301011,
            "zero": 0,
            "no_": "no",
            "on_": "on",
            "yes_": "yes",
            "off_": "off",
            "y_": "y",
            "n_": "N",
            "date": "2026-10-30",
            "stamp": "2026-11-01T03:12:00+01:00",
            "t": True,
            "f": False,
            "t_title": True,
            "count": 12,
            "negative": -3,
            "dose": 2.5,
            "exp": 1000.0,
            "octal": 15,
            "hex": 31,
            "sexagesimal": "1:20",
            "underscored": "1_000",
            "nothing": None,
            "tilde": None,
            "empty": None,
            "quoted_bool": "true",
            "quoted_int": "12",
        }
    ]


def test_types_are_exact_not_just_equal() -> None:
    (doc,) = parse_yaml("b: true\ni: 1\nf: 1.0\ns: 0800\n", "t.yaml")
    assert type(doc["b"]) is bool
    assert type(doc["i"]) is int
    assert type(doc["f"]) is float
    assert type(doc["s"]) is str


def test_mapping_keys_are_text_even_when_they_look_like_numbers() -> None:
    assert parse_yaml("1: a\n0800: b\ntrue: c\nnull: d\n", "k.yaml") == [
        {"1": "a", "0800": "b", "true": "c", "null": "d"}
    ]


def test_every_document_of_a_stream_is_returned() -> None:
    assert parse_yaml("a: 1\n---\nb: 2\n", "s.yaml") == [{"a": 1}, {"b": 2}]
    assert parse_yaml("", "empty.yaml") == []


# -- reading: refusals ---------------------------------------------------------------------


def test_duplicate_key_is_an_error_at_the_duplicate_never_last_one_wins() -> None:
    problem = _problem("kind: Medication\nid: '1'\nname: a\nid: '2'\n", "dup.yaml")
    assert (problem.code, problem.file, problem.line, problem.column) == (
        "LOAD002",
        "dup.yaml",
        4,
        1,
    )
    assert "duplicate key 'id'" in problem.message


def test_nested_duplicate_key_reports_its_own_line_and_column() -> None:
    text = "kind: Medication\nspec:\n  atc: N02BE01\n  form: tablet\n  atc: N02BE02\n"
    problem = _problem(text)
    assert (problem.code, problem.line, problem.column) == ("LOAD002", 5, 3)
    assert "'atc'" in problem.message


def test_python_tag_is_rejected_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"kind: Medication\nid: !!python/object/apply:os.system ['touch {marker}']\n"
    problem = _problem(text, "evil.yaml")
    assert (problem.code, problem.file, problem.line, problem.column) == (
        "LOAD003",
        "evil.yaml",
        2,
        5,
    )
    assert "python/object/apply:os.system" in problem.message
    assert "never executed" in problem.message
    assert not marker.exists()


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/new:os.system ['true']",
        "!!python/name:os.system",
        "!!python/tuple [1, 2]",
        "!Ref other-id",
        "!!custom value",
        "!<tag:example.com,2000:app/foo> value",
        "!!binary aGVsbG8=",
        "!!timestamp 2026-10-30",
        "!!set {a, b}",
        "!!omap [a: 1]",
    ],
)
def test_tags_other_than_the_plain_core_ones_are_refused(tagged: str) -> None:
    problem = _problem(f"name: x\nvalue: {tagged}\n")
    assert (problem.code, problem.line, problem.column) == ("LOAD003", 2, 8)
    assert "not allowed" in problem.message


def test_explicit_core_tags_are_allowed() -> None:
    assert parse_yaml("a: !!str 0800\nb: !!int '12'\nc: !!bool true\n", "t.yaml") == [
        {"a": "0800", "b": 12, "c": True}
    ]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghij"
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    start = time.perf_counter()
    problem = _problem("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert problem.code == "LOAD004"
    assert problem.file == "bomb.yaml"
    assert problem.line is not None
    assert "aliases" in problem.message


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n"],
    ids=["alias", "merge-key"],
)
def test_any_alias_is_refused(text: str) -> None:
    assert _problem(text).code == "LOAD004"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("kind: Medication\nid: [1, 2\nname: x\n", 3, 5),
        ("kind: Medication\n  id: x\n", 2, 5),
        ("kind: Medication\nid: x\n- y\n", 3, 1),
        ('kind: Medication\nspec:\n  atc: "N02\n', 4, 1),
        ("a:\n\t- b\n", 2, 1),
    ],
)
def test_malformed_yaml_is_load001_with_line_and_column(text: str, line: int, column: int) -> None:
    problem = _problem(text, "broken.yaml")
    assert (problem.code, problem.file, problem.line, problem.column) == (
        "LOAD001",
        "broken.yaml",
        line,
        column,
    )
    assert problem.message.startswith("malformed YAML")
    assert "fix the syntax" in problem.message


def test_complex_mapping_keys_are_refused() -> None:
    problem = _problem("? [a, b]\n: 1\n")
    assert (problem.code, problem.line) == ("LOAD001", 1)


def test_nesting_just_under_the_limit_still_parses() -> None:
    depth = MAX_DEPTH - 1
    (doc,) = parse_yaml("[" * depth + "]" * depth, "deep.yaml")
    for _ in range(depth - 1):
        assert isinstance(doc, list) and len(doc) == 1
        doc = doc[0]
    assert doc == []


def test_a_shallow_syntax_error_among_many_brackets_stays_malformed_yaml() -> None:
    # Measured, so libyaml's error is LOAD001 unless the text really nests too deep: here 300
    # flow lists (under the limit) and then a stray closing brace.
    problem = _problem("[" * 300 + "]" * 300 + "\n}\n")
    assert problem.code == "LOAD001"


def test_nesting_over_the_limit_is_too_deep_on_every_libyaml() -> None:
    # Between our limit and libyaml's own (1,000 in PyYAML >= 6.0.4): ours refuses it.
    depth = MAX_DEPTH + 1
    problem = _problem("[" * depth + "]" * depth)
    assert problem.code == "LOAD009"


# Each case below crashed the process (libyaml's composer recurses in C) or took minutes
# before the depth check; they run in a child process so a crash fails one test, not the run.
_DEEP_CASES = {
    "flow lists": "'[' * 10_000 + ']' * 10_000",
    "flow lists, 100k": "'[' * 100_000 + ']' * 100_000",
    "flow mappings": "'{a: ' * 30_000 + 'x' + '}' * 30_000",
    "implicit flow mappings": "'[a: ' * 40_000 + 'x' + ']' * 40_000",
    "closing brackets hidden in strings": "'[\"]\", ' * 40_000 + 'x' + ']' * 40_000",
    "compact block sequences": "'- ' * 40_000 + 'x'",
    "indented block mappings": "'a:\\n' + ''.join(' ' * i + f'k{i}:\\n' for i in range(1, 1200))",
}
_DEEP_SCRIPT = """
import json, sys, time
from sp_config_guard.errors import InputError
from sp_config_guard.load.yamlio import parse_yaml
out = {}
for name, expr in json.loads(sys.argv[1]).items():
    text = eval(expr)
    start = time.perf_counter()
    try:
        parse_yaml(text, "deep.yaml")
        out[name] = ["parsed", None, time.perf_counter() - start]
    except InputError as err:
        out[name] = [err.problem.code, str(err.problem), time.perf_counter() - start]
print(json.dumps(out))
"""


def test_runaway_nesting_is_a_clean_input_error_not_a_crash() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT, json.dumps(_DEEP_CASES)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, f"child process died ({proc.returncode}): {proc.stderr[-2000:]}"
    results: dict[str, list[Any]] = json.loads(proc.stdout)
    for name in _DEEP_CASES:
        code, message, seconds = results[name]
        assert code == "LOAD009", (name, code)
        assert message.startswith("deep.yaml:"), message
        assert "nesting deeper than" in message
        assert seconds < 2.0, (name, seconds)


# -- writing -------------------------------------------------------------------------------

# Strings that a YAML 1.1 reader (PyYAML's default, Go's yaml.v2, ...) or a 1.2 reader
# would take for a number, boolean, null or date.
_AMBIGUOUS = [
    "0800",
    "no",
    "on",
    "yes",
    "off",
    "No",
    "ON",
    "True",
    "false",
    "y",
    "Y",
    "n",
    "N",
    "2026-10-30",
    "2026-11-01T03:12:00+01:00",
    "1e3",
    "1E-3",
    "null",
    "Null",
    "~",
    "12",
    "-1",
    "+1",
    "2.50",
    ".5",
    "0o17",
    "0x1F",
    "012",
    "1_000",
    "1:20",
    ".inf",
    ".NaN",
    "",
]


@pytest.mark.parametrize("value", _AMBIGUOUS)
def test_writer_double_quotes_strings_a_reader_would_mistype(value: str) -> None:
    text = dump_canonical({"value": value})
    assert text == f'value: "{value}"\n'
    assert parse_yaml(text, "w.yaml") == [{"value": value}]
    assert yaml.safe_load(text) == {"value": value}  # PyYAML reads YAML 1.1


@pytest.mark.parametrize(
    "value",
    [
        "Paracetamol",
        "æblegrød på ø",
        "3 gange dagligt",
        "N02BE01",
        "hver 4. time",
        "J",
        "yy",
        "Nej",
    ],
)
def test_writer_leaves_ordinary_strings_plain(value: str) -> None:
    assert dump_canonical({"value": value}) == f"value: {value}\n"


def test_writer_quotes_keys_like_values() -> None:
    assert dump_canonical({"0800": 1, "no": 2, "navn": 3}) == '"0800": 1\n"no": 2\nnavn: 3\n'


def test_writer_types_numbers_and_booleans_plainly() -> None:
    data = {"int": 5, "float": 2.5, "zero": 0, "yes": True, "no_": False}
    assert dump_canonical(data) == 'int: 5\nfloat: 2.5\nzero: 0\n"yes": true\nno_: false\n'


def test_writer_keeps_key_order_uses_two_space_indent_and_never_folds() -> None:
    long = "Giv 1 tablet " * 40
    data = {
        "kind": "Medication",
        "id": "100101",
        "spec": {"strength": {"value": 500, "unit": "mg"}, "allowed": ["a", "b"]},
        "note": long.strip(),
    }
    assert dump_canonical(data) == (
        'kind: Medication\nid: "100101"\nspec:\n  strength:\n    value: 500\n    unit: mg\n'
        f"  allowed:\n  - a\n  - b\nnote: {long.strip()}\n"
    )


def test_multi_line_strings_are_block_scalars() -> None:
    data = {"label_text": "Tag 1 tablet\nhver 6. time: højst 4 g\n# ikke en kommentar"}
    text = dump_canonical(data)
    assert text == (
        "label_text: |-\n  Tag 1 tablet\n  hver 6. time: højst 4 g\n  # ikke en kommentar\n"
    )
    assert parse_yaml(text, "b.yaml") == [data]


def test_block_scalar_keeps_a_final_newline() -> None:
    text = dump_canonical({"body": "linje 1\nlinje 2\n"})
    assert text == "body: |\n  linje 1\n  linje 2\n"
    assert parse_yaml(text, "b.yaml") == [{"body": "linje 1\nlinje 2\n"}]


def test_writer_output_round_trips_through_the_reader_unchanged() -> None:
    data = {
        "kind": "OrderSet",
        "id": "0800",
        "name": "Hjertesvigt - ambulant opstart",
        "scope": {"level": "department", "department": "1301011"},
        "spec": {
            "groups": [
                {
                    "id": "G1",
                    "lines": [
                        {"id": "L1", "dose": {"value": 2.5, "unit": "mg"}, "selected": True},
                        {"id": "L2", "comment": "Gives om morgenen\nmed mad", "code": "no"},
                    ],
                }
            ],
            "codes": ["0800", "on", "2026-10-30", "y"],
        },
        "usage": {"uses_90d": 41, "last_used": "2026-10-30"},
    }
    text = dump_canonical(data)
    assert parse_yaml(text, "r.yaml") == [data]
    assert dump_canonical(parse_yaml(text, "r.yaml")[0]) == text
    assert yaml.safe_load(text) == data
