"""The drift history benchmark (#17 item 6): ``drift --history`` over a generated repository
of 50 commits against 50 independent ``drift`` runs (one per commit, checked out) and one
``drift`` run, measured in one run.

    python -m bench.history --artifacts 5000      # a few minutes on 2 busy cores
    python -m bench.history --artifacts 20000 --runs 5   # the issue's size; 5 of the 50
                                                         # drift runs timed, scaled to 50

The repository is :mod:`bench.corpus` committed, then 49 commits a day apart, each changing
about 2% of the local variants (one scalar field each, as a department's edit does: a change
the schema rejects is not made) and, every 7th, releasing a new revision of two standards (its
revision and one governed value). Every ``spguard`` run is a fresh process with the cache in a
folder of the benchmark's own; ``drift`` runs with the cache filled by the run before (as a
monthly job finds it), ``drift --history`` never needs it (it reads git objects). The target:
``drift --history`` <= 5 x one ``drift``. Writes bench/results/history-<N>.json and prints the
table."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.corpus import _get, _mutate, _scalars, _set, generate
from bench.run import RESULTS, Measure, _read_all, timed_command
from sp_config_guard.load.loader import load_document
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, render

COMMITS = 50
CHANGED = 0.02
RELEASE_EVERY = 7


def _git(repo: Path, *args: str, day: int = 0) -> str:
    stamp = f"{1767265200 + day * 86400} +0100"  # 2026-01-01 12:00 in Copenhagen, + days
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    run = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return run.stdout.decode()


def _edit(path: Path, rnd: random.Random, release: str | None = None) -> bool:
    """Change one scalar of the artifact's ``spec`` (and with ``release``, its revision)."""
    registry = default_registry()
    data = load_document(path, path.name).data
    kind = registry.get(data["kind"])
    leaves = [leaf for leaf in _scalars(data.get("spec", {}), ("spec",)) if leaf[-1] != "id"]
    rnd.shuffle(leaves)
    for leaf in leaves[:10]:
        before = _get(data, leaf)
        _set(data, leaf, _mutate(before, rnd))
        if kind.fast_validator is None or kind.fast_validator.is_valid(data):
            break
        _set(data, leaf, before)
    else:
        if release is None:
            return False
    if release is not None:
        data["revision"] = release
    path.write_text(render(canonicalise(data, kind)), encoding="utf-8")
    return True


def build(artifacts: int, seed: int, repo: Path) -> dict[str, Any]:
    """The corpus committed, then the other commits; the files changed per commit."""
    rnd = random.Random(seed)
    generate(artifacts, seed, repo)
    (repo / ".gitignore").write_text(".spguard-cache/\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", "corpus", day=0)
    files = sorted(p for p in repo.rglob("*.yaml") if p.parent.name[:1].isupper())
    central = [p for p in files if p.relative_to(repo).parts[0] == "central"]
    local = [p for p in files if p not in central]
    changed = []
    for day in range(1, COMMITS):
        count = 0
        for path in rnd.sample(local, max(1, int(len(local) * CHANGED))):
            count += _edit(path, rnd)
        if day % RELEASE_EVERY == 0:
            for path in rnd.sample(central, 2):
                count += _edit(path, rnd, release=f"2027.{day}")
        changed.append(count)
        _git(repo, "commit", "-q", "-a", "--no-verify", "-m", f"day {day}", day=day)
    return {"files": len(files), "changed_per_commit": sum(changed) / len(changed)}


def run(artifacts: int, seed: int, workdir: Path, runs: int = COMMITS) -> dict[str, Any]:
    """Build the repository and time the three, in this order; ``runs``: of the independent
    drift runs, time only this many (evenly spread over the commits) and scale their sum to
    all commits (said so in the step's name)."""
    repo = workdir / f"history-{artifacts}-{seed}"
    shutil.rmtree(repo, ignore_errors=True)
    built = build(artifacts, seed, repo)
    spguard = [sys.executable, "-m", "sp_config_guard", "--quiet"]
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"SPGUARD_CACHE_DIR": str(cache)}
    _read_all(repo)
    commits = _git(repo, "rev-list", "--reverse", "HEAD").split()
    out = workdir / "out.json"
    drift = [*spguard, "drift", ".", "--format", "json", "--output", str(out)]
    cold = timed_command("drift, cold (no cache)", drift, repo, {**env, "SPGUARD_NO_CACHE": "1"})
    filled = timed_command("drift, cache filled", drift, repo, env)
    one = timed_command("drift, one run (warm cache)", drift, repo, env)
    history = timed_command(
        "drift --history (50 commits)", [*drift, "--history"], repo, env, ok=(0, 1)
    )
    points = len(json.loads(out.read_text(encoding="utf-8"))["points"])
    tree = workdir / "checkout"
    shutil.rmtree(tree, ignore_errors=True)
    _git(repo, "worktree", "prune")
    _git(repo, "worktree", "add", "-q", "--detach", str(tree), commits[0])
    seconds = 0.0
    picked = commits[:: max(1, len(commits) // max(1, runs))][:runs]
    for commit in picked:  # each step's tree checked out (not timed), then drift (timed)
        _git(tree, "checkout", "-q", "--detach", commit)
        at = [*spguard, "drift", ".", "--format", "json", "--output", str(out)]
        seconds += timed_command(f"drift {commit[:8]}", at, tree, env).seconds
    name = f"{len(commits)} independent drift runs"
    if len(picked) < len(commits):
        name += f" ({len(picked)} timed, x {len(commits) / len(picked):.1f})"
        seconds *= len(commits) / len(picked)
    each = Measure(name, seconds, 0.0)
    steps = [cold, filled, one, history, each]
    return {
        "artifacts": artifacts,
        "seed": seed,
        "commits": len(commits),
        "points": points,
        **built,
        "steps": [m.__dict__ for m in steps],
        "ratios": {
            "history / one drift (warm)": history.seconds / one.seconds,
            "history / one drift (cold)": history.seconds / cold.seconds,
            "50 drift runs / history": each.seconds / history.seconds,
        },
        "target": {"history <= 5 x one drift": history.seconds / one.seconds <= 5.0},
    }


def main() -> None:
    """Command line: ``--artifacts N --seed S [--workdir DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--runs", type=int, default=COMMITS, help="independent drift runs timed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        report = run(args.artifacts, args.seed, args.workdir or Path(scratch), args.runs)
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"history-{args.artifacts}.json"
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for step in report["steps"]:
        print(f"{step['name']:<36} {step['seconds']:8.2f} s  {step['peak_rss_mb']:7.0f} MB")
    for name, ratio in report["ratios"].items():
        print(f"{name:<36} {ratio:8.2f}")
    print(json.dumps(report["target"]))


if __name__ == "__main__":
    main()
