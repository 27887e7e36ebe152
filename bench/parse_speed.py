"""How fast the YAML files of a folder are read: the strict libyaml reader, bare libyaml, the
pure-Python canonical-subset reader and, when installed, yaml-rs (bare, and guarded as
:func:`parse_yaml_rs`).

    python -m bench.parse_speed examples/sp-config [--repeat 3]

Each reader reads every ``*.yaml`` file (texts already in memory) ``--repeat`` times; the best
round counts. The fast reader remembers the lines it has read: "cold" clears that memory
before each round (one lint run over the folder), "warm" reads the folder a second time.
Files the fast readers leave to libyaml (they return None) are counted, and the guarded
yaml-rs reader's values are compared with ``parse_yaml``'s. For ratios on a shared machine,
prefer the paired rounds of ``python -m bench.speedups DIR --only yaml``; the figures and
the decision (issue #19) are in the docstring of ``speedups/canonical_yaml.py``."""

from __future__ import annotations

import argparse
import importlib
import math
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from sp_config_guard.load.yamlio import MAX_DEPTH, parse_yaml
from sp_config_guard.speedups.canonical_yaml import clear_cache, parse_canonical
from sp_config_guard.yamlcore import INT_LIMIT

try:  # optional: the Rust reader the hand-written one is measured against (issue #19)
    yaml_rs: Any = importlib.import_module("yaml_rs")
except ImportError:
    yaml_rs = None

# Text yaml-rs (0.1.6) may read otherwise than ``yamlio.parse_yaml`` is left to libyaml:
# characters libyaml refuses or reads as line breaks or BOM, tabs and CR (``_BAD_CHAR``);
# document markers and directives; a tag, an anchor (yaml-rs takes names libyaml refuses),
# a complex key (``? |`` reads differently) or a flow collection other than the writer's ``[]``
# and ``{}`` at the start of a node (``_NODE``); a block scalar without content at the end;
# and plain scalars that yaml-rs types as
# numbers outside the YAML 1.2 core schema, found by differential fuzzing: ``1_000``, ``_1``,
# ``05``, ``-096``, ``00E1``, ``0X1F``, ``-0x1``, ``+0o7``, ``0b101`` (``_NUMBER``: any
# number-like plain scalar with ``_`` or a leading zero before a digit or letter, so also
# ``0x1F`` and ``0o17``, which both read alike). These are searched in the whole text, also in
# block scalars, where they are text: such files are left to libyaml although yaml-rs would
# read them right (the SmartLists ``{Ja/Nej:1234}`` of the documentation templates).
_BAD_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# Where a node may start: after ": ", "- " or "? " (any number of spaces), or at a line's start.
# One pattern per kind of start, each led by a literal, which ``re`` finds fast.
_AT_NODE = (r": +", r"- +", r"\? +", r"\n *", r"^ *")
_NODE = [re.compile(rf"{at}(?:[!?&]|[\[{{](?!\]\n|\}}\n))") for at in _AT_NODE]
_NODE_CHARS = "!?&[{"
_NUMBER = [
    re.compile(
        rf"{at}[-+]?(?=[0-9._])(?:[0-9a-zA-Z.+-]*_|0[0-9a-zA-Z])[0-9a-zA-Z._+-]*"
        r" *(?:#[^\n]*)?(?=\n|$)"
    )
    for at in _AT_NODE
]
_MARKERS = ("\n---", "\n...", "\n%")
_BLOCK_HEADER = re.compile(r"[|>][^\n]*$")  # yaml-rs reads it as "\n", libyaml as ""
# A line that could open MAX_DEPTH // 10 levels: left to libyaml, which measures the depth
# (yaml-rs reads 1,100 levels where parse_yaml stops at MAX_DEPTH, and recurses in Rust).
_DEEP = re.compile(rf"\n[ ?:-]{{{MAX_DEPTH // 5}}}")


def _rs_unsafe(text: str) -> bool:
    return bool(
        text.startswith(("---", "...", "%"))
        or any(marker in text for marker in _MARKERS)
        or (not text.replace("\n", "").isprintable() and _BAD_CHAR.search(text))
        or (any(char in text for char in _NODE_CHARS) and any(node.search(text) for node in _NODE))
        or any(number.search(text) for number in _NUMBER)
        or _DEEP.search("\n" + text[: MAX_DEPTH // 5])
        or _DEEP.search(text)
        or _BLOCK_HEADER.search(text.rstrip(" \n")[-200:])
    )


def parse_yaml_rs(text: str) -> dict[str, Any] | None:
    """The document's value as ``parse_yaml`` reads it, read by yaml-rs, or None (the caller
    then takes libyaml): behind the check above on the text, with aliases refused (any alias is
    an error), duplicate keys an error, and the value checked (a mapping at the root, every key
    a string, numbers finite and below the digit limit)."""
    if yaml_rs is None or _rs_unsafe(text):
        return None
    try:
        value = yaml_rs.loads(text, parse_datetime=False, alias_limits=_NO_ALIASES)
    except (yaml_rs.YAMLDecodeError, ValueError, RecursionError):
        return None
    return value if value.__class__ is dict and _plain(value) else None


_NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0) if yaml_rs else None


def _plain(value: Any) -> bool:
    """Whether a value read by yaml-rs is one ``parse_yaml`` could have read."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        cls = item.__class__
        if cls is dict or cls is list:
            if depth > MAX_DEPTH:
                return False
            if cls is dict:
                for key in item:
                    if key.__class__ is not str:
                        return False
            stack.extend((child, depth + 1) for child in (item.values() if cls is dict else item))
        elif cls is float:
            if not math.isfinite(item):
                return False
        elif cls is int:
            if abs(item) >= INT_LIMIT:
                return False
        elif cls is not str and cls is not bool and item is not None:
            return False
    return True


def _best(
    read: Callable[[str, str], Any],
    texts: list[tuple[str, str]],
    repeat: int,
    before: Callable[[], None] = lambda: None,
) -> float:
    best = float("inf")
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        for name, text in texts:
            read(text, name)
        best = min(best, time.perf_counter() - start)
    return best


def _bare_libyaml(text: str, name: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _fast(text: str, name: str) -> Any:
    return parse_canonical(text)


def main() -> None:
    """Command line: ``DIR [--repeat N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.yaml"))
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths if p.name != "spguard.yaml"]
    if not texts:
        raise SystemExit(f"no *.yaml files under {args.folder}")
    fallbacks = sum(parse_canonical(text) is None for _, text in texts)
    lines = [line for _, text in texts for line in text.splitlines()]
    readers: list[tuple[str, Callable[[str, str], Any], Callable[[], None]]] = [
        ("yamlio.parse_yaml", parse_yaml, _nothing),
        ("yaml.load CSafeLoader", _bare_libyaml, _nothing),
        ("parse_canonical (cold)", _fast, clear_cache),
        ("parse_canonical (warm)", _fast, _nothing),
    ]
    if yaml_rs is not None:
        readers += [
            ("yaml_rs.loads (bare)", _bare_rs, _nothing),
            ("parse_yaml_rs (guarded)", _rs, _nothing),
        ]
    times = {label: _best(read, texts, args.repeat, before) for label, read, before in readers}
    count = len(texts)
    print(
        f"files: {count} ({len(lines) / count:.0f} lines on average, "
        f"{len(set(lines)) / len(lines):.1%} of the lines distinct)"
    )
    bare = times["yaml.load CSafeLoader"]
    for label, seconds in times.items():
        print(
            f"{label:26} {seconds:8.3f} s  {seconds / count * 1e6:8.1f} us/file  "
            f"{seconds / bare:5.3f} of CSafeLoader"
        )
    print(f"fell back to libyaml (None): parse_canonical {fallbacks} of {count} files")
    if yaml_rs is not None:
        rs_fallbacks = sum(parse_yaml_rs(text) is None for _, text in texts)
        print(f"fell back to libyaml (None): parse_yaml_rs {rs_fallbacks} of {count} files")
        differ = sum(
            parse_yaml_rs(text) not in (None, parse_yaml(text, name)[0]) for name, text in texts
        )
        print(f"values parse_yaml_rs gives that differ from parse_yaml's: {differ}")
    else:
        print("yaml-rs is not installed (pip install yaml-rs): not measured")


def _nothing() -> None:
    pass


def _bare_rs(text: str, name: str) -> Any:
    return yaml_rs.loads(text, parse_datetime=False)


def _rs(text: str, name: str) -> Any:
    return parse_yaml_rs(text)


if __name__ == "__main__":
    main()
