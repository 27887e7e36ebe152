"""Each hand-written speedup (``sp_config_guard/speedups/``) against its library path, in
paired rounds (speedup, library, speedup, library, ...) on the YAML files of a folder:

    python -m bench.speedups examples/sp-config [--rounds 9] [--only yaml]

Prints the median time of each side and the median of the per-round ratios library/speedup
(min and max show the spread). Also checks that both sides give the same answer. With yaml-rs
installed, the canonical reader is also paired against it (issue #19): bare, and guarded as
``bench.parse_speed.parse_yaml_rs`` (what it leaves to libyaml is read by libyaml, as in use).
``--only yaml`` runs only the YAML readers' pairs."""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonpath_rfc9535 as jsonpath
from tabulate import tabulate

from bench.parse_speed import parse_yaml_rs, yaml_rs
from sp_config_guard.lint.checks import _plan, compile_path, find, values
from sp_config_guard.load.yamlio import compose, parse_yaml
from sp_config_guard.speedups import SWITCH, canonical_yaml, table

RULES = Path(__file__).resolve().parent.parent / "rules"


def paired(name: str, fast: Callable[[], Any], library: Callable[[], Any], rounds: int) -> None:
    """Time ``fast`` and ``library`` in turn and print the medians and the ratio."""
    ratios, fasts, libraries = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        fast()
        middle = time.perf_counter()
        library()
        end = time.perf_counter()
        fasts.append(middle - start)
        libraries.append(end - middle)
        ratios.append((end - middle) / (middle - start))
    print(
        f"{name:44} {statistics.median(fasts) * 1e3:8.1f} ms {statistics.median(libraries) * 1e3:8.1f} ms"
        f"  {statistics.median(ratios):5.2f}x (min {min(ratios):.2f}, max {max(ratios):.2f})"
    )


def _queries() -> list[str]:
    """The name/wildcard JSONPath queries of the shipped rule sets."""
    found = set()
    for path in RULES.rglob("*.yaml"):
        found |= {q.strip() for q in re.findall(r": ['\"]?(\$[^'\"\n]*)", path.read_text())}
    out = []
    for query in sorted(found):
        try:
            if _plan(query) is not None:
                out.append(query)
        except jsonpath.JSONPathError:  # not a query after all
            pass
    return out


def main() -> None:
    """Command line: ``DIR [--rounds N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--only", choices=["yaml"], help="only the YAML readers' pairs")
    args = parser.parse_args()
    os.environ[SWITCH] = "1"  # whatever the caller's environment says: measure the speedups
    paths = sorted(p for p in args.folder.rglob("*.yaml") if p.name != "spguard.yaml")
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    lines = [line for _, text in texts for line in text.splitlines()]
    docs = [parse_yaml(text, name)[0] for name, text in texts]
    queries = _queries()
    print(f"{len(texts)} files, {len(set(lines)) / len(lines):.1%} of their lines distinct")
    print(f"{len(queries)} name/wildcard JSONPath queries of the shipped rule sets")
    print(f"{'':44} {'speedup':>11} {'library':>11}  library/speedup")

    def cold_parse() -> None:
        canonical_yaml.clear_cache()
        for _, text in texts:
            canonical_yaml.parse_canonical(text)

    def cold_positions() -> None:
        canonical_yaml.clear_cache()
        for _, text in texts:
            canonical_yaml.positions(text)

    if yaml_rs is not None:
        _yaml_rs_pairs(texts, cold_parse, args.rounds)
    if args.only == "yaml":
        return
    for name, text in texts:
        assert canonical_yaml.positions(text) in (None, compose(text)), name
    paired(
        "YAML: parse_canonical vs parse_yaml",
        cold_parse,
        lambda: [parse_yaml(t, n) for n, t in texts],
        args.rounds,
    )
    paired(
        "positions: canonical vs compose",
        cold_positions,
        lambda: [compose(t) for _, t in texts],
        args.rounds,
    )

    def library_find(query: str, data: Any) -> list[tuple[Any, Any]]:
        return [(tuple(node.location), node.value) for node in compile_path(query).find(data)]

    assert all(find(q, d) == library_find(q, d) for q in queries for d in docs)
    paired(
        "JSONPath find: plan vs library",
        lambda: [find(q, d) for q in queries for d in docs],
        lambda: [library_find(q, d) for q in queries for d in docs],
        args.rounds,
    )
    paired(
        "JSONPath values: plan vs library",
        lambda: [values(q, d) for q in queries for d in docs],
        lambda: [[n.value for n in compile_path(q).find(d)] for q in queries for d in docs],
        args.rounds,
    )

    rows = [
        [f"{i}:1", "warning", "MED001", "rule", f"message {i}", f"$.spec.items[{i}]"]
        for i in range(40)
    ]
    headers = ["where", "severity", "code", "rule", "message", "path"]

    def library_table() -> list[str]:
        text = tabulate(rows, headers, tablefmt="simple", disable_numparse=True)
        return [line.rstrip() for line in text.split("\n")]

    assert table.simple(rows, headers) == library_table()
    paired(
        "100 tables of 40 rows: table vs tabulate",
        lambda: [table.simple(rows, headers) for _ in range(100)],
        lambda: [library_table() for _ in range(100)],
        args.rounds,
    )


def _yaml_rs_pairs(
    texts: list[tuple[str, str]], cold_parse: Callable[[], None], rounds: int
) -> None:
    """The canonical reader (line memory cleared) against yaml-rs, bare and guarded; both
    give parse_yaml's values, checked first."""
    docs = [parse_yaml(text, name)[0] for name, text in texts]
    guarded = [parse_yaml_rs(text) for _, text in texts]
    assert all(value in (None, doc) for value, doc in zip(guarded, docs, strict=True))
    left = sum(value is None for value in guarded)
    print(f"parse_yaml_rs leaves {left} of {len(texts)} files to libyaml")

    def rs_guarded() -> None:
        for name, text in texts:
            if parse_yaml_rs(text) is None:
                parse_yaml(text, name)

    paired(
        "YAML: parse_canonical vs yaml_rs.loads bare",
        cold_parse,
        lambda: [yaml_rs.loads(t, parse_datetime=False) for _, t in texts],
        rounds,
    )
    paired(
        "YAML: parse_canonical vs yaml-rs guarded, no libyaml",  # a bound: the guard's own cost
        cold_parse,
        lambda: [parse_yaml_rs(t) for _, t in texts],
        rounds,
    )
    paired("YAML: parse_canonical vs yaml-rs guarded", cold_parse, rs_guarded, rounds)


if __name__ == "__main__":
    main()
