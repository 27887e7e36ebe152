"""What each command reports, and the exit code it gives, when input files are bad: on the real
CLI in a small repository (``tests/hostile_cases.py:repository``) with a bad file beside the
good one. The exit codes and first lines are rows of ``tests/misuse_cases.py`` (REPORTS)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from sp_config_guard import api
from tests.browser import launched
from tests.conftest import Spguard
from tests.hostile_cases import BAD, GOOD_YAML, MED, repository

DUPLICATE_KEY = GOOD_YAML + "status: retired\n"


def _repo(tmp_path: Path, bad: str | None = DUPLICATE_KEY) -> Path:
    root = repository(tmp_path / "repo")
    if bad is not None:
        (root / BAD).write_text(bad, encoding="utf-8")
    return root


def _places(findings: list[dict[str, object]], codes: tuple[str, ...]) -> set[tuple[object, ...]]:
    return {(f["code"], f["file"], f["line"], f["column"]) for f in findings if f["code"] in codes}


def test_drift_reports_an_invalid_file_in_every_format_and_exits_1(
    tmp_path: Path, spguard: Spguard
) -> None:
    """The report is still written; JSON lists the problem, Markdown warns, stderr names it.
    (drift used to exit 0.)"""
    root = _repo(tmp_path)
    line = f"{BAD}:18:1: LOAD002 duplicate key 'status'"
    text = spguard("drift", ".", cwd=root)
    assert text.returncode == 1 and text.stderr.startswith(line), text.stderr
    assert "drift: 0 variant(s), 0 deviation(s)" in text.stdout
    as_json = spguard("drift", "--format", "json", ".", cwd=root)
    assert as_json.returncode == 1
    problems = json.loads(as_json.stdout)["problems"]
    assert len(problems) == 1 and problems[0].startswith(line), problems
    markdown = spguard("drift", "--format", "markdown", ".", cwd=root)
    assert markdown.returncode == 1 and f"- :warning: `{line}" in markdown.stdout
    clean = spguard("drift", "--format", "json", ".", cwd=_repo(tmp_path / "clean", None))
    assert clean.returncode == 0 and json.loads(clean.stdout)["problems"] == []


def test_drift_html_shows_the_files_it_could_not_read(tmp_path: Path, spguard: Spguard) -> None:
    """In a real browser: the page names the bad file in a note above the summary."""
    root = _repo(tmp_path)
    proc = spguard("drift", "--format", "html", "--output", tmp_path / "drift.html", ".", cwd=root)
    assert proc.returncode == 1
    with launched(tmp_path / "chromium") as browser:
        browser.open((tmp_path / "drift.html").as_uri(), 1400)
        shown = browser.evaluate("document.documentElement.outerHTML")
        assert browser.problems() == []
    assert 'data-errors=""' in shown, shown[:2000]
    assert '<div id="problems" class="note" role="alert"><strong>1 file left out' in shown
    assert f"<li><code>{BAD}:18:1: LOAD002 duplicate key" in shown


def test_the_python_api_returns_the_problems_of_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_repo(tmp_path))
    result = api.drift(".")
    assert [(p.code, p.file) for p in result.problems] == [("LOAD002", BAD)]


def test_diff_of_trees_with_an_invalid_file_exits_1_and_says_what_was_not_compared(
    tmp_path: Path, spguard: Spguard
) -> None:
    """Bad input files are exit 1 (found), not 2 (usage); the summary says the file was not
    compared. (diff used to exit 2.)"""
    root = _repo(tmp_path)
    proc = spguard("diff", ".", ".", cwd=root)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"{BAD}:18:1: LOAD002")
    assert proc.stdout.endswith(
        "diff: no differences\n"
        "diff: 2 file(s) could not be read or are invalid and were not compared\n"
    )
    as_json = json.loads(spguard("diff", "--format", "json", ".", ".", cwd=root).stdout)
    assert as_json["changed"] is False and len(as_json["problems"]) == 2
    (root / BAD).unlink()
    assert spguard("diff", ".", ".", cwd=root).returncode == 0


def test_baseline_create_writes_what_could_be_read_names_the_rest_and_exits_1(
    tmp_path: Path, spguard: Spguard
) -> None:
    root = _repo(tmp_path)
    proc = spguard("baseline", "create", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1] == (
        "baseline: 1 file(s) left out because they could not be read or are invalid; "
        "fix them and run again"
    )
    assert f"{BAD}:18:1: LOAD002" in proc.stderr
    entries = yaml.safe_load((root / "baseline.yaml").read_text(encoding="utf-8"))["findings"]
    assert {e["code"] for e in entries} == {"MED001", "MED002", "MED010"}
    # with the baseline, the good file's findings are accepted; the bad file still fails
    lint = spguard("lint", "--format", "json", ".", cwd=root)
    assert lint.returncode == 1
    open_codes = {f["code"] for f in json.loads(lint.stdout)["findings"] if f["status"] == "open"}
    assert open_codes == {"LOAD002"}


def test_baseline_update_keeps_the_entries_of_a_file_it_could_not_read(
    tmp_path: Path, spguard: Spguard
) -> None:
    """What a file that cannot be read holds is unknown: its accepted findings are not
    dropped as stale (they would fail as new once the file is fixed)."""
    root = _repo(tmp_path, None)
    assert spguard("baseline", "create", cwd=root).returncode == 0
    before = (root / "baseline.yaml").read_text(encoding="utf-8")
    good = root / MED / "100101.yaml"
    good.write_text(good.read_text(encoding="utf-8") + "status: retired\n", encoding="utf-8")
    proc = spguard("baseline", "update", cwd=root)
    assert proc.returncode == 1 and "stale (removed)" not in proc.stdout, proc.stdout
    assert (root / "baseline.yaml").read_text(encoding="utf-8") == before


def test_an_older_baseline_never_accepts_a_file_that_cannot_be_read(
    tmp_path: Path, spguard: Spguard
) -> None:
    """A baseline that holds a load problem (as ``baseline create`` used to write) does not
    make the run pass."""
    root = _repo(tmp_path)
    report = json.loads(spguard("lint", "--format", "json", ".", cwd=root).stdout)
    load = next(f for f in report["findings"] if f["code"] == "LOAD002")
    entry = {k: load[k] for k in ("fingerprint", "code", "kind", "artifact", "path", "message")}
    (root / "baseline.yaml").write_text(
        yaml.safe_dump({"version": 1, "findings": [entry]}), encoding="utf-8"
    )
    proc = spguard("lint", "--format", "json", ".", cwd=root)
    assert proc.returncode == 1
    again = next(f for f in json.loads(proc.stdout)["findings"] if f["code"] == "LOAD002")
    assert again["status"] == "open" and again["fingerprint"] == load["fingerprint"]


def test_waivers_check_names_a_file_it_could_not_read(tmp_path: Path, spguard: Spguard) -> None:
    root = _repo(tmp_path)
    (root / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    proc = spguard("waivers", "check", "--format", "json", cwd=root)
    assert proc.returncode == 1
    assert _places(json.loads(proc.stdout)["findings"], ("LOAD002",)) == {("LOAD002", BAD, 18, 1)}
    (root / BAD).unlink()
    assert spguard("waivers", "check", cwd=root).returncode == 0


def test_validate_lint_and_drift_agree_on_unknown_kinds_and_colliding_ids(
    tmp_path: Path, spguard: Spguard
) -> None:
    """One place reports both for the three commands: same codes, files, lines and columns.
    (lint and drift used to say nothing.)"""
    root = _repo(tmp_path, GOOD_YAML)  # bad.yaml: the same kind and id as 100101.yaml
    (root / MED / "frob.yaml").write_text(
        GOOD_YAML.replace("kind: Medication", "kind: Frobnicator").replace("100101", "100102"),
        encoding="utf-8",
    )
    codes = ("LOAD008", "SCH003")
    expected = {("SCH003", BAD, 2, 5), ("LOAD008", f"{MED}/frob.yaml", 1, 7)}
    validate = spguard("validate", "--format", "json", ".", cwd=root)
    lint = spguard("lint", "--format", "json", ".", cwd=root)
    assert (validate.returncode, lint.returncode) == (1, 1)
    assert _places(json.loads(validate.stdout)["findings"], codes) == expected
    assert _places(json.loads(lint.stdout)["findings"], codes) == expected
    drift = spguard("drift", "--format", "json", ".", cwd=root)
    assert drift.returncode == 1
    shown = [re.match(r"(.+):(\d+):(\d+): (\w+) ", p) for p in json.loads(drift.stdout)["problems"]]
    assert {(m[4], m[1], int(m[2]), int(m[3])) for m in shown if m} == expected
