"""The parse cache cannot be poisoned and never reaches outside the repository (issue 14 items
2 and 10): content is hashed and parsed from the same bytes, so a file rewritten while lint
reads it is never stored under another content's digest (tested with a real concurrent
writer); a ``.spguard-cache`` folder, database or ``.gitignore`` that is a link (or no plain
file) is never used or written through: the run goes on uncached and says so once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

from sp_config_guard.load.cache import FORMAT, digest
from tests.conftest import MEDICATION_YAML, Spguard
from tests.hostile_cases import MED, repository

DB = f"cache-{FORMAT}.sqlite"
PAD = "x" * 3_000_000  # big enough that a read takes a while, so the writer gets in between


def _variant(letter: str, high_alert: bool) -> str:
    text = MEDICATION_YAML.replace("100101", "100102")
    text = text.replace("name: Paracetamol tablet 500 mg", f"name: {letter}{PAD}")
    return text.replace("high_alert: false", f"high_alert: {str(high_alert).lower()}")


def _blobs(root: Path) -> list[tuple[str, str]]:
    """(digest, first letter of the name) of every parsed artifact the cache holds."""
    db = sqlite3.connect(root / ".spguard-cache" / DB)
    try:
        rows = db.execute("SELECT digest, data FROM blobs").fetchall()
    finally:
        db.close()
    return [(key, json.loads(data).get("name", "")[:1]) for key, data in rows]


def test_a_file_rewritten_while_lint_reads_it_never_poisons_the_cache(
    tmp_path: Path, spguard_process: Spguard
) -> None:
    """The scenario of ../shared/repro/untrusted-input/cache-toctou-poison.py: a writer swaps
    the file between A (clean) and B (high alert: MED001) every half millisecond while lint
    runs; every stored content must be the one its digest names, and once the file holds B,
    a cached lint still reports B's errors."""
    spguard = spguard_process  # real processes: concurrent ones, a note once per process
    root = repository(tmp_path / "repo")
    a, b = _variant("A", False), _variant("B", True)
    owner = {digest(a.encode()): "A", digest(b.encode()): "B"}
    target = root / MED / "100102.yaml"
    target.write_text(a, encoding="utf-8")
    stop = threading.Event()

    def flip() -> None:
        tmp, turn = root / MED / ".flip.tmp", 0
        while not stop.is_set():
            tmp.write_text(a if turn % 2 else b, encoding="utf-8")
            os.replace(tmp, target)
            turn += 1
            time.sleep(0.0005)

    for _ in range(2):  # the old code stored a wrong content on the first round
        shutil.rmtree(root / ".spguard-cache", ignore_errors=True)
        stop.clear()
        writer = threading.Thread(target=flip)
        writer.start()
        try:
            spguard("lint", "--workers", "1", ".", cwd=root)
        finally:
            stop.set()
            writer.join()
        wrong = [(key, name) for key, name in _blobs(root) if owner.get(key, name) != name]
        assert wrong == [], "a content stored under another content's digest"
    target.write_text(b, encoding="utf-8")
    time.sleep(2.1)  # older than the racy window: the next runs trust the recorded stat
    for today in ("2026-01-01", "2026-01-02"):  # a new result key each time: files from cache
        proc = spguard("lint", "--today", today, ".", cwd=root)
        assert proc.returncode == 1 and "MED001" in proc.stdout, proc.stdout


def _lint(spguard: Spguard, root: Path) -> str:
    """lint runs as without a cache (the planted MED001 is found); its standard error."""
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 1 and "MED001" in proc.stdout, proc.stdout + proc.stderr
    return proc.stderr


def _said_once(stderr: str, culprit: Path) -> None:
    note = f"spguard: note: the cache is not used, the run is uncached: {culprit.as_posix()} is"
    assert stderr.count(note) == 1, stderr


def test_a_cache_database_linked_to_another_programs_database_is_never_opened(
    tmp_path: Path, spguard_process: Spguard
) -> None:
    """The scenario of ../shared/repro/untrusted-input/cache-db-symlink.sh."""
    spguard = spguard_process  # real processes: concurrent ones, a note once per process
    victim = tmp_path / "victim.db"
    db = sqlite3.connect(victim)
    db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, digest TEXT)")
    db.execute("INSERT INTO files VALUES ('precious', 'x')")
    db.commit()
    db.close()
    before = victim.read_bytes()
    root = repository(tmp_path / "repo")
    (root / ".spguard-cache").mkdir()
    (root / ".spguard-cache" / DB).symlink_to(victim)
    stderr = _lint(spguard, root)
    assert victim.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "victim.db"]
    _said_once(stderr, root / ".spguard-cache" / DB)


def test_a_linked_gitignore_in_the_cache_creates_nothing_outside(
    tmp_path: Path, spguard_process: Spguard
) -> None:
    spguard = spguard_process  # real processes: concurrent ones, a note once per process
    root = repository(tmp_path / "repo")
    (root / ".spguard-cache").mkdir()
    (root / ".spguard-cache" / ".gitignore").symlink_to(tmp_path / "created-by-spguard")
    stderr = _lint(spguard, root)
    assert not (tmp_path / "created-by-spguard").exists()
    assert not (root / ".spguard-cache" / DB).exists()
    _said_once(stderr, root / ".spguard-cache" / ".gitignore")


def test_a_cache_folder_that_is_a_link_is_never_used(
    tmp_path: Path, spguard_process: Spguard
) -> None:
    spguard = spguard_process  # real processes: concurrent ones, a note once per process
    outside = tmp_path / "outside"
    outside.mkdir()
    root = repository(tmp_path / "repo")
    (root / ".spguard-cache").symlink_to(outside)
    stderr = _lint(spguard, root)
    assert list(outside.iterdir()) == []
    _said_once(stderr, root / ".spguard-cache")


def test_a_linked_journal_beside_the_database_is_never_written(
    tmp_path: Path, spguard_process: Spguard
) -> None:
    spguard = spguard_process  # real processes: concurrent ones, a note once per process
    root = repository(tmp_path / "repo")
    (root / ".spguard-cache").mkdir()
    wal = root / ".spguard-cache" / f"{DB}-wal"
    wal.symlink_to(tmp_path / "elsewhere-wal")
    stderr = _lint(spguard, root)
    assert not (tmp_path / "elsewhere-wal").exists()
    _said_once(stderr, wal)


def test_a_copied_cache_database_is_emptied_before_use(
    tmp_path: Path, spguard_process: Spguard
) -> None:
    """A branch can commit a cache database it made elsewhere: it is not the file the tool
    made at this place, so nothing in it is used."""
    spguard = spguard_process  # real processes: concurrent ones, a note once per process
    made = repository(tmp_path / "made")
    spguard("lint", ".", cwd=made)
    assert _blobs(made)
    root = repository(tmp_path / "repo")
    shutil.copytree(made / ".spguard-cache", root / ".spguard-cache")
    db = sqlite3.connect(root / ".spguard-cache" / DB)
    db.execute("INSERT INTO blobs VALUES ('planted', '{}')")
    db.commit()
    db.close()
    proc = spguard("lint", ".", cwd=root)
    assert proc.returncode == 1 and "MED001" in proc.stdout and proc.stderr == ""
    assert "planted" not in dict(_blobs(root))
