"""The benchmark: floors and spguard on one generated corpus, in one run.

    python -m bench.run --artifacts 20000 --spectral   # about 3 minutes on 2 cores
    python -m bench.run --artifacts 100000             # about 8 minutes, 1 GB of corpus

Measures, on the same files: the single-process PyYAML CSafeLoader parse floor, the json.loads
floor (the same data as JSON), and spguard normalize --check, validate, lint cold (no cache),
lint warm (cache, nothing changed), drift (at 100,000 also drift of a tenth of the corpus,
right after it, for the growth target), a lint of 3 changed files in the stat mode, and
the pre-commit hook in git mode (bench/precommit.py: the corpus committed, 3 staged edits and
1 staged deletion, against their floor), start-up (bench/startup.py: --help and a lint of
one file of the example, against python -c pass) - each as wall seconds, ratio to the floors, and peak
RSS of the process - then checks the targets of the performance issues (#19's for speed). Writes bench/results/<N>.json and .md and prints the table.
Optionally (``--spectral``, needs npm) Spectral with equivalent rules. Every file is read once
before the first step, so no step pays for the disk."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import generate
from bench.validate_speed import measure as measure_schema

RESULTS = Path(__file__).resolve().parent / "results"
PACKAGE = Path(__file__).resolve().parent.parent / "sp_config_guard"


@dataclass
class Measure:
    """One timed step."""

    name: str
    seconds: float
    peak_rss_mb: float
    exit_code: int = 0


def timed_command(
    name: str,
    args: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0, 1),
) -> Measure:
    """Run a command once; wall time and the child's peak RSS (from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        err = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{name} failed with exit code {code}: {err[-2000:]}")
    return Measure(name, seconds, usage.ru_maxrss / 1024, code)


def median_command(
    name: str, args: list[str], cwd: Path, env: dict[str, str] | None = None, runs: int = 7
) -> Measure:
    """A short command run ``runs`` times after one warm-up: the median wall time, the
    largest peak RSS (one run of a fraction of a second is mostly noise)."""
    timed_command(name, args, cwd, env)
    return median([timed_command(name, args, cwd, env) for _ in range(runs)])


def median(measures: list[Measure]) -> Measure:
    """The run of median wall time, with the largest peak RSS of the runs."""
    middle = sorted(measures, key=lambda m: m.seconds)[len(measures) // 2]
    peak = max(m.peak_rss_mb for m in measures)
    return Measure(middle.name, middle.seconds, peak, middle.exit_code)


def _floor_script(kind: str, folder: Path) -> list[str]:
    code = {
        "yaml": (
            "import sys,yaml,pathlib\n"
            "L=yaml.CSafeLoader\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
            "    yaml.load(p.read_bytes(), Loader=L)\n"
        ),
        "json": (
            "import sys,json,pathlib\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.json')):\n"
            "    json.loads(p.read_bytes())\n"
        ),
    }[kind]
    return [sys.executable, "-c", code, str(folder)]


def _json_copy(corpus: Path, target: Path) -> None:
    for path in corpus.rglob("*.yaml"):
        if path.name == "spguard.yaml":
            continue
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        out = target / path.relative_to(corpus).with_suffix(".json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, default=str), encoding="utf-8")


def _read_all(*folders: Path) -> None:
    """Read every file once, so that every step (the floors first) finds them in the page
    cache: otherwise the first step timed pays for the disk."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                path.read_bytes()


def _changed_files(corpus: Path, count: int = 3) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.yaml") if "/Medication/" in p.as_posix())[:count]
    for path in files:  # a real edit: a comment-free canonical change of one value
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("owner: ", "owner: Ændret ", 1), encoding="utf-8")
    return files


def _smaller_drift(
    artifacts: int, seed: int, workdir: Path, spguard: list[str], today: list[str]
) -> Measure:
    """Drift of a smaller corpus as the big one's drift runs (its cache filled by a lint
    first), the median of 3 runs: the growth ratio is of two figures of the same minutes."""
    corpus = workdir / f"corpus-{artifacts}-{seed}"
    if not (corpus / "planted.json").is_file():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(artifacts, seed, corpus)
    cache = workdir / f"cache-{artifacts}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"SPGUARD_CACHE_DIR": str(cache)}
    timed_command("lint, cache filled", [*spguard, "lint", ".", *today], corpus, env)
    drift = [*spguard, "drift", ".", "--format", "json"]
    return median_command(f"drift, {artifacts} artifacts", drift, corpus, env, runs=3)


def run(artifacts: int, seed: int, workdir: Path, spectral: bool) -> dict[str, object]:
    """Generate the corpus, measure every step, and compare with the targets."""
    corpus = workdir / f"corpus-{artifacts}-{seed}"
    if not (corpus / "planted.json").is_file():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(artifacts, seed, corpus)
    as_json = workdir / f"corpus-{artifacts}-{seed}-json"
    if not as_json.is_dir():
        _json_copy(corpus, as_json)
    _read_all(corpus, as_json)
    # as an installed package is: compiled (PYTHONDONTWRITEBYTECODE would compile every import)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PACKAGE)], check=True)
    spguard = [sys.executable, "-m", "sp_config_guard", "--quiet"]
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"SPGUARD_CACHE_DIR": str(cache)}
    today = ["--today", "2026-11-23"]
    steps = [
        timed_command("floor: CSafeLoader, 1 process", _floor_script("yaml", corpus), corpus),
        timed_command("floor: json.loads, 1 process", _floor_script("json", as_json), corpus),
        timed_command("normalize --check", [*spguard, "normalize", "--check", "."], corpus, env),
        timed_command("validate", [*spguard, "validate", "."], corpus, env),
        timed_command(
            "lint, cold (no cache)", [*spguard, "lint", ".", *today, "--no-cache"], corpus, env
        ),
        timed_command("lint, cache filled", [*spguard, "lint", ".", *today], corpus, env),
        timed_command("lint, warm (nothing changed)", [*spguard, "lint", ".", *today], corpus, env),
        timed_command("drift", [*spguard, "drift", ".", "--format", "json"], corpus, env),
    ]
    if artifacts >= 100000:
        steps.append(_smaller_drift(artifacts // 10, seed, workdir, spguard, today))
    changed = _changed_files(corpus)
    steps.append(
        timed_command(
            "pre-commit, stat mode: lint 3 changed files, warm",
            [*spguard, "lint", *map(str, changed), *today],
            corpus,
            env,
        )
    )
    from bench.precommit import precommit_steps  # they use this module's timing
    from bench.startup import startup_steps, startup_targets

    steps += precommit_steps(corpus, spguard, env, cache, today)
    start = startup_steps()
    steps += start
    if spectral and shutil.which("npx"):
        steps += _spectral(corpus, spguard, env)
    schema = measure_schema(corpus, repeat=1, limit=10000)
    by_name = {m.name: m for m in steps}
    yaml_floor = by_name["floor: CSafeLoader, 1 process"].seconds
    json_floor = by_name["floor: json.loads, 1 process"].seconds
    cold = by_name["lint, cold (no cache)"].seconds
    targets = [
        ("cold lint <= 0.6 x CSafeLoader floor", cold / yaml_floor, 0.6),
        (
            "warm lint <= 1.0 x json floor",
            by_name["lint, warm (nothing changed)"].seconds / json_floor,
            1.0,
        ),
        ("drift <= 1.0 x cold lint", by_name["drift"].seconds / cold, 1.0),
        (
            "pre-commit, git mode (3 staged files) < 0.4 s",
            by_name["pre-commit, git mode: 3 staged files"].seconds,
            0.4,
        ),
        (
            "pre-commit, git mode (3 staged files) <= 1.5 x its floor",
            by_name["pre-commit, git mode: 3 staged files"].seconds
            / by_name["floor: pre-commit (3 staged files)"].seconds,
            1.5,
        ),
        (
            "pre-commit, git mode (1 deleted file) < 0.4 s",
            by_name["pre-commit, git mode: 1 deleted file"].seconds,
            0.4,
        ),
        (
            "pre-commit, git mode (1 deleted file) <= 1.5 x the floor",
            by_name["pre-commit, git mode: 1 deleted file"].seconds
            / by_name["floor: pre-commit (3 staged files)"].seconds,
            1.5,
        ),
        (
            "peak RSS (spguard) < 1 GB",
            max(m.peak_rss_mb for m in steps if not m.name.startswith("spectral")) / 1024,
            1.0,
        ),
        ("validate: schema check <= 0.3 ms per artifact", schema["schema_errors_ms"], 0.3),
        *startup_targets(start),
    ]
    if "spectral, 5 rules" in by_name:
        spectral_s = by_name["spectral, 5 rules"].seconds
        targets += [
            (
                "Spectral / spguard cold, same rules >= 3",
                spectral_s / by_name["spguard, same 5 rules, cold"].seconds,
                3.0,
            ),
            (
                "Spectral / spguard warm, same rules >= 20",
                spectral_s / by_name["spguard, same 5 rules, warm"].seconds,
                20.0,
            ),
        ]
    if artifacts >= 100000:
        smaller = by_name[f"drift, {artifacts // 10} artifacts"].seconds
        targets.append(
            (
                f"drift growth {artifacts // 10} -> {artifacts} <= 10.5x",
                by_name["drift"].seconds / smaller,
                10.5,
            )
        )
    return {
        "artifacts": artifacts,
        "seed": seed,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "schema_check_ms_per_artifact": schema,
        "steps": [
            m.__dict__
            | {"x_yaml_floor": m.seconds / yaml_floor, "x_json_floor": m.seconds / json_floor}
            for m in steps
        ],
        "targets": [
            {
                "target": t,
                "value": round(v, 3),
                "limit": limit,
                "met": v >= limit if ">=" in t else v < limit if " < " in t else v <= limit,
            }
            for t, v, limit in targets
        ],
    }


EQUIVALENT_RULES = Path(__file__).resolve().parent / "equivalent-rules.yaml"
# The rules of equivalent-rules.yaml, as Spectral writes them.
SPECTRAL_RULES = """\
rules:
  atc-code-shape:
    given: $.spec.atc
    then: {function: pattern, functionOptions: {match: '^[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}$'}}
  name-not-blank:
    given: $.name
    then: {function: pattern, functionOptions: {match: '^\\S.*$'}}
  id-shape:
    given: $.id
    then: {function: pattern, functionOptions: {match: '^[0-9A-Za-z_.-]+$'}}
  status-known:
    given: $.status
    then: {function: enumeration, functionOptions: {values: [active, inactive, draft, retired]}}
  contact-email-shape:
    given: $.spec.contact.email
    severity: warn
    then: {function: pattern, functionOptions: {match: '^[^@ ]+@[^@ ]+$'}}
"""


def _spectral(corpus: Path, spguard: list[str], env: dict[str, str]) -> list[Measure]:
    """Spectral and spguard with the same five rules on the same files."""
    ruleset = corpus.parent / "spectral-rules.yaml"
    ruleset.write_text(SPECTRAL_RULES, encoding="utf-8")
    rules = ["--ruleset", str(EQUIVALENT_RULES), "--today", "2026-11-23"]
    spectral = [
        "npx",
        "--yes",
        "@stoplight/spectral-cli",
        "lint",
        "--quiet",
        "--ruleset",
        str(ruleset),
        "--fail-severity",
        "error",
        "**/*.yaml",
    ]
    cold = [*spguard, "lint", ".", *rules, "--no-cache"]
    warm = [*spguard, "lint", ".", *rules]
    return [
        timed_command("spectral, 5 rules", spectral, corpus, ok=(0, 1, 2)),
        timed_command("spguard, same 5 rules, cold", cold, corpus, env),
        timed_command("spguard, same 5 rules, cache filled", warm, corpus, env),
        timed_command("spguard, same 5 rules, warm", warm, corpus, env),
    ]


def markdown(report: dict[str, object]) -> str:
    """The results as Markdown tables."""
    steps = report["steps"]
    assert isinstance(steps, list)
    lines = [
        f"Corpus: {report['artifacts']} artifacts (seed {report['seed']}), {report['machine']}",
        "",
        "| step | seconds | x CSafeLoader floor | x json floor | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {s['name']} | {s['seconds']:.2f} | {s['x_yaml_floor']:.2f} | {s['x_json_floor']:.2f} | {s['peak_rss_mb']:.0f} |"
        for s in steps
    ]
    schema = report["schema_check_ms_per_artifact"]
    assert isinstance(schema, dict)
    lines += [
        "",
        f"Schema check alone, ms per artifact ({schema['artifacts']:.0f} artifacts, one pass): "
        f"jsonschema {schema['jsonschema_ms']:.3f}, jsonschema-rs pre-check "
        f"{schema['precheck_ms']:.3f}, as validate runs it {schema['schema_errors_ms']:.3f}.",
    ]
    lines += ["", "| target | value | limit | met |", "| --- | ---: | ---: | --- |"]
    targets = report["targets"]
    assert isinstance(targets, list)
    lines += [
        f"| {t['target']} | {t['value']} | {t['limit']} | {'yes' if t['met'] else 'NO'} |"
        for t in targets
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "spguard-bench"
    )
    parser.add_argument(
        "--spectral",
        action="store_true",
        help="Also time Spectral (needs npm and the npm registry).",
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    report = run(args.artifacts, args.seed, args.workdir, args.spectral)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.artifacts}.json").write_text(
        json.dumps(report, indent=2) + "\n", encoding="utf-8"
    )
    text = markdown(report)
    (RESULTS / f"{args.artifacts}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
