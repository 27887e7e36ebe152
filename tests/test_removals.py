"""What a change removes and what depended on it (``lint --changed``), in real git
repositories: deletions read NUL-separated whatever the file name, from the index or between
two revisions; only artifact files of the repository count; an artifact's dependents are those
that hold its id anywhere and, for a variant, its family; and the findings reported on them are
exactly the findings a full lint has in those files."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.lint.removals import dependents, removed
from sp_config_guard.load.config import load_config
from sp_config_guard.load.gitrev import deleted
from sp_config_guard.load.loader import Document, Facts
from sp_config_guard.load.repository import Repository
from tests.conftest import invoke_spguard
from tests.test_lint import RULESET, medication, order_set, run, write

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True, check=False).returncode != 0,
    reason="needs git",
)


def git(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    author = ("-c", "user.name=spguard test", "-c", "user.email=spguard@example.org")
    done = subprocess.run(
        ["git", *author, *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """Medications 5001 and 5002, an order set using 5001, all committed."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "spguard.yaml").write_text("{}\n", encoding="utf-8")
    (root / "rules.yaml").write_text(RULESET, encoding="utf-8")
    write(root, medication("5001"))
    write(root, medication("5002"))
    write(root, order_set("304100001", "5001"))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "configuration")
    return root


MED = "central/Medication"
ORDER_SET = "hovedstaden/rigshospitalet/1301011/OrderSet/304100001.yaml"


def changed(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, Any]:
    """``lint --changed`` (JSON): exit code and the report."""
    out = invoke_spguard(
        *("lint", "--changed", "--ruleset", "rules.yaml"),
        *("--today", "2026-11-23", "--format", "json", *args),
        cwd=root,
        env=env,
    )
    assert out.returncode in (0, 1), out.stderr
    return out.returncode, json.loads(out.stdout)


def test_deletions_are_read_nul_separated_whatever_the_name(repo: Path) -> None:
    odd = repo / MED / "a\nb c.yaml"  # a newline in a file name: only -z output can carry it
    odd.write_text("kind: Medication\nid: odd\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "odd")
    git(repo, "rm", "-q", f"{MED}/a\nb c.yaml", f"{MED}/5002.yaml")
    git(repo, "add", "spguard.yaml")

    found = dict(deleted(repo))

    assert sorted(found) == [f"{MED}/5002.yaml", f"{MED}/a\nb c.yaml"]
    assert found[f"{MED}/a\nb c.yaml"] == b"kind: Medication\nid: odd\n"
    assert found[f"{MED}/5002.yaml"] == git(repo, "show", f"HEAD:{MED}/5002.yaml").encode()
    ids = sorted(f.id or "" for f in removed(repo, load_config(repo), None))
    assert ids == ["5002", "odd"]


def test_a_rename_deletes_the_old_name_and_a_range_is_read_from_its_merge_base(
    repo: Path,
) -> None:
    git(repo, "mv", f"{MED}/5001.yaml", f"{MED}/5009.yaml")
    assert [name for name, _ in deleted(repo)] == [f"{MED}/5001.yaml"]
    git(repo, "commit", "-q", "-m", "rename")
    assert deleted(repo) == []  # nothing staged
    assert [name for name, _ in deleted(repo, ("HEAD~1", "HEAD"))] == [f"{MED}/5001.yaml"]


def test_only_the_repository_artifacts_count(repo: Path) -> None:
    # the configuration repository is a folder of a larger git repository
    outer = repo.parent
    os.rename(repo / ".git", outer / ".git")
    (outer / "Medication").mkdir()
    (outer / "Medication" / "7001.yaml").write_text("kind: Medication\nid: '7001'\n", "utf-8")
    (repo / ".hidden" / "Medication").mkdir(parents=True)
    (repo / ".hidden" / "Medication" / "7002.yaml").write_text("kind: Medication\n", "utf-8")
    (repo / "spguard.yaml").write_text("exclude: ['hovedstaden/**']\n", encoding="utf-8")
    git(outer, "add", "-A")
    git(outer, "commit", "-q", "-m", "more")
    git(outer, "rm", "-q", "-r", "--cached", ".")  # everything, the files left in place
    assert len(deleted(outer)) == 7  # with spguard.yaml, rules.yaml and the ones outside
    assert {f.id for f in removed(repo, load_config(repo), None)} == {"5001", "5002"}


def test_an_unreadable_deleted_file_is_known_by_its_place(repo: Path) -> None:
    (repo / MED / "5003.yaml").write_text("kind: [unclosed\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "broken")
    git(repo, "rm", "-q", f"{MED}/5003.yaml")
    assert removed(repo, None, None) == [Facts("Medication", "5003", None, None)]


def test_outside_a_git_work_tree_changed_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "spguard.yaml").write_text("{}\n", encoding="utf-8")
    out = run(tmp_path, "lint", "--changed")
    assert out.returncode == 2, out.stdout + out.stderr
    assert "is not in a git work tree" in out.stderr


def _doc(data: dict[str, Any]) -> Document:
    return Document(Path(f"{data['kind']}/{data['id']}.yaml"), f"{data['id']}.yaml", "", data)


def test_dependents_hold_the_id_anywhere_or_share_the_standard() -> None:
    standard = _doc({"kind": "PS", "id": "1", "v": 1})
    sibling = _doc({"kind": "PS", "id": "3", "derived_from": {"id": "1"}, "v": 2})
    as_number = _doc({"kind": "OS", "id": "4", "lines": [{"medication": 9}]})
    as_text = _doc({"kind": "OS", "id": "5", "deep": {"list": ["x", "9"]}})
    unrelated = _doc({"kind": "OS", "id": "6", "lines": [{"medication": "99"}], "n": 9.0})
    repo = Repository([standard, sibling, as_number, as_text, unrelated])
    variant_gone = Facts("PS", "2", "1", "region")

    assert {d.id for d in dependents(repo, [variant_gone])} == {"1", "3"}
    assert {d.id for d in dependents(repo, [Facts("Medication", "9", None, None)])} == {"4", "5"}
    # another artifact of the same kind and id is still there (moved): nothing is gone
    assert dependents(repo, [Facts("OS", "6", None, None)]) == []
    assert dependents(repo, []) == []


def test_reports_exactly_the_full_lint_findings_of_the_dependents(repo: Path) -> None:
    write(repo, order_set("304100002", "5002"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second order set")
    git(repo, "rm", "-q", f"{MED}/5001.yaml")

    code, report = changed(repo)
    full = run(repo, "lint", "--ruleset", "rules.yaml", "--today", "2026-11-23", "--format", "json")

    assert (code, report["summary"]["files"]) == (1, 1)
    mine = sorted((f["file"], f["code"], f["path"]) for f in report["findings"])
    assert mine == [(ORDER_SET, "TST002", "$.spec.groups[0].lines[0].medication")]
    everything = json.loads(full.stdout)["findings"]
    assert mine == sorted((f["file"], f["code"], f["path"]) for f in everything)


def test_the_files_given_and_the_dependents_each_once(repo: Path) -> None:
    write(repo, medication("5002", high_alert=True))  # TST001
    git(repo, "add", "-A")
    git(repo, "rm", "-q", f"{MED}/5001.yaml")

    code, report = changed(repo, f"{MED}/5002.yaml", ORDER_SET)

    assert code == 1
    codes = sorted((f["code"], f["artifact"]) for f in report["findings"])
    assert codes == [("TST001", "5002"), ("TST002", "304100001")]


def test_the_change_between_the_revisions_pre_commit_names(repo: Path) -> None:
    git(repo, "rm", "-q", f"{MED}/5001.yaml")
    git(repo, "commit", "-q", "-m", "delete 5001")
    range_ = {"PRE_COMMIT_FROM_REF": "HEAD~1", "PRE_COMMIT_TO_REF": "HEAD"}

    assert changed(repo)[0] == 0  # nothing staged
    code, report = changed(repo, env=range_)
    assert code == 1
    assert [f["artifact"] for f in report["findings"]] == ["304100001"]


def test_nothing_changed_checks_nothing_and_no_waiver_is_stale(repo: Path) -> None:
    write(repo, medication("5003", high_alert=True))  # TST001, not in the change
    (repo / "waivers.yaml").write_text(
        textwrap.dedent("""\
        waivers:
          - id: W-1
            rule: TST002
            artifacts: ["304199999"]
            reason: An order set that was since deleted.
            approved_by: CIMT
            approved_on: "2026-01-01"
            expires: "2027-12-01"
        """),
        encoding="utf-8",
    )
    (repo / "notes.txt").write_text("a note\n", encoding="utf-8")
    git(repo, "add", "notes.txt")

    code, report = changed(repo)

    assert (code, report["summary"]["files"], report["findings"]) == (0, 0, [])
