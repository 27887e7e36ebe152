"""``spguard drift --history`` (#17 item 6): at every step the incremental result is byte for
byte the JSON of a full ``drift`` of that commit checked out (a real git repository with a
copy added, a copy changed, a standard revised, a file deleted, a file that cannot be read and
a rename); only what changed is classified again; the steps, ``--every`` and ``--since``; the
JSON (valid against the report schema) and CSV reports through the real CLI; bad options."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sp_config_guard import api
from sp_config_guard.drift.history import history
from sp_config_guard.drift.result import DriftResult
from sp_config_guard.drift.walker import Walker, walk_key
from sp_config_guard.lint.waivers import load_waivers
from sp_config_guard.load.gitlog import Commit, commits
from sp_config_guard.load.loader import iter_files
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.report.drift_report import as_json, document
from tests.conftest import Spguard
from tests.history_repo import MOVED, WAIVED, build
from tests.test_drift_provenance import EXAMPLE, git


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("history") / "sp-config")


def full_drift(root: Path, at: Commit, where: Path) -> DriftResult:
    """``spguard drift --today DAY`` of the commit checked out in a work tree of its own."""
    tree = where / at.commit[:12]
    git(root, "worktree", "add", "-q", "--detach", str(tree), at.commit)
    return api.drift(tree, today=at.day)


def test_every_step_equals_a_full_drift_of_its_commit(repo: Path, tmp_path: Path) -> None:
    seen: list[tuple[Commit, str, str]] = []

    def compare(at: Commit, result: DriftResult) -> None:
        full = full_drift(repo, at, tmp_path)
        result.provenance, result.min_variants = full.provenance, full.min_variants
        seen.append((at, as_json(result), as_json(full)))

    found = api.drift_history(repo, each=compare)
    assert [at.date[:10] for at, _, _ in seen] == [
        "2026-01-05", "2026-01-12", "2026-01-19", "2026-02-02", "2026-02-09", "2026-02-16",
        "2026-03-02",
    ]  # fmt: skip
    for at, incremental, full in seen:
        assert incremental == full, at
    docs = [json.loads(full) for _, _, full in seen]
    # every kind of change made a difference the comparison saw
    counts = [len(d["variants"]) for d in docs]
    assert counts[1] == counts[0] + 1 and counts[4] == counts[3] - 1
    assert len(docs[2]["problems"]) == 1 and docs[5]["problems"] == []
    stale = [sum(d["class"] == "stale" for d in doc["deviations"]) for doc in docs]
    assert stale[3] > stale[2] and stale[6] > stale[2]
    waived = [[d["waived_by"] for d in doc["deviations"] if d["file"] == WAIVED] for doc in docs]
    assert "W-2026-001" in waived[2] and "W-2026-001" not in waived[3]  # expired on 2026-01-25
    moved = [v for v in docs[5]["variants"] if v["artifact"] == "304110016"]
    assert [v["file"] for v in moved] == [MOVED]
    for point, doc in zip(found.points, docs, strict=True):
        for level in ("region", "hospital", "department"):
            ours = [_rollup(r) for r in point.rollups[level]]
            assert ours == doc["rollups"][level]
        assert point.variants == len(doc["variants"])
    releases = [(r.date[:10], r.standard, r.previous, r.revision) for r in found.releases]
    assert releases == [
        ("2026-02-02", "304100200", "2026.3", "2026.4"),
        ("2026-03-02", "304100200", "2026.4", "2026.5"),
    ]


def _rollup(r: Any) -> dict[str, Any]:
    from sp_config_guard.report.drift_report import rollup_json

    return rollup_json(r)


def test_only_what_changed_is_classified_again(repo: Path) -> None:
    top = repo
    steps = commits(top)
    waivers = load_waivers(repo / "waivers.yaml", repo)
    walker = Walker(top, repo, steps[-1].commit, waivers=waivers, workers=1)
    done = []
    history(walker, steps, each=lambda at, result: done.append(walker.evaluated))
    first, *later = [b - a for a, b in zip([0, *done], done, strict=False)]
    assert first == 289  # every variant of the example once
    copies = sum(
        '  id: "304100200"' in path.read_text(encoding="utf-8")
        for path, _ in iter_files([EXAMPLE], EXAMPLE)
    )
    assert copies == 3
    # added: the new copy; changed: the copy; revised: its copies and the new one, and the
    # copy whose waiver expired; deleted: nothing; moved: the copy under its new name; revised
    # again: its copies less the deleted
    assert later == [1, 1, copies + 2, 0, 1, copies]


def test_steps_every_and_since(repo: Path) -> None:
    every = [c.date[:10] for c in commits(repo)]
    assert len(every) == 7
    assert [c.date[:10] for c in commits(repo, every="3")] == [every[0], every[3], every[6]]
    assert [c.date[:10] for c in commits(repo, since=date(2026, 2, 9))] == every[4:]
    # the last commit of each ISO week; here each commit has a week of its own
    assert [c.date[:10] for c in commits(repo, every="week")] == every
    head = git(repo, "rev-parse", "HEAD~2")
    assert [c.date[:10] for c in commits(repo, f"{head}..HEAD")] == every[5:]
    assert commits(repo)[0].date == "2026-01-05T10:00:00+01:00"


def test_the_walk_order_is_the_order_files_are_found_in(repo: Path) -> None:
    found = [display for _, display in iter_files([repo], repo)]
    assert sorted(found, key=walk_key) == found


def schema_errors(doc: dict[str, Any]) -> list[str]:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema["$defs"]["driftHistory"] | {"$defs": schema["$defs"]})
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_json_report_through_the_cli(repo: Path, spguard: Spguard) -> None:
    ran = spguard("drift", str(repo), "--history", "--every", "2", "--format", "json")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    doc = json.loads(ran.stdout)
    assert schema_errors(doc) == []
    assert doc["report"] == "driftHistory" and doc["version"] == 1
    assert [p["date"][:10] for p in doc["points"]] == [
        "2026-01-05",
        "2026-01-19",
        "2026-02-09",
        "2026-03-02",
    ]
    assert [m["revision"] for m in doc["releases"]] == ["2026.4", "2026.5"]
    assert doc["releases"][0]["date"].startswith("2026-02-09")  # first seen at that step
    full = document(api.drift(repo, today=date(2026, 3, 2)))
    last = doc["points"][-1]
    assert last["rollups"]["hospital"] == [
        {k: r[k] for k in ("key", "variants", "governed_fields", "counts", "index")}
        for r in full["rollups"]["hospital"]
    ]


def test_csv_report_has_a_row_per_step_and_place(repo: Path, spguard: Spguard) -> None:
    ran = spguard("drift", str(repo), "--history", "--since", "2026-02-16", "--format", "csv")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    doc = json.loads(
        spguard("drift", str(repo), "--history", "--since", "2026-02-16", "--format", "json").stdout
    )
    expected = [
        (p["commit"], level, "/".join(r["key"]), f"{r['index']:.1f}")
        for p in doc["points"]
        for level in ("total", "region", "hospital", "department")
        for r in ([p["total"]] if level == "total" else p["rollups"][level])
    ]
    assert [(r["commit"], r["level"], r["place"], r["index"]) for r in rows] == expected
    assert set(rows[0]) >= {"date", "variants", "violation", "stale", "governed_fields"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--every", "0"], "--every"),
        (["--every", "month"], "--every"),
        (["--history", "nope..HEAD"], "nope"),
        (["--history", "HEAD...HEAD~1"], "A..B"),
        (["--since", "2030-01-01"], "no commit"),
        (["--today", "2026-01-01"], "--today"),
        (["--format", "markdown"], "markdown"),
        (["--history", "HEAD", "--format", "sarif"], "sarif"),
    ],
)
def test_bad_history_options_are_usage_errors(
    repo: Path, spguard: Spguard, args: list[str], says: str
) -> None:
    if "--history" not in args:
        args = ["--history", *args]
    ran = spguard("drift", str(repo), *args)
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert says in ran.stdout + ran.stderr


def test_history_of_a_folder_is_a_usage_error(repo: Path, spguard: Spguard) -> None:
    ran = spguard("drift", str(repo / "central"), "--history")
    assert ran.returncode == 2 and "whole repository" in ran.stdout + ran.stderr


def test_since_and_every_need_history(repo: Path, spguard: Spguard) -> None:
    ran = spguard("drift", str(repo), "--every", "2")
    assert ran.returncode == 2 and "--history" in ran.stdout + ran.stderr


def test_fail_on_judges_the_newest_step(repo: Path, spguard: Spguard) -> None:
    ran = spguard("drift", str(repo), "--history", "HEAD~1..HEAD", "--fail-on", "stale")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert spguard("drift", str(repo), "--history", "HEAD~1..HEAD").returncode == 0


def test_history_outside_git_is_a_usage_error(tmp_path: Path, spguard: Spguard) -> None:
    shutil.copytree(EXAMPLE / "central", tmp_path / "central")
    (tmp_path / "spguard.yaml").write_text("lang: en\n", encoding="utf-8")
    ran = spguard("drift", str(tmp_path), "--history")
    assert ran.returncode == 2, ran.stdout + ran.stderr
