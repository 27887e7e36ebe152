"""The upgrade benchmark: ``spguard upgrade --dry-run`` beside ``spguard drift`` on one corpus,
in one run, after every standard released a new revision.

    python -m bench.upgrade --artifacts 3000      # a few minutes on a busy 2-core machine
    python -m bench.upgrade --artifacts 20000     # the issue's size (a quiet machine)

The corpus (:mod:`bench.corpus`) is committed to a fresh git repository; then every central
standard releases its next revision (its ``revision`` bumped, one locked or adaptable scalar
of its spec changed, as a focus area would) in a second commit, so that the copies made at the
old revision are stale and their bases are in git history: the work ``upgrade`` does (a base
per standard and revision, a three-way merge and the new text per stale copy) and the work
``drift`` does (a base per standard and revision, every copy classified), both on every core. Each command runs twice, alternating, after one
untimed run that fills the parse cache; the best time of each counts. Target (issue #16):
``upgrade --dry-run`` within 1.5x ``drift``. Writes bench/results/upgrade-<N>.json and .md."""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.corpus import generate
from bench.run import RESULTS, Measure, timed_command
from sp_config_guard.load.loader import iter_files, load_document
from sp_config_guard.model.envelope import revision_key
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, render

TARGET = 1.5


def _git(root: Path, *args: str) -> None:
    who = ["-c", "user.name=Bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", *who, *args], cwd=root, check=True, capture_output=True)


def _next(revision: str) -> str:
    year, number = revision_key(revision) or (2026, 0)
    return f"{year}.{number + 1}"


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    return f"{value} (ny revision)"


def release(corpus: Path) -> int:
    """Every central standard's next revision: one governed scalar of its spec changed (the
    first one whose change the schema accepts); returns how many were released."""
    registry = default_registry()
    released = 0
    for path, display in iter_files([corpus], corpus):
        data = load_document(path, display).data
        if (data.get("scope") or {}).get("level") != "central" or "revision" not in data:
            continue
        kind = registry.get(data["kind"])
        data["revision"] = _next(str(data["revision"]))
        for key, value in (data.get("spec") or {}).items():
            node = kind.root.child("spec")
            child = node.child(key) if node is not None else None
            governed = child is not None and child.governance_contract in ("locked", "adaptable")
            if governed and isinstance(value, bool | int | float | str) and key != "id":
                data["spec"][key] = _changed(value)
                if kind.fast_validator is None or kind.fast_validator.is_valid(data):
                    break
                data["spec"][key] = value
        path.write_text(render(canonicalise(data, kind)), encoding="utf-8")
        released += 1
    return released


def run(artifacts: int, seed: int, workdir: Path) -> dict[str, Any]:
    """Generate, commit, release, then time drift and upgrade --dry-run side by side."""
    corpus = workdir / f"upgrade-corpus-{artifacts}-{seed}"
    shutil.rmtree(corpus, ignore_errors=True)
    info = generate(artifacts, seed, corpus)
    _git(corpus, "init", "-q", "-b", "main")
    _git(corpus, "add", "-A")
    _git(corpus, "commit", "-qm", "standards and copies")
    released = release(corpus)
    _git(corpus, "commit", "-qam", "every standard's next revision")
    spguard = [sys.executable, "-m", "sp_config_guard", "--quiet"]
    env = {"SPGUARD_CACHE_DIR": str(workdir / "cache")}
    drift = [*spguard, "drift", ".", "--format", "json"]
    upgrade = [*spguard, "upgrade", "--dry-run", "--format", "json"]
    timed_command("warm-up: drift", drift, corpus, env)
    runs: dict[str, list[Measure]] = {"drift": [], "upgrade --dry-run": []}
    for _ in range(2):
        runs["drift"].append(timed_command("drift", drift, corpus, env))
        runs["upgrade --dry-run"].append(timed_command("upgrade --dry-run", upgrade, corpus, env))
    best = {name: min(found, key=lambda m: m.seconds) for name, found in runs.items()}
    summary = json.loads(
        subprocess.run(upgrade, cwd=corpus, capture_output=True, text=True, check=False).stdout
    )["summary"]
    ratio = best["upgrade --dry-run"].seconds / best["drift"].seconds
    return {
        "artifacts": info["artifacts"],
        "seed": seed,
        "standards_released": released,
        "upgrade_summary": summary,
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "steps": [
            {"name": m.name, "seconds": round(m.seconds, 3), "peak_rss_mb": round(m.peak_rss_mb, 1)}
            for m in best.values()
        ],
        "all_seconds": {name: [round(m.seconds, 3) for m in found] for name, found in runs.items()},
        "target": {"name": f"upgrade --dry-run <= {TARGET} x drift", "ratio": round(ratio, 3)},
        "met": ratio <= TARGET,
    }


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def markdown(report: dict[str, Any]) -> str:
    """The result as a Markdown table."""
    lines = [
        f"# upgrade benchmark: {report['artifacts']} artifacts (seed {report['seed']})",
        "",
        f"{report['standards_released']} standards released a new revision; upgrade --dry-run: "
        + ", ".join(f"{k} {v}" for k, v in report["upgrade_summary"].items()),
        "",
        "| step | best seconds | peak RSS MB |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {s['name']} | {s['seconds']} | {s['peak_rss_mb']} |" for s in report["steps"]]
    target = report["target"]
    verdict = "met" if report["met"] else "NOT met"
    lines += ["", f"{target['name']}: {target['ratio']} ({verdict})", ""]
    return "\n".join(lines)


def main() -> None:
    """Command line: ``--artifacts N --seed S [--workdir DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        report = run(args.artifacts, args.seed, args.workdir or Path(scratch))
    RESULTS.mkdir(exist_ok=True)
    name = f"upgrade-{report['artifacts']}"
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))


if __name__ == "__main__":
    main()
