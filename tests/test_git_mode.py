"""Git mode (``lint --changed`` with a cache, load/staged.py): the commit as git's index holds
it, looked up in the cache's table of the index. Its findings equal the stat mode's whenever
the work tree is the index (as under pre-commit), through every way the index moves (an edit,
a deletion, a rename, a commit, an unstaged file); where they differ it is on the side of the
commit (an edit not staged, a file not tracked), and anything it cannot answer exactly is
answered by the stat mode."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sp_config_guard.load.cache import Cache, digest
from sp_config_guard.load.indexed import IndexedRepository
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.staged import ON_DISK_AT_MOST, Staged
from tests.conftest import Spguard
from tests.misuse_cases import git

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
TODAY = "2026-11-23"
ORDER_SET = "central/OrderSet/304100200.yaml"
MEDICATION = "central/Medication/100258.yaml"  # the order set and 20 other files name it
GIT_NOTE = "git mode"


def _lint(spguard: Spguard, repo: Path, files: list[str], cache: Path | None) -> tuple[str, str]:
    """(JSON report, -v notes) of ``lint --changed FILES`` with the cache at ``cache`` (None:
    no cache, so the stat mode)."""
    env = {"SPGUARD_LANG": "en", "SPGUARD_NO_CACHE": "1" if cache is None else "0"}
    if cache is not None:
        env["SPGUARD_CACHE_DIR"] = str(cache)
    args = ["-v", "lint", "--changed", *files, "--today", TODAY, "--format", "json"]
    ran = spguard(*args, cwd=repo, env=env)
    assert ran.returncode in (0, 1), ran.stderr
    return ran.stdout, ran.stderr


def _edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example, committed."""
    out = tmp_path / "repo"
    shutil.copytree(EXAMPLE, out)
    git(out, "init", "-q", "-b", "main")
    git(out, "add", "-A")
    git(out, "commit", "-qm", "example")
    return out


def test_git_mode_equals_stat_mode_as_the_index_moves(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    cache = tmp_path / "cache"

    def check(files: list[str]) -> str:
        stat, _ = _lint(spguard, repo, files, None)
        fresh, notes = _lint(spguard, repo, files, cache)
        again, _ = _lint(spguard, repo, files, cache)  # the stored result
        assert GIT_NOTE in notes, files
        assert fresh == stat == again, files
        return stat

    # 1. edits staged: a reference broken, an owner changed
    _edit(repo, ORDER_SET, 'medication: "100258"', 'medication: "999999"')
    _edit(repo, "central/Medication/100101.yaml", "owner: ", "owner: Ændret ")
    git(repo, "add", "-A")
    assert '"999999"' in check([ORDER_SET, "central/Medication/100101.yaml"])
    # 2. a referenced medication deleted, nothing named: its dependents are checked
    git(repo, "rm", "-q", MEDICATION)
    assert "100258" in check([])
    # 3. committed (the table follows HEAD), then a rename: the old name is deleted
    git(repo, "commit", "-qm", "step")
    renamed = "central/PrintGroup/renamed.yaml"
    first = sorted((repo / "central" / "PrintGroup").iterdir())[0].relative_to(repo).as_posix()
    git(repo, "mv", first, renamed)
    check([renamed])
    # 4. the rename unstaged again (the table goes back to HEAD for it), a new edit
    git(repo, "reset", "-q", "--", first, renamed)
    os.replace(repo / renamed, repo / first)
    _edit(repo, ORDER_SET, 'medication: "999999"', 'medication: "100258"')
    git(repo, "add", ORDER_SET)
    assert '"999999"' not in check([ORDER_SET])


def test_two_workers_and_a_second_cache_agree(repo: Path, tmp_path: Path, spguard: Spguard) -> None:
    git(repo, "rm", "-q", MEDICATION)
    stat, _ = _lint(spguard, repo, [], None)
    assert "100258" in stat  # its dependents report the missing reference
    for workers, name in (("1", "a"), ("2", "b")):
        os.environ["SPGUARD_WORKERS"] = workers
        try:
            assert _lint(spguard, repo, [], tmp_path / name)[0] == stat
        finally:
            del os.environ["SPGUARD_WORKERS"]


def test_an_edit_not_staged_is_not_what_the_commit_holds(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    _edit(repo, ORDER_SET, 'medication: "100258"', 'medication: "999999"')
    git(repo, "add", ORDER_SET)  # the commit breaks the reference ...
    _edit(repo, ORDER_SET, 'medication: "999999"', 'medication: "100258"')  # ... the disk not
    report, notes = _lint(spguard, repo, [ORDER_SET], tmp_path / "cache")
    assert GIT_NOTE in notes
    assert '"999999"' in report  # the finding of the commit, at the staged line
    assert '"999999"' not in _lint(spguard, repo, [ORDER_SET], None)[0]  # stat mode: the disk


def test_a_file_not_tracked_is_not_in_the_commit(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    git(repo, "rm", "-q", "--cached", MEDICATION)  # still on disk, no longer in the commit
    _edit(repo, ORDER_SET, "owner: ", "owner: Ændret ")
    git(repo, "add", ORDER_SET)
    report, _ = _lint(spguard, repo, [ORDER_SET], tmp_path / "cache")
    assert "100258" in report  # the order set names a medication the commit does not hold


def test_what_git_mode_cannot_answer_goes_to_the_stat_mode(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    link = repo / "central" / "Medication" / "linked.yaml"
    link.symlink_to("100258.yaml")
    git(repo, "add", "-A")
    report, notes = _lint(spguard, repo, [ORDER_SET], tmp_path / "cache")
    assert GIT_NOTE not in notes and "stat mode" in notes
    assert report == _lint(spguard, repo, [ORDER_SET], None)[0]


def test_a_repository_in_a_folder_of_the_work_tree(tmp_path: Path, spguard: Spguard) -> None:
    top = tmp_path / "top"
    shutil.copytree(EXAMPLE, top / "sp-config")
    (top / "README.md").write_text("outside the repository\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "example")
    repo = top / "sp-config"
    git(repo, "rm", "-q", MEDICATION)
    _edit(repo, ORDER_SET, "owner: ", "owner: Ændret ")
    git(repo, "add", ORDER_SET)
    report, notes = _lint(spguard, repo, [ORDER_SET], tmp_path / "cache")
    assert GIT_NOTE in notes
    assert report == _lint(spguard, repo, [ORDER_SET], None)[0]
    assert "100258" in report


@contextmanager
def _table(repo: Path, folder: str = ".cache") -> Iterator[tuple[Staged, Cache]]:
    """The cache's table of git's index for ``repo`` (cache in ``folder``), brought up to
    date, and its cache (closed after)."""
    store = Cache(repo / folder)
    try:
        yield Staged(store, repo, None, "scope", lambda data: set()), store
    finally:
        store.close()


def test_the_table_holds_the_staged_blob_whether_or_not_the_disk_matches(repo: Path) -> None:
    """The few blobs a change adds are read from disk where the file there is that blob, else
    from git: either way the table holds the staged content, never an unstaged edit of it."""

    def table(paths: tuple[str, ...]) -> dict[str, str]:
        with _table(repo) as (staged, _):
            where = f"path IN ({', '.join('?' * len(paths))})"
            return {row[0]: row[2] for row in staged.rows(where, paths)}

    assert len(git(repo, "ls-files").split()) > ON_DISK_AT_MOST  # the first table: from git
    table((ORDER_SET,))
    expected = {}
    for name, mark in ((ORDER_SET, "Staged A"), (MEDICATION, "Staged B")):
        _edit(repo, name, "owner: ", f"owner: {mark} ")
        git(repo, "add", name)
        expected[name] = digest((repo / name).read_bytes())
    _edit(repo, MEDICATION, "owner: Staged B", "owner: Not staged")  # the disk differs
    assert table((ORDER_SET, MEDICATION)) == expected


def test_the_index_counts_only_as_far_as_asked(repo: Path) -> None:
    """Whether a run checks every artifact is asked as 'no more than the files checked
    plus one': the table is read only that far, with the same answer as counting it all."""
    with _table(repo) as (staged, _):
        indexed = IndexedRepository(staged, ())
        every = indexed.count()
        plain = Repository(indexed.docs)
        assert every == plain.count() > 100  # the example's artifacts
        for at_most in (1, every - 1, every, every + 1):
            assert indexed.count(at_most) == plain.count(at_most) == min(every, at_most)


def test_what_is_unstaged_again_goes_back_to_head(repo: Path) -> None:
    """Entries staged before and not now go back to what HEAD holds: from the sides the diff
    that staged them gave (stored with the table), or from git for a table stored without
    them; either way the table equals one made anew."""

    def table(folder: str, drop_heads: bool = False) -> list[tuple[object, ...]]:
        with _table(repo, folder) as (staged, store):
            if drop_heads and store.db is not None:
                state = json.loads(store.db.execute("SELECT data FROM state").fetchone()[0])
                del state["heads"]
                store.db.execute("UPDATE state SET data = ?", (json.dumps(state),))
            return staged.rows("1", ())

    made = table(".with"), table(".without")
    _edit(repo, ORDER_SET, "owner: ", "owner: Ændret ")
    git(repo, "rm", "-q", "--cached", MEDICATION)
    shutil.copy(repo / ORDER_SET, repo / "central" / "OrderSet" / "304100299.yaml")
    git(repo, "add", "-A")
    staged = table(".with"), table(".without", drop_heads=True)
    assert staged[0] == staged[1] != made[0]
    git(repo, "reset", "-q")  # nothing staged: the index is HEAD again
    assert table(".with") == table(".without") == table(".anew") == made[0] == made[1]
