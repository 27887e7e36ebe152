"""The fast canonical-subset reader: on every input it returns exactly what the libyaml reader
returns, or None (never a different value), and None on anything outside the subset."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from sp_config_guard.errors import InputError
from sp_config_guard.load.yamlio import dump_canonical, parse_yaml
from sp_config_guard.speedups.canonical_yaml import clear_cache, parse_canonical

pytestmark = pytest.mark.usefixtures("speedups_on")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
ARTIFACTS = sorted(p for p in EXAMPLE.rglob("*.yaml") if p.name != "spguard.yaml")


def strict(value: Any) -> Any:
    """A form in which equal means identical: types kept (1 != 1.0 != True), nan == nan,
    -0.0 != 0.0, key order kept."""
    if isinstance(value, dict):
        return ("map", [(strict(k), strict(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [strict(v) for v in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def reference(text: str) -> Any:
    """What the libyaml reader returns, or the marker ``InputError`` if it refuses the text."""
    try:
        docs = parse_yaml(text, "t.yaml")
    except (InputError, ValueError, UnicodeError):
        return InputError
    return strict(docs[0]) if len(docs) == 1 else InputError


def assert_faithful(text: str) -> Any:
    fast = parse_canonical(text)
    if fast is not None:
        assert strict(fast) == reference(text), text
    return fast


# -- real files ------------------------------------------------------------------------------


def test_every_example_artifact_is_read_fast_and_identically() -> None:
    assert len(ARTIFACTS) > 100
    for path in ARTIFACTS:
        text = path.read_text(encoding="utf-8")
        fast = parse_canonical(text)
        assert fast is not None, path
        assert strict(fast) == reference(text), path


def test_hand_written_example_config_falls_back() -> None:
    assert parse_canonical((EXAMPLE / "spguard.yaml").read_text(encoding="utf-8")) is None


def test_generated_corpus_is_read_fast_and_identically(tmp_path: Path) -> None:
    generate(500, 1, tmp_path)
    paths = sorted(tmp_path.rglob("*.yaml"))
    assert len(paths) >= 500
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fast = parse_canonical(text)
        assert fast is not None, path
        assert strict(fast) == reference(text), path


def test_remembered_lines_give_the_same_values_and_fresh_containers() -> None:
    text = "a:\n- []\n- {}\n- x: []\nb: |-\n  x\n  y\nc: 1\n"
    clear_cache()
    cold = parse_canonical(text)
    warm = parse_canonical(text)
    assert cold == warm == {"a": [[], {}, {"x": []}], "b": "x\ny", "c": 1}
    assert cold is not None and warm is not None
    cold["a"][0].append(1)
    cold["a"][2]["x"].append(1)
    assert warm["a"] == [[], {}, {"x": []}]


@pytest.mark.parametrize("depth", [50, 150, 1100])
def test_deep_nesting_is_left_to_libyaml(depth: int) -> None:
    mapping = "".join(f"{' ' * i}k{i}:\n" for i in range(depth)) + " " * depth + "v: 1\n"
    sequence = "a:\n" + "- " * depth + "x\n"
    for text in (mapping, sequence):
        fast = assert_faithful(text)
        assert (fast is None) == (depth > 100), depth


def test_fixture_text(medication_yaml: str, medication: dict[str, Any]) -> None:
    assert parse_canonical(medication_yaml) == medication


# -- writer output: edge cases -------------------------------------------------------------

EDGE_VALUES: list[Any] = [
    "x\ny",
    "x\ny\n",
    "x\ny\n\n",
    "  lead\nx",
    "\n",
    "\nx",
    "x\n  y\n",
    " \nx",
    "x \ny",
    "0800",
    "1e3",
    "2026-10-30",
    "yes",
    "~",
    "null",
    ".inf",
    "0o17",
    "0x1F",
    "+1",
    "-",
    "- x",
    "a: b",
    "x #y",
    "#x",
    "'q'",
    '"q"',
    "é: x",
    "x,y",
    "x]",
    "|",
    "\x00\x1f\x7f\x80\x9f\ufeff\ufffe\U0001f600",
    "tab\there",
    "\xa0nbsp\xa0",
    "back\\slash",
    "Hjertesvigt - ambulant opstart",
    "38 68 21 01",
    "RH\\svc_spexport",
    1,
    -7,
    10**30,
    0.5,
    -0.0,
    1e20,
    1e-7,
    float("inf"),
    float("-inf"),
    float("nan"),
    True,
    False,
    None,
    [],
    {},
    [[1, [2, "x\n"]], [{}], [[]]],
    [{"id": "1", "lines": [{"id": "2", "text": " a\nb\n\n"}]}],
    {"a": {"b": {"c": "  deep\n block"}}},
]


def _around(value: Any) -> dict[str, Any]:
    """``value`` as a mapping value, a list item and a value in a list item (copies: a shared
    object would be written with an anchor)."""
    copies = [copy.deepcopy(value) for _ in range(3)]
    return {"k": copies[0], "list": [copies[1], {"k": copies[2]}], "z": 1}


@pytest.mark.parametrize("value", EDGE_VALUES, ids=repr)
def test_writer_edge_cases(value: Any) -> None:
    text = dump_canonical(_around(value))
    assert_faithful(text)


@pytest.mark.parametrize(
    "value",
    [
        v
        for v in EDGE_VALUES
        if not (isinstance(v, str) and ("\ufeff" in v or "\t" in v))
        and not (isinstance(v, float) and not math.isfinite(v))  # a load problem (LOAD011)
    ],
    ids=repr,
)
def test_writer_edge_cases_are_in_the_subset(value: Any) -> None:
    text = dump_canonical(_around(value))
    assert parse_canonical(text) is not None, text


@pytest.mark.parametrize("key", ["1", "true", "null", "", " s", "a:b", "-a", "x#y", "æ ø", "<<"])
def test_writer_keys(key: str) -> None:
    fast = assert_faithful(dump_canonical({key: 1, "b": [{key: 2}]}))
    assert fast is not None


# -- not canonical: always None -------------------------------------------------------------

NOT_CANONICAL = {
    "comment": "a: 1 # c\n",
    "comment line": "# c\na: 1\n",
    "comment after key": "a:   # c\n  b: 1\n",
    "comment after block header": "a: | # c\n  x\n",
    "flow map": "a: {b: 1}\n",
    "flow seq": "a: [1, 2]\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "custom tag": "a: !python/name:os.system x\n",
    "tab indentation": "a:\n\tb: 1\n",
    "tab in value": "a: x\ty\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate key in item": "a:\n- b: 1\n  b: 2\n",
    "document start": "---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "folded": "a: >\n  x\n",
    "multi-line plain": "a: x\n  y\n",
    "multi-line double-quoted": 'a: "x\n  y"\n',
    "double-quoted continuation": 'a: "x\\\n  y"\n',
    "complex key": "? a\n: b\n",
    "no final newline": "a: 1",
    "crlf": "a: 1\r\nb: 2\r\n",
    "root sequence": "- a\n",
    "root scalar": "a\n",
    "empty": "",
    "only newline": "\n",
    "mapping in plain value": "a: b: c\n",
    "unknown escape": 'a: "\\q"\n',
    "surrogate escape": 'a: "\\ud800"\n',
    "single-quote escape in double quotes": 'a: "\\\'"\n',
    "bom": "\ufeffa: 1\n",
    "line separator": "a: 'x\u2028y'\n",
    "space before colon": "a : 1\n",
    "trailing space": "a: 1 \n",
    "value indicator at start": "a: :x\n",
    "bad dedent": "a:\n    b: 1\n  c: 2\n",
    "plain on next line": "a:\n  x\n",
    "bare dash": "a:\n-\n- x\n",
    "auto-indented block starting blank": "a: |\n\n  x\n",
    "empty block": "a: |\nb: 1\n",
    "chomping before indent": "a: |-2\n  x\n",
    "long integer": "a: " + "9" * 5000 + "\n",
    "control character": "a: x\x01y\n",
}


@pytest.mark.parametrize("text", NOT_CANONICAL.values(), ids=NOT_CANONICAL.keys())
def test_outside_the_subset_is_none(text: str) -> None:
    assert parse_canonical(text) is None


def test_typing_of_plain_scalars() -> None:
    text = (
        "a: 0800\nb: 0\nc: -12\nd: 0o17\ne: 0x1F\nf: 1.5\ng: 1e3\nh: -1.5e-3\ni: .5\n"
        "j: true\nk: False\nl: ~\nm: Null\nn: yes\no: 2026-10-30\np: 1_000\nq: +1\nr: 1.\n"
        "s: 38 68 21 01\nt: Hjertesvigt - ambulant opstart\nu:\nv: -x\n"
    )
    fast = assert_faithful(text)
    assert fast is not None
    assert fast["a"] == "0800" and fast["d"] == 15 and fast["e"] == 31 and fast["g"] == 1000.0
    assert fast["j"] is True and fast["l"] is None and fast["n"] == "yes" and fast["u"] is None


@pytest.mark.parametrize(
    ("value", "key"),
    [
        *((v, "LOAD011.not_finite") for v in (".nan", ".NaN", ".NAN", ".inf", "-.Inf", "+.INF")),
        *((v, "LOAD011.not_finite") for v in ("1e999", "-1e400", "!!float .nan")),
        ("9" * 5000, "LOAD011.digits"),
        ("0x" + "f" * 5000, "LOAD011.digits"),
        *((v, "LOAD011.tagged") for v in ("!!int abc", "!!float abc", "!!bool maybe")),
        ("!!int +0x10", "LOAD011.tagged"),
    ],
)
def test_numbers_no_artifact_can_hold_are_load_problems_in_both_readers(
    value: str, key: str
) -> None:
    """Non-finite numbers (any YAML spelling), integers over 4,300 digits and values that do
    not fit their explicit tag: the canonical reader leaves them to libyaml's, which reports
    LOAD011 at the value's line and column (they used to pass as numbers or end the run with
    an internal error)."""
    text = f"kind: Medication\nspec:\n  dose: {value}\n"
    assert parse_canonical(text) is None
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "t.yaml")
    problem = caught.value.problem
    assert (problem.code, problem.msg.key, problem.line, problem.column) == ("LOAD011", key, 3, 9)


def test_numbers_at_the_limits_are_read_alike() -> None:
    text = f"a: {'9' * 4300}\nb: -{'9' * 4300}\nc: 1.7976931348623157e308\n"
    assert assert_faithful(text) == {
        "a": int("9" * 4300),
        "b": -int("9" * 4300),
        "c": 1.7976931348623157e308,
    }
    assert parse_yaml("a: !!float 1\nb: !!int 0x1F\nc: !!bool TRUE\n", "t.yaml") == [
        {"a": 1.0, "b": 31, "c": True}
    ]


def test_block_scalars() -> None:
    text = (
        "a: |\n  x\n\n   y\n\n\nb: |-\n  x\n  y\nc: |+\n  x\n\n\nd: |2-\n    lead\n  x\n"
        "e:\n- |2+\n\n- - |\n    n\n- k: |-\n    m\n  l: 1\n"
    )
    fast = assert_faithful(text)
    assert fast == {
        "a": "x\n\n y\n",
        "b": "x\ny",
        "c": "x\n\n\n",
        "d": "  lead\nx",
        "e": ["\n", ["n\n"], {"k": "m", "l": 1}],
    }


def test_document_end_after_keep_chomping() -> None:
    text = dump_canonical({"a": "x\n\n"})
    assert text.endswith("\n...\n")
    assert assert_faithful(text) == {"a": "x\n\n"}


# -- property tests ---------------------------------------------------------------------------

_CHARS = "abzAZ09 æøåÆØÅé:#'\"-?|>!&*%@`[]{},\\/\n\t\r\x00\x85\xa0\u2028\u2029\ufeff\U0001f600."
_LOOKALIKES = [
    "0800", "1e3", "1.5", ".5", "+1", "-1", "0o7", "0x1f", "1_000", "2026-10-30", "12:30",
    "true", "False", "yes", "no", "on", "off", "y", "n", "null", "~", "", ".inf", "-.Inf",
    ".nan", "---", "...", "- x", "? x", "a: b", "x #c", " lead", "trail ", "|", "|-", ">",
]  # fmt: skip
keys = st.text(alphabet="abæøÅ _-:#'\"1 .", max_size=6)
strings = st.one_of(
    st.text(alphabet=_CHARS, max_size=12),
    st.sampled_from(_LOOKALIKES),
    st.text(max_size=6),
)
scalars = st.one_of(
    strings,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=16,
)
documents = st.dictionaries(keys, data, min_size=1, max_size=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_written_data_is_read_identically_or_not_at_all(doc: dict[str, Any]) -> None:
    assert_faithful(dump_canonical(doc))


_FRAGMENTS = [
    "", " ", "  ", "    ", "- ", "- - ", "a", "b", "é", "1", "0800", "x y", ":", ": ", "#", " #",
    "'q'", "''", '"q"', '"\\x41"', '"\\', "|", "|-", "|+", "|2", "|2-", ">", "[]", "{}", "[",
    "&a", "*a", "!t", "?", "---", "...", "-", "\n", "\n", "\n", "\n  ", "\n- ", "\n  - ",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=24))
def test_arbitrary_yamlish_text_is_read_identically_or_not_at_all(parts: list[str]) -> None:
    assert_faithful("".join(parts) + "\n")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.data())
def test_edited_writer_output_is_read_identically_or_not_at_all(
    doc: dict[str, Any], draw: st.DataObject
) -> None:
    text = dump_canonical(doc)
    position = draw.draw(st.integers(min_value=0, max_value=len(text)))
    insert = draw.draw(st.sampled_from(_FRAGMENTS))
    cut = draw.draw(st.integers(min_value=0, max_value=2))
    assert_faithful(text[:position] + insert + text[position + cut :])


_EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in ARTIFACTS[::20]]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_EXAMPLE_TEXTS), st.data())
def test_edited_example_files_are_read_identically_or_not_at_all(
    text: str, draw: st.DataObject
) -> None:
    assert_faithful(edited(text, draw))


def edited(text: str, draw: st.DataObject) -> str:
    """``text`` with one to three fragments inserted, each replacing up to three characters."""
    for _ in range(draw.draw(st.integers(min_value=1, max_value=3))):
        position = draw.draw(st.integers(min_value=0, max_value=len(text)))
        insert = draw.draw(st.sampled_from(_FRAGMENTS))
        cut = draw.draw(st.integers(min_value=0, max_value=3))
        text = text[:position] + insert + text[position + cut :]
    return text
