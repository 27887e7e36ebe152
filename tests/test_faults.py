"""Faults: a real ``spguard`` killed (SIGKILL) at seeded random points while it writes leaves
every output file old-and-complete or new-and-complete and the cache usable; a full disk
gives a clear error naming the file and leaves the old file intact; four concurrent lint runs
sharing one cache agree with a single run.

The kill points are spread over the measured length of one uninterrupted run, so on a slow
or loaded machine they still fall before, during and after the writes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sp_config_guard import api
from sp_config_guard.load.cache import FORMAT
from tests.conftest import MEDICATION, MEDICATION_YAML, Spguard

KILLS = 12
COPIES = 4  # runs killed at once, each on its own copy
CLI = [sys.executable, "-m", "sp_config_guard"]


def _medication(index: int, version: str, high_alert: bool = False) -> dict[str, object]:
    return {
        **MEDICATION,
        "id": str(100200 + index),
        "name": f"Version {version} medication {index}",
        "spec": {**MEDICATION["spec"], "high_alert": high_alert},  # type: ignore[dict-item]
    }


def _tree(root: Path) -> dict[str, bytes]:
    """Every visible file under ``root`` (hidden temporary files of a killed write aside)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def _timed(runs: list[tuple[list[str], Path]]) -> float:
    """Seconds the slowest of the runs takes when they run at once (as the kills do)."""
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [*CLI, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for args, cwd in runs
    ]
    for proc in procs:
        proc.wait(timeout=120)
    return time.monotonic() - started


def _kill_at(runs: list[tuple[list[str], Path, float]]) -> None:
    """Start every (ARGS, folder, delay) at once and SIGKILL each after its delay (if it
    still runs): four kills at a time keep the test short on a loaded machine."""
    procs = [
        (
            subprocess.Popen(
                [*CLI, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            ),
            delay,
        )
        for args, cwd, delay in runs
    ]
    started = time.monotonic()
    for proc, delay in sorted(procs, key=lambda item: item[1]):
        try:
            proc.wait(timeout=max(0.0, started + delay - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
    for proc, _ in procs:
        proc.wait(timeout=60)


def _rounds(seed: int, length: float) -> list[list[float]]:
    """:data:`KILLS` seeded kill delays over the length of a run, in rounds of four: one in
    each twelfth of 0.2 to 1.1 run lengths (so they fall before, during and after the
    writes however the seed falls), shuffled over the rounds."""
    rng = random.Random(seed)
    delays = [(0.2 + 0.9 * (i + rng.random()) / KILLS) * length for i in range(KILLS)]
    rng.shuffle(delays)
    return [delays[i : i + COPIES] for i in range(0, KILLS, COPIES)]


def test_normalize_killed_leaves_old_or_new_files(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()

    def export(version: str) -> None:
        records = [_medication(i, version) for i in range(80)]
        (exports / "medicin.json").write_text(json.dumps(records), encoding="utf-8")

    old, new = tmp_path / "old", tmp_path / "new"
    export("A")
    subprocess.run([*CLI, "normalize", "--out", old, exports], check=True, capture_output=True)
    export("B")
    news = [new, *(tmp_path / f"new{i}" for i in range(1, COPIES))]
    length = _timed([(["normalize", "--out", str(n), str(exports)], tmp_path) for n in news])
    old_files, new_files = _tree(old), _tree(new)
    assert len(old_files) == len(new_files) == 80
    outs = [tmp_path / f"out{i}" for i in range(COPIES)]
    for out in outs:
        shutil.copytree(old, out)
    for delays in _rounds(1, length):
        _kill_at(
            [
                (["normalize", "--out", str(out), str(exports)], tmp_path, delay)
                for out, delay in zip(outs, delays, strict=True)
            ]
        )
        for out in outs:
            files = _tree(out)
            assert sorted(files) == sorted(old_files)
            for name, data in files.items():
                assert data in (old_files[name], new_files[name]), name
    subprocess.run([*CLI, "normalize", "--out", outs[0], exports], check=True, capture_output=True)
    assert _tree(outs[0]) == new_files


def _repository(root: Path, flagged: range) -> Path:
    """A repository of 60 medications; those in ``flagged`` are high-alert without a double
    check (MED001)."""
    folder = root / "central" / "Medication"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    for index in range(60):
        text = MEDICATION_YAML.replace("100101", str(100200 + index))
        if index in flagged:
            text = text.replace("high_alert: false", "high_alert: true")
        (folder / f"{100200 + index}.yaml").write_text(text, encoding="utf-8")
    return root


def _baselined(root: Path) -> tuple[Path, bytes]:
    """A repository with a baseline of its findings, then changed so that an update would
    rewrite the baseline; and the old baseline's bytes."""
    repo = _repository(root, range(0, 20))
    subprocess.run([*CLI, "baseline", "create"], cwd=repo, check=True, capture_output=True)
    old = (repo / "baseline.yaml").read_bytes()
    _repository(repo, range(10, 40))
    return repo, old


def test_baseline_update_killed_leaves_old_or_new_file(tmp_path: Path) -> None:
    repo, old = _baselined(tmp_path / "repo")
    references = [tmp_path / f"reference{i}" for i in range(COPIES)]
    for reference in references:
        shutil.copytree(repo, reference)
    length = _timed([(["baseline", "update"], reference) for reference in references])
    new = (references[0] / "baseline.yaml").read_bytes()
    assert old != new and b"MED001" in old and b"MED001" in new
    repos = [tmp_path / f"repo{i}" for i in range(COPIES)]
    for copy in repos:
        shutil.copytree(repo, copy)
    for delays in _rounds(2, length):
        _kill_at(
            [
                (["baseline", "update"], copy, delay)
                for copy, delay in zip(repos, delays, strict=True)
            ]
        )
        for copy in repos:
            assert (copy / "baseline.yaml").read_bytes() in (old, new)


def _records(result: api.Result) -> list[dict[str, object]]:
    return [{**r, "value": str(r["value"])} for r in result.as_records()]


def _cache_is_sound(repo: Path) -> None:
    db = sqlite3.connect(repo / ".spguard-cache" / f"cache-{FORMAT}.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


def test_lint_killed_during_cache_writes_leaves_a_usable_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = [_repository(tmp_path / f"repo{i}", range(0, 20)) for i in range(COPIES)]
    length = _timed([(["lint", "."], repo) for repo in repos])
    rng = random.Random(3)
    for delays in _rounds(3, length):
        for repo in repos:  # a changed file each round: every run has cache entries to write
            victim = repo / "central" / "Medication" / f"{100200 + rng.randrange(60)}.yaml"
            text = victim.read_text(encoding="utf-8")
            flipped = text.replace("high_alert: false", "high_alert: TRUE")
            flipped = flipped.replace("high_alert: true", "high_alert: false")
            victim.write_text(flipped.replace("TRUE", "true"), encoding="utf-8")
        _kill_at([(["lint", "."], repo, delay) for repo, delay in zip(repos, delays, strict=True)])
        for repo in repos:
            if (repo / ".spguard-cache" / f"cache-{FORMAT}.sqlite").exists():
                _cache_is_sound(repo)
            monkeypatch.setenv("SPGUARD_NO_CACHE", "1")
            fresh = _records(api.lint(repo))
            monkeypatch.delenv("SPGUARD_NO_CACHE")
            assert _records(api.lint(repo)) == fresh


def test_four_concurrent_lints_share_one_cache(tmp_path: Path, spguard: Spguard) -> None:
    repo = _repository(tmp_path / "repo", range(5, 35))
    single = spguard("lint", "--no-cache", "--format", "json", ".", cwd=repo).stdout
    procs = [
        subprocess.Popen(
            [*CLI, "lint", "--format", "json", "."],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 1 and "Traceback" not in err, err
        assert out == single
    _cache_is_sound(repo)
    assert spguard("lint", "--format", "json", ".", cwd=repo).stdout == single  # from the cache


# A real spguard whose fsync fails as on a full disk (os.fsync is only used by atomic_write).
_FULL_DISK = (
    "import errno, os, sys\n"
    "def full(fd):\n"
    "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "os.fsync = full\n"
    "from sp_config_guard.cli import main\n"
    "sys.argv[0] = 'spguard'\n"
    "main()\n"
)


def _full_disk(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_full_disk_during_baseline_update(tmp_path: Path) -> None:
    repo, old = _baselined(tmp_path / "repo")
    proc = _full_disk(["baseline", "update"], repo)
    assert proc.returncode == 2
    assert "baseline.yaml" in proc.stderr and os.strerror(28) in proc.stderr
    assert (repo / "baseline.yaml").read_bytes() == old
    assert [p.name for p in repo.iterdir() if p.name.startswith(".baseline")] == []


def test_full_disk_during_lint_output(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo", range(0, 20))
    (repo / "report.json").write_text("old report\n", encoding="utf-8")
    proc = _full_disk(["lint", "--format", "json", "--output", "report.json", "."], repo)
    assert proc.returncode == 2
    assert "report.json" in proc.stderr and os.strerror(28) in proc.stderr
    assert (repo / "report.json").read_text(encoding="utf-8") == "old report\n"


def test_full_disk_during_normalize(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "medicin.json").write_text(json.dumps([_medication(1, "B")]), encoding="utf-8")
    target = tmp_path / "out" / "central" / "Medication" / "100201.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("old\n", encoding="utf-8")
    proc = _full_disk(["normalize", "--out", "out", "exports"], tmp_path)
    assert proc.returncode == 1
    assert "NORM004" in proc.stdout + proc.stderr and os.strerror(28) in proc.stdout + proc.stderr
    assert "100201.yaml" in proc.stdout + proc.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
