"""The cache and the worker processes change speed, never results: lint, validate and drift
give byte-identical output with and without the cache and with one or two workers, on the
example and on a generated corpus; and a changed file is never served from the cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.corpus import generate
from tests.conftest import Spguard
from tests.misuse_cases import git

pytestmark = pytest.mark.xdist_group("cache")  # on one worker: the generated corpus is made once

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
TODAY = "2026-11-23"
COMMANDS = {
    "lint": ["lint", ".", "--today", TODAY, "--format", "json"],
    "validate": ["validate", ".", "--format", "json"],
    "drift": ["drift", ".", "--format", "json", "--today", TODAY],
}


def _run(spguard: Spguard, tree: Path, args: list[str], cache: Path | None, workers: int) -> str:
    env = {"SPGUARD_WORKERS": str(workers), "SPGUARD_LANG": "en", "SPGUARD_NO_CACHE": "0"}
    if cache is None:
        env["SPGUARD_NO_CACHE"] = "1"
    else:
        env["SPGUARD_CACHE_DIR"] = str(cache)
    proc = spguard("--quiet", *args, cwd=tree, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated repository big enough for the worker processes to start (>= 400 files)."""
    out = tmp_path_factory.mktemp("corpus") / "repo"
    generate(600, 7, out)
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "sp-config"
    shutil.copytree(EXAMPLE, out)
    return out


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("tree_name", ["example", "corpus"])
def test_same_output_with_and_without_cache_and_workers(
    tree_name: str,
    command: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    spguard: Spguard,
) -> None:
    tree: Path = request.getfixturevalue(tree_name)
    args = COMMANDS[command]
    reference = _run(spguard, tree, args, None, 1)
    assert '"findings"' in reference or '"deviations"' in reference
    cache = tmp_path / "cache"
    outputs = {
        "no cache, 2 workers": _run(spguard, tree, args, None, 2),
        "cache filled, 2 workers": _run(spguard, tree, args, cache, 2),
        "cache warm, 1 worker": _run(spguard, tree, args, cache, 1),
        "cache warm, 2 workers": _run(spguard, tree, args, cache, 2),
    }
    for name, output in outputs.items():
        assert output == reference, name


def _old_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the example whose files the cache trusts by their stat, and a department
    variant of a high-alert medication in it. The racy window (files changed within 2 s of
    being recorded are read again whatever their stat) is closed for these tests, which are
    about a changed stat: every edit here comes after at least one whole run, long after the
    copy's own timestamps (``test_cache_untrusted`` covers the window itself)."""
    monkeypatch.setattr("sp_config_guard.load.cache.RACY_NS", 0)
    tree = tmp_path / "repo"
    shutil.copytree(EXAMPLE, tree)
    for path in tree.rglob("*.yaml"):
        os.utime(path, ns=(10**18, 10**18))
    target = next(
        p
        for p in sorted((tree / "hovedstaden").rglob("*.yaml"))
        if p.parent.name == "Medication"
        and "derived_from" in p.read_text("utf-8")
        and "high_alert: true" in p.read_text("utf-8")
    )
    return tree, target


def _edit_same_size(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` (same length) and put the old mtime back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


def test_a_changed_file_is_never_served_stale(
    tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree, target), cache = _old_copy(tmp_path, monkeypatch), tmp_path / "cache"
    lint = COMMANDS["lint"]
    first = _run(spguard, tree, lint, cache, 1)
    assert _run(spguard, tree, lint, cache, 1) == first  # served from the cache
    # A standard's high-alert flag switched off in a department variant, with the same
    # size, the same mtime and the same inode: only the content (and ctime) differ.
    _edit_same_size(target, "high_alert: true", "high_alert: fals")
    fresh = _run(spguard, tree, lint, None, 1)
    assert fresh != first
    assert _run(spguard, tree, lint, cache, 1) == fresh
    assert _run(spguard, tree, lint, cache, 2) == fresh
    # and back again, in the same second as the cache recorded it (a "racy" file)
    _edit_same_size(target, "high_alert: fals", "high_alert: true")
    assert _run(spguard, tree, lint, cache, 1) == first


def test_drift_and_validate_see_a_changed_file(
    tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree, target), cache = _old_copy(tmp_path, monkeypatch), tmp_path / "cache"
    before = {name: _run(spguard, tree, args, cache, 1) for name, args in COMMANDS.items()}
    text = target.read_text(encoding="utf-8").replace("high_alert: true", "high_alert: false")
    # a locked flag switched off (lint, drift) and a field no schema knows (validate)
    target.write_text(text.replace("\nspec:\n", "\nspec:\n  not_a_field: 1\n", 1), "utf-8")
    for name, args in COMMANDS.items():
        after = _run(spguard, tree, args, cache, 1)
        assert after == _run(spguard, tree, args, None, 1), name
        assert after != before[name], name


def test_a_few_files_see_the_whole_repository_through_the_cache(
    tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linting a few files (as pre-commit does) reads the other artifacts lazily from the
    cache, and still sees a change to one of them: here the standard of the linted variant."""
    (tree, target), cache = _old_copy(tmp_path, monkeypatch), tmp_path / "cache"
    asked = [str(target.relative_to(tree))]
    args = ["lint", *asked, "--today", TODAY, "--format", "json"]
    _run(spguard, tree, COMMANDS["lint"], cache, 1)  # fills the cache with every artifact
    before = _run(spguard, tree, args, cache, 1)
    assert before == _run(spguard, tree, args, None, 1)
    parent = next(
        line.split(":", 1)[1].strip().strip('"')
        for line in target.read_text("utf-8").split("derived_from:", 1)[1].splitlines()
        if line.strip().startswith("id:")
    )
    standard = next(p for p in (tree / "central" / "Medication").glob("*.yaml") if p.stem == parent)
    text = standard.read_text(encoding="utf-8")
    standard.write_text(text.replace("  route: ", "  route: X", 1), encoding="utf-8")
    after = _run(spguard, tree, args, cache, 1)
    assert after == _run(spguard, tree, args, None, 1)
    assert after != before


def _changed(
    spguard: Spguard, tree: Path, files: list[str], cache: Path | None, workers: int
) -> tuple[str, str]:
    """(JSON report, -v notes) of the pre-commit hook's ``lint --changed FILES``."""
    env = {"SPGUARD_WORKERS": str(workers), "SPGUARD_LANG": "en", "SPGUARD_NO_CACHE": "1"}
    if cache is not None:
        env |= {"SPGUARD_NO_CACHE": "0", "SPGUARD_CACHE_DIR": str(cache)}
    args = ["-v", "lint", "--changed", *files, "--today", TODAY, "--format", "json"]
    proc = spguard(*args, cwd=tree, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout, proc.stderr


@pytest.mark.parametrize("change", ["edits", "deletion"])
def test_git_mode_and_stat_mode_agree_with_one_and_two_workers(
    change: str, corpus: Path, tmp_path: Path, spguard: Spguard
) -> None:
    """The hook on the generated corpus committed: the staged change read from git's index
    and the cache's table (git mode) gives the stat mode's report byte for byte, built cold
    and served warm, with one worker or two; a deletion checks every artifact naming it."""
    tree = tmp_path / "repo"
    shutil.copytree(corpus, tree)
    git(tree, "init", "-q", "-b", "main")
    git(tree, "add", "-A")
    git(tree, "commit", "-qm", "corpus")
    texts = {p: p.read_text("utf-8") for p in sorted(tree.rglob("*.yaml"))}
    medications = [p for p in texts if p.parent.name == "Medication"]
    if change == "edits":
        files = [p.relative_to(tree).as_posix() for p in medications[:3]]
        for path in medications[:3]:
            path.write_text(texts[path].replace("owner: ", "owner: Ændret ", 1), "utf-8")
        git(tree, "add", *files)
    else:  # the standard medication that the most other artifacts name
        named = {p: sum(f'"{p.stem}"' in t for t in texts.values()) for p in medications}
        gone = max(medications, key=lambda p: (named[p], p.name))
        assert named[gone] >= 3
        git(tree, "rm", "-q", gone.relative_to(tree).as_posix())
        files = []
    reference, _ = _changed(spguard, tree, files, None, 1)
    assert '"findings"' in reference
    if change == "deletion":
        assert f'"{gone.stem}"' in reference  # its dependents report the missing reference
    for workers in (1, 2):
        cache = tmp_path / f"cache-{workers}"
        for run in ("table made", "warm"):
            report, notes = _changed(spguard, tree, files, cache, workers)
            assert "git mode" in notes, (workers, run)
            assert report == reference, (workers, run)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_artifacts_read_from_the_cache_share_their_equal_strings(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copies of a standard repeat its text: read from the cache, each distinct string is
    one object across the whole repository (issue 19: drift's memory), and the data is what a
    parse gives."""
    from sp_config_guard.load.workspace import load_repository

    tree = tmp_path / "sp-config"
    shutil.copytree(example, tree, ignore=shutil.ignore_patterns(".spguard-cache"))
    monkeypatch.setattr("sp_config_guard.load.cache.RACY_NS", 0)  # files just copied trusted
    monkeypatch.setenv("SPGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SPGUARD_NO_CACHE", "0")
    parsed, _ = load_repository(tree, use_cache=False)
    load_repository(tree)  # fills the cache
    cached, _ = load_repository(tree)
    assert all(doc.source is None for doc in cached.docs)  # read from the cache
    assert [d.data for d in cached.docs] == [d.data for d in parsed.docs]
    strings = [s for doc in cached.docs for s in _strings(doc.data)]
    assert len(strings) > 2 * len(set(strings))  # the example repeats most of its values
    assert len({id(s) for s in strings}) == len(set(strings))
    fresh = [s for doc in parsed.docs for s in _strings(doc.data)]
    assert len({id(s) for s in fresh}) > len(set(fresh))  # a parse alone does not share them


def test_a_repository_and_its_index_are_built_without_the_collector(example: Path) -> None:
    """Issue 19: full collections over the index as it grew (4 at 100,000 artifacts)."""
    import gc

    from sp_config_guard.load.workspace import load_repository

    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        repo, _ = load_repository(example, use_cache=False)
        assert started == [] and gc.isenabled() and len(repo.docs) > 400
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()


def test_stored_results_are_compressed_json_text_read_back_as_stored(
    example: Path, tmp_path: Path
) -> None:
    """A stored result is the compact JSON text json.dumps gives, compressed (a top-level
    list encoded an item at a time, a megabyte compressed at a time); a row stored as text
    by an earlier version reads back too, and a damaged row is a miss, never an error."""
    import json
    import zlib
    from datetime import date

    from sp_config_guard import api
    from sp_config_guard.load import packed as packed_module
    from sp_config_guard.load.cache import Cache
    from sp_config_guard.load.packed import pack

    result = api.lint([example], today=date.fromisoformat(TODAY), use_cache=False).to_json()
    assert len(result["findings"]) > 20
    text = json.dumps(result, default=str, ensure_ascii=False, separators=(",", ":"))
    for value in (result, {}, {"a": []}, [1, "æ"], "ø", {"n": {"m": [None]}}):
        want = json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))
        assert zlib.decompress(pack(value)).decode() == want
    small = packed_module._PACK_AT
    try:  # compressed a few hundred characters at a time: the same bytes of text
        packed_module._PACK_AT = 300
        assert zlib.decompress(pack(result)).decode() == text
    finally:
        packed_module._PACK_AT = small
    assert len(pack(result)) < len(text.encode()) / 2

    store = Cache(tmp_path / "cache")
    try:
        assert store.db is not None
        store.store_result("new", result)
        assert store.result("new") == json.loads(text)
        store.db.execute("INSERT INTO results VALUES ('old', ?)", (text,))  # stored as text
        assert store.result("old") == json.loads(text)
        store.db.execute("INSERT INTO results VALUES ('bad', ?)", (b"\x78\x01 not zlib",))
        assert store.result("bad") is None
    finally:
        store.close()
