"""File names a reviewed branch controls, read from git revisions: a name may hold any byte
but NUL (a newline, a tab, quotes, bytes that are not UTF-8, a leading dash, ``*``), and none
may hide a change, shift content to another file, crash the run or break a report's lines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard import api
from sp_config_guard.drift.artifact_diff import display_path
from sp_config_guard.load.gitrev import GitError, _cat, standard_at_revision
from sp_config_guard.load.loader import Document, printable
from tests.conftest import MEDICATION_YAML, Spguard
from tests.hostile_cases import MED, repository
from tests.misuse_cases import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


def _artifact(artifact_id: str, strength: int = 500) -> str:
    return MEDICATION_YAML.replace("100101", artifact_id).replace(
        "value: 500", f"value: {strength}"
    )


def _json(spguard: Spguard, repo: Path, *args: str) -> tuple[int, dict[str, Any]]:
    proc = spguard("diff", *args, "--format", "json", cwd=repo)
    return proc.returncode, json.loads(proc.stdout)


def _changes(doc: dict[str, Any]) -> dict[str, tuple[str, str, list[str]]]:
    return {
        a["id"]: (a["status"], a["file"], [c["path"] for c in a["changes"]])
        for a in doc["artifacts"]
    }


# -- the reproducer: a name with a newline injected a line into `git cat-file --batch` -------


def _hidden_change(repo: Path, decoy: str) -> None:
    """The scenario of ../shared/repro/untrusted-input/git-hide-change.sh: a commit raises the
    strength of 100101 from 500 to 5000 mg and adds ``0`` (another artifact, no .yaml) and a
    file named ``0<LF><tree id of the base's Medication folder>:100101.yaml``, which the old
    batch read as two objects, every later blob then attributed to the file before it."""
    repository(repo)
    medication = repo / MED
    git(repo, "init", "-q", "-b", "main")
    _commit(repo, "base")
    tree = git(repo, "rev-parse", f"HEAD:{MED}").strip()
    (medication / "100101.yaml").write_text(
        _artifact("100101", 5000).replace("high_alert: false", "high_alert: true"), encoding="utf-8"
    )
    (medication / "0").write_text(_artifact("100199"), encoding="utf-8")
    (medication / f"0\n{tree}:100101.yaml").write_text(decoy, encoding="utf-8")
    _commit(repo, "innocent")


def test_a_name_with_a_newline_cannot_hide_a_strength_change(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = tmp_path / "repo"
    _hidden_change(repo, "decoy\n")
    tree = git(repo, "rev-parse", f"HEAD~1:{MED}").strip()
    code, doc = _json(spguard, repo, "--git", "HEAD~1..HEAD", "--drift")
    assert code == 1  # the change, and a file that is no artifact (exit 1, as any bad file)
    assert _changes(doc) == {
        "100101": (
            "modified",
            "HEAD:central/Medication/100101.yaml",
            ["$.spec.strength.value"],
        )
    }
    # the decoy is named as what it is, a file that holds no artifact, on one line (with the
    # work tree's code and message: a blob is read as a file is)
    assert doc["problems"] == [
        f'"HEAD:central/Medication/0\\n{tree}:100101.yaml":1:1: LOAD007 is not a mapping; '
        "an artifact file starts with 'kind:' and 'id:'"
    ]
    text = spguard("diff", "--git", "HEAD~1..HEAD", "--drift", cwd=repo)
    assert text.stdout.splitlines()[1:] == [
        "Medication 100101 (central standard): modified [HEAD:central/Medication/100101.yaml]",
        "  - strength: 500 mg -> 5000 mg",
        "    drift: none",
        "diff: 1 artifact(s) differ",
        "diff: 1 file(s) could not be read or are invalid and were not compared",
    ]


def test_a_decoy_that_is_an_artifact_is_shown_beside_the_real_change(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = tmp_path / "repo"
    _hidden_change(repo, _artifact("100198"))
    tree = git(repo, "rev-parse", f"HEAD~1:{MED}").strip()
    code, doc = _json(spguard, repo, "--git", "HEAD~1..HEAD", "--drift")
    assert (code, doc["problems"]) == (1, [])
    assert _changes(doc) == {
        "100101": (
            "modified",
            "HEAD:central/Medication/100101.yaml",
            ["$.spec.strength.value"],
        ),
        "100198": ("added", f'"HEAD:central/Medication/0\\n{tree}:100101.yaml"', []),
    }


# -- one hostile name at a time: diffed, named on one line, its history read ---------------


NAMES = [
    # (file name in central/Medication, how reports name it)
    (b"new\nline.yaml", '"central/Medication/new\\nline.yaml"'),
    (b"tab\there.yaml", '"central/Medication/tab\\there.yaml"'),
    (b"cr\r.yaml", '"central/Medication/cr\\r.yaml"'),
    (b"\x1b[31mred.yaml", '"central/Medication/\\x1b[31mred.yaml"'),
    (b'quote"d.yaml', 'central/Medication/quote"d.yaml'),
    (b"it's.yaml", "central/Medication/it's.yaml"),
    (b'both"\n.yaml', '"central/Medication/both\\"\\n.yaml"'),
    (b"back\\slash.yaml", "central/Medication/back\\slash.yaml"),
    (b"latin-1 \xe6\xf8\xe5.yaml", '"central/Medication/latin-1 \\xe6\\xf8\\xe5.yaml"'),
    (b"-n.yaml", "central/Medication/-n.yaml"),
    (b"--output=x.yaml", "central/Medication/--output=x.yaml"),
    ("unicode æøå 💊.yaml".encode(), "central/Medication/unicode æøå 💊.yaml"),
    ("line\u2028sep.yaml".encode(), '"central/Medication/line\\u2028sep.yaml"'),
    (b"*.yaml", "central/Medication/*.yaml"),
    (b":(glob)x.yaml", "central/Medication/:(glob)x.yaml"),
]


def _named(root: Path, name: bytes) -> Path:
    """A repository with the config, 100101 and artifact 100150 in a file named ``name``."""
    repository(root)
    path = Path(os.fsdecode(os.fsencode(root / MED) + b"/" + name))
    path.write_text(_artifact("100150"), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    _commit(root, "base")
    return path


def _found(spec: str, repo: Path) -> dict[str, tuple[str, str, list[str]]]:
    result = api.diff(git=spec, path=repo, with_drift=True)
    assert result.problems == []
    return {
        a.id: (a.status, a.file, [display_path(c.path) for c in a.changes])
        for a in result.artifacts
    }


@pytest.mark.parametrize(("name", "shown"), NAMES, ids=[repr(n) for n, _ in NAMES])
def test_a_hostile_name_is_diffed_and_named_on_one_line(
    tmp_path: Path, spguard: Spguard, name: bytes, shown: str
) -> None:
    path = _named(tmp_path / "repo", name)
    repo = tmp_path / "repo"
    path.write_text(_artifact("100150", 5000), encoding="utf-8")
    _commit(repo, "stronger")
    at_head = f'"HEAD:{shown[1:]}' if shown.startswith('"') else f"HEAD:{shown}"
    assert _found("HEAD~1..HEAD", repo) == {
        "100150": ("modified", at_head, ["$.spec.strength.value"])
    }
    text = spguard("diff", "--git", "HEAD~1..HEAD", "--drift", cwd=repo)
    assert (text.returncode, text.stdout.splitlines()) == (
        1,
        [
            f"Medication 100150 (central standard): modified [{at_head}]",
            "  - strength: 500 mg -> 5000 mg",
            "    drift: none",
            "diff: 1 artifact(s) differ",
        ],
    )
    # against the work tree, the same file under the same name
    assert _found("HEAD", repo) == {}
    path.write_text(_artifact("100150", 50), encoding="utf-8")
    assert _found("HEAD", repo) == {"100150": ("modified", shown, ["$.spec.strength.value"])}


@pytest.mark.parametrize(("name", "shown"), NAMES, ids=[repr(n) for n, _ in NAMES])
def test_the_history_of_a_hostile_name_is_its_own(tmp_path: Path, name: bytes, shown: str) -> None:
    # ``*.yaml`` as a pathspec would be every file's history (a commit without this file
    # too), ``new<LF>line.yaml`` on a batch line two objects: each revision must be read from
    # this file's own blobs
    root = tmp_path / "repo"
    path = _named(root, name)
    other = root / MED / "100101.yaml"
    for revision in ("2024.1", "2024.2", "gone", "2024.3"):
        if revision == "gone":  # withdrawn while another standard changes, then back
            path.unlink()
        else:
            path.write_text(f'revision: "{revision}"\n{_artifact("100150")}', encoding="utf-8")
        other.write_text(f'revision: "other-{revision}"\n{MEDICATION_YAML}', encoding="utf-8")
        _commit(root, revision)
    doc = Document(path, shown, None, {})
    for revision in ("2024.1", "2024.2", "2024.3"):
        found = standard_at_revision(doc, revision)
        assert found is not None and (found["id"], found["revision"]) == ("100150", revision)
    assert standard_at_revision(doc, "other-2024.1") is None


def test_a_blob_git_does_not_answer_for_is_an_error_never_a_shift(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _named(root, b"a.yaml")
    real = git(root, "rev-parse", f"HEAD:{MED}/a.yaml").strip()
    absent = "0" * 40
    assert _cat(root, [real, real], "HEAD") == [_artifact("100150").encode()] * 2
    with pytest.raises(GitError, match=f"answered {absent} missing for object {absent}"):
        _cat(root, [real, absent, real], "HEAD")
    tree = git(root, "rev-parse", f"HEAD:{MED}").strip()
    with pytest.raises(GitError, match=f"answered {tree} tree "):
        _cat(root, [tree], "HEAD")
    with pytest.raises(ValueError, match="not object ids"):
        _cat(root, ["HEAD:central/Medication/a.yaml"], "HEAD")


def test_a_revision_holds_the_artifacts_the_work_tree_holds(
    tmp_path: Path, spguard: Spguard
) -> None:
    # files that are no artifacts on disk (hidden, or in a folder that is no kind folder) are
    # none in a revision either: the work tree against its own commit is no difference
    repo = tmp_path / "repo"
    _named(repo, b".draft.yaml")
    for place in ("central/Medication-old", "central/.hidden/Medication", "central/Ømed"):
        (repo / place).mkdir(parents=True)
        (repo / place / "100160.yaml").write_text(_artifact("100160"), encoding="utf-8")
    _commit(repo, "not artifacts")
    proc = spguard("diff", "--git", "HEAD~1", cwd=repo)
    assert (proc.returncode, proc.stdout) == (0, "diff: no differences\n")
    assert _found("HEAD~1..HEAD", repo) == {}


# -- fuzz: the artifacts a diff names are the files git says changed --------------------------

_CHARACTERS = st.one_of(
    st.sampled_from(list("\n\t\r\x1b\x7f\x85\u2028\"'\\ *?[]:-!.~")),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0/"),
)
_STATES = st.sampled_from(["same", "changed", "deleted", "added"])


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(
        st.text(_CHARACTERS, min_size=1, max_size=10).filter(lambda s: len(s.encode()) < 200),
        _STATES,
        min_size=1,
        max_size=6,
    )
)
def test_diff_git_names_exactly_the_files_git_diff_names(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = repository(Path(folder) / "repo")
        ids = {f"{MED}/{stem}.yaml": f"2{index:05}" for index, stem in enumerate(files)}
        states = dict(zip(ids, files.values(), strict=True))
        for name, state in states.items():
            if state != "added":
                (root / name).write_text(_artifact(ids[name]), encoding="utf-8")
        git(root, "init", "-q", "-b", "main")
        _commit(root, "base")
        for name, state in states.items():
            if state == "deleted":
                (root / name).unlink()
            elif state != "same":
                (root / name).write_text(_artifact(ids[name], 750), encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", "head")
        # without renames: a file deleted and one added with the same content are two changes
        listed = subprocess.run(
            ["git", "diff", "--no-renames", "--name-only", "-z", "HEAD~1", "HEAD"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout
        # a hidden file is no artifact, in a revision as on disk
        changed = {
            name
            for name in map(os.fsdecode, listed.split(b"\0"))
            if name and not name.startswith(f"{MED}/.")
        }
        result = api.diff(git="HEAD~1..HEAD", path=root)
        assert result.problems == []
        assert {a.id for a in result.artifacts} == {ids[name] for name in changed}
        side = {"deleted": "HEAD~1"}
        assert {a.file for a in result.artifacts} == {
            printable(f"{side.get(states[name], 'HEAD')}:{name}") for name in changed
        }


@pytest.mark.parametrize(
    ("value", "code", "line"), [("scope: x\n", "LOAD007", 4), ("scope: .nan\n", "LOAD011", 4)]
)
def test_a_mistyped_value_in_a_commit_is_a_problem_of_that_file(
    tmp_path: Path, spguard: Spguard, value: str, code: str, line: int
) -> None:
    """``diff --git`` reads a revision's blobs through the same typed envelope and number
    checks as files: a committed ``scope: x`` or ``.nan`` is a problem naming ``REV:file`` and
    the line, and the real change beside it is still shown (``scope: x`` ended the run with
    an internal error)."""
    repo = repository(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    _commit(repo, "base")
    bad = MEDICATION_YAML.replace("100101", "100102").replace("scope:\n  level: central\n", value)
    (repo / MED / "100102.yaml").write_text(bad, encoding="utf-8")
    (repo / MED / "100101.yaml").write_text(_artifact("100101", 5000), encoding="utf-8")
    _commit(repo, "change")
    proc = spguard("diff", "--git", "HEAD~1..HEAD", "--format", "json", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert "$.spec.strength.value" in _changes(doc)["100101"][2]
    assert [p.split(" ")[:2] for p in doc["problems"]] == [
        [f"HEAD:{MED}/100102.yaml:{line}:8:", code]
    ], doc["problems"]
