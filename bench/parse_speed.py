"""How fast the YAML files of a folder are read: the strict libyaml reader, bare libyaml, and the
pure-Python canonical-subset reader.

    python -m bench.parse_speed examples/sp-config [--repeat 3]

Each reader reads every ``*.yaml`` file (texts already in memory) ``--repeat`` times; the best
round counts. The fast reader remembers the lines it has read: "cold" clears that memory
before each round (one lint run over the folder), "warm" reads the folder a second time.
Files the fast reader leaves to libyaml (it returns None) are counted."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.speedups.canonical_yaml import clear_cache, parse_canonical


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
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    if not texts:
        raise SystemExit(f"no *.yaml files under {args.folder}")
    fallbacks = sum(parse_canonical(text) is None for _, text in texts)
    lines = sum(text.count("\n") for _, text in texts)
    strict = _best(parse_yaml, texts, args.repeat)
    bare = _best(_bare_libyaml, texts, args.repeat)
    cold = _best(_fast, texts, args.repeat, clear_cache)
    warm = _best(_fast, texts, args.repeat)
    count = len(texts)
    print(f"files: {count} ({lines / count:.0f} lines on average)")
    for label, seconds in (
        ("yamlio.parse_yaml", strict),
        ("yaml.load CSafeLoader", bare),
        ("parse_canonical (cold)", cold),
        ("parse_canonical (warm)", warm),
    ):
        print(f"{label:26} {seconds:8.3f} s  {seconds / count * 1e6:8.1f} us/file")
    print(f"parse_yaml / parse_canonical:  {strict / cold:5.1f}x cold, {strict / warm:5.1f}x warm")
    print(f"CSafeLoader / parse_canonical: {bare / cold:5.1f}x cold, {bare / warm:5.1f}x warm")
    print(f"fell back to libyaml (None): {fallbacks} of {count} files")


if __name__ == "__main__":
    main()
