"""The schema check alone, per artifact: jsonschema vs the compiled pre-check, in one run.

    python -m bench.validate_speed --artifacts 3000          # generates a corpus in a tmp dir
    python -m bench.validate_speed --tree examples/sp-config

Parses every file once (not timed), then times, over the same documents: ``jsonschema``
(``kind.validator.iter_errors``, what validate used before), the jsonschema-rs pre-check alone
(``is_valid``), and ``kind.schema_errors`` as validate uses it now (pre-check, then jsonschema
for the rejected ones). Prints ms per artifact (best of ``--repeat``)."""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import generate
from sp_config_guard.load.loader import iter_files, load_document
from sp_config_guard.model.kinds import Kind, default_registry


def _best_ms(run: Callable[[], None], count: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000 / max(1, count)


def measure(tree: Path, repeat: int, limit: int | None = None) -> dict[str, float]:
    """ms per artifact of each way of checking the schemas of the artifacts under ``tree``
    (the first ``limit`` of them, if given)."""
    registry = default_registry()
    docs: list[tuple[Kind, Any]] = []
    for path, display in list(iter_files([tree], tree))[:limit]:
        data = load_document(path, display).data
        if isinstance(data, dict) and data.get("kind") in registry:
            docs.append((registry.get(data["kind"]), data))
    for kind in registry:  # compile outside the timings
        _ = kind.validator, kind.fast_validator

    def slow() -> None:
        for kind, data in docs:
            list(kind.validator.iter_errors(data))

    def precheck() -> None:
        for kind, data in docs:
            assert kind.fast_validator is not None
            kind.fast_validator.is_valid(data)

    def combined() -> None:
        for kind, data in docs:
            list(kind.schema_errors(data))

    return {
        "artifacts": len(docs),
        "jsonschema_ms": _best_ms(slow, len(docs), repeat),
        "precheck_ms": _best_ms(precheck, len(docs), repeat),
        "schema_errors_ms": _best_ms(combined, len(docs), repeat),
    }


def main() -> None:
    """Command line: ``--artifacts N`` (generated) or ``--tree DIR``; ``--repeat R``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tree", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spguard-vspeed-") as tmp:
        tree = args.tree or Path(tmp)
        if args.tree is None:
            generate(args.artifacts, args.seed, tree)
        figures = measure(tree, args.repeat)
    print(f"artifacts: {figures['artifacts']:.0f} ({args.tree or 'generated'})")
    print(f"jsonschema iter_errors:           {figures['jsonschema_ms']:.3f} ms/artifact")
    print(f"jsonschema-rs pre-check only:     {figures['precheck_ms']:.3f} ms/artifact")
    print(f"schema_errors (pre-check + slow): {figures['schema_errors_ms']:.3f} ms/artifact")
    ratio = figures["jsonschema_ms"] / max(figures["schema_errors_ms"], 1e-9)
    print(
        f"speed-up: {ratio:.1f}x; target <= 0.3 ms/artifact: "
        f"{'met' if figures['schema_errors_ms'] <= 0.3 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
