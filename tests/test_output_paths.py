"""Paths reviewers see: every path in every output is relative to the repository root, the
same whether spguard runs in the root, in a subfolder or outside the repository (given its
path). Each format is parsed for the paths it carries; SARIF is also checked against the
official schema, with repository-relative URIs against ``%SRCROOT%``."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from sp_config_guard.load.loader import shown
from tests.conftest import MEDICATION_YAML, Ran, invoke_spguard
from tests.hostile_cases import repository
from tests.test_reporters import _assert_valid, _sarif_validator

pytestmark = pytest.mark.xdist_group(
    "output-paths"
)  # on one worker: the lint runs of every folder are made once

TODAY = "2026-06-01"
ARTIFACT = "central/Medication/100101.yaml"  # with a planted MED001 finding
BROKEN = "central/Medication/100102.yaml"  # malformed YAML: a LOAD001 finding
WAIVERS = "waivers.yaml"
# W-001 has expired (WAV001); W-002 expires in 10 days (WAV002) and matches nothing (WAV003)
WAIVERS_YAML = """\
waivers:
  - id: W-001
    rule: MED001
    artifacts: ["100101"]
    reason: Palliativt afsnit
    approved_by: Fokusområde Medicin
    approved_on: 2026-01-01
    expires: 2026-03-31
  - id: W-002
    rule: MED002
    artifacts: ["999999"]
    reason: Gammel undtagelse
    approved_by: Fokusområde Medicin
    approved_on: 2026-01-01
    expires: 2026-06-11
"""
FORMATS = ("text", "grouped", "json", "sarif", "github", "gitlab", "junit", "markdown")
WHERE = ("root", "subfolder", "outside")
ENV = {"SPGUARD_LANG": "en"}  # module-scoped runs come before the per-test language fixture


def _repository(root: Path) -> Path:
    repo = repository(root)
    (repo / BROKEN).write_text("kind: Medication\nid: [100102\n", encoding="utf-8")
    (repo / WAIVERS).write_text(WAIVERS_YAML, encoding="utf-8")
    return repo


def _cwd_and_target(repo: Path, where: str) -> tuple[Path, tuple[str, ...]]:
    """The working folder of a run and the path it names (none but outside the repository)."""
    if where == "root":
        return repo, ()
    if where == "subfolder":
        return repo / "central", ()
    outside = repo.parent / "outside"
    outside.mkdir(exist_ok=True)
    return outside, (str(repo),)


@pytest.fixture(scope="module")
def lint_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Every format of one lint run from each working folder: where -> format -> text."""
    repo = _repository(tmp_path_factory.mktemp("paths") / "repo")
    reports = tmp_path_factory.mktemp("reports")
    outputs: dict[str, dict[str, str]] = {}
    for where in WHERE:
        cwd, target = _cwd_and_target(repo, where)
        specs = [f"--format={fmt}:{reports / f'{where}.{fmt}'}" for fmt in FORMATS]
        proc = invoke_spguard(
            "lint", *target, "--today", TODAY, "--no-cache", *specs, cwd=cwd, env=ENV
        )
        assert proc.returncode == 1, proc.stdout + proc.stderr
        outputs[where] = {
            fmt: (reports / f"{where}.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS
        }
    return outputs


def _text_paths(text: str) -> list[str]:
    """Lint text: the file each finding's line starts with (``file:line:column: ``)."""
    *findings, summary = text.splitlines()
    assert summary.startswith("lint: "), text
    starts = [re.match(r"(.+?):\d+:\d+: ", line) for line in findings]
    assert all(starts), text
    return [m.group(1) for m in starts if m]


def _grouped_paths(text: str) -> list[str]:
    """Lint grouped text: the file named above each table of findings."""
    lines = text.splitlines()
    return [line for line, below in pairwise(lines) if below.startswith("line:col")]


def _json_paths(text: str) -> list[str]:
    return [finding["file"] for finding in json.loads(text)["findings"]]


def _sarif_paths(text: str) -> list[str]:
    log = json.loads(text)
    _assert_valid(_sarif_validator(), log)
    (run,) = log["runs"]
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]  # no absolute path of our own
    out = []
    for result in run["results"]:
        for location in result["locations"]:
            artifact = location["physicalLocation"]["artifactLocation"]
            assert artifact["uriBaseId"] == "%SRCROOT%", artifact
            out.append(artifact["uri"])
    return out


def _github_paths(text: str) -> list[str]:
    escaped = [re.match(r"::\w+ file=([^,]*),", line) for line in text.splitlines()]
    assert all(escaped), text
    return [
        m.group(1).replace("%3A", ":").replace("%2C", ",").replace("%25", "%") for m in escaped if m
    ]


def _gitlab_paths(text: str) -> list[str]:
    return [issue["location"]["path"] for issue in json.loads(text)]


def _junit_paths(text: str) -> list[str]:
    """Each test case's name (``file:line [artifact]``) and its details (``file:line:col: ...``)."""
    out = []
    for case in ET.fromstring(text).iter("testcase"):
        if case.get("name") == "no findings":
            continue
        name = re.fullmatch(r"(.+):\d+(?: \S+)?", case.get("name", ""))
        assert name, case.get("name")
        out.append(name.group(1))
        for detail in (*case.iter("failure"), *case.iter("system-out")):
            first = re.match(r"(.+?):\d+:\d+: ", detail.text or "")
            assert first, detail.text
            out.append(first.group(1))
    return out


def _markdown_paths(text: str) -> list[str]:
    """The ``file:line`` cell of every finding row."""
    return re.findall(r"^\| .*? \| `([^`|]+):\d+` \|", text, re.MULTILINE)


PARSERS: dict[str, Callable[[str], list[str]]] = {
    "text": _text_paths,
    "grouped": _grouped_paths,
    "json": _json_paths,
    "sarif": _sarif_paths,
    "github": _github_paths,
    "gitlab": _gitlab_paths,
    "junit": _junit_paths,
    "markdown": _markdown_paths,
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_lint_names_files_relative_to_the_root_from_any_folder(
    lint_outputs: dict[str, dict[str, str]], fmt: str
) -> None:
    parsed = {where: PARSERS[fmt](lint_outputs[where][fmt]) for where in WHERE}
    assert set(parsed["root"]) == {ARTIFACT, BROKEN, WAIVERS}, parsed["root"]
    assert parsed["subfolder"] == parsed["root"]
    assert parsed["outside"] == parsed["root"]
    # and nothing else in the report depends on the working folder
    assert lint_outputs["subfolder"][fmt] == lint_outputs["root"][fmt]
    assert lint_outputs["outside"][fmt] == lint_outputs["root"][fmt]


def test_the_waiver_findings_are_in_the_reports(lint_outputs: dict[str, dict[str, str]]) -> None:
    findings = json.loads(lint_outputs["root"]["json"])["findings"]
    on_waivers = sorted(
        (f["code"], f["line"], f["column"]) for f in findings if f["file"] == WAIVERS
    )
    assert on_waivers == [("WAV001", 2, 5), ("WAV002", 9, 5), ("WAV003", 9, 5)]
    assert ("LOAD001", BROKEN) in {(f["code"], f["file"]) for f in findings}


def _run(*args: object, cwd: Path) -> Ran:
    return invoke_spguard(*args, cwd=cwd, env=ENV)


def test_waivers_check_names_the_waivers_file_from_any_folder(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    outputs = []
    for where in WHERE:
        cwd, target = _cwd_and_target(repo, where)
        proc = _run("waivers", "check", *target, "--today", TODAY, "--format", "gitlab", cwd=cwd)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        outputs.append(proc.stdout)
    # the waivers file, and the artifact that could not be read (a waiver may cover it)
    paths = {issue["location"]["path"] for issue in json.loads(outputs[0])}
    assert paths == {WAIVERS, BROKEN}
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]


def test_validate_from_a_subfolder_names_files_as_from_the_root(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    for fmt in ("text", "json"):
        at_root = _run("validate", "--format", fmt, cwd=repo)
        below = _run("validate", "--format", fmt, cwd=repo / "central")
        assert at_root.returncode == below.returncode == 1
        assert below.stdout == at_root.stdout
    report = json.loads(at_root.stdout)
    # the good artifact is where the path scheme puts it: no SCH004 from any folder
    assert [(f["code"], f["file"]) for f in report["findings"]] == [("LOAD001", BROKEN)]


VARIANT = "hovedstaden/Medication/180001.yaml"


def _with_variant(repo: Path) -> None:
    """A regional copy of the standard that changes a locked field (a drift violation)."""
    text = MEDICATION_YAML.replace('id: "100101"', 'id: "180001"').replace(
        "scope:\n  level: central\n",
        'scope:\n  level: region\n  region: hovedstaden\nderived_from:\n  id: "100101"\n',
    )
    (repo / VARIANT).parent.mkdir(parents=True)
    (repo / VARIANT).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_drift_from_a_subfolder_names_files_as_from_the_root(tmp_path: Path, fmt: str) -> None:
    repo = repository(tmp_path / "repo")
    _with_variant(repo)
    at_root = _run("drift", "--format", fmt, cwd=repo)
    for cwd in (repo / "central", repo / "hovedstaden"):
        assert _run("drift", "--format", fmt, cwd=cwd).stdout == at_root.stdout
    assert VARIANT in at_root.stdout
    if fmt == "json":
        report = json.loads(at_root.stdout)
        files = {d["file"] for d in report["deviations"]} | {v["file"] for v in report["variants"]}
        assert files == {VARIANT}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_from_a_subfolder_names_files_as_from_the_root(tmp_path: Path, fmt: str) -> None:
    repo = repository(tmp_path / "repo")
    _with_variant(repo)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "start")
    changed = MEDICATION_YAML.replace("route: PO", "route: IV")
    (repo / ARTIFACT).write_text(changed, encoding="utf-8")
    proposal = "central/proposal.yaml"  # the same artifact elsewhere (not in a kind folder)
    (repo / proposal).write_text(changed.replace("form: tablet", "form: mikstur"), "utf-8")
    central = repo / "central"
    runs = {
        "two files": (
            _run("diff", ARTIFACT, proposal, "--format", fmt, cwd=repo),
            _run("diff", "Medication/100101.yaml", "proposal.yaml", "--format", fmt, cwd=central),
            (proposal, ARTIFACT),
        ),
        "work tree against HEAD": (
            _run("diff", "--git", "HEAD", "--format", fmt, cwd=repo),
            _run("diff", "--git", "HEAD", "--format", fmt, cwd=central),
            (ARTIFACT, None),  # modified in place, not moved
        ),
    }
    for name, (at_root, below, (file, old_file)) in runs.items():
        assert at_root.returncode == 1, (name, at_root.stdout, at_root.stderr)
        assert below.stdout == at_root.stdout, name
        assert file in at_root.stdout, name
        if fmt == "json":
            (artifact,) = json.loads(at_root.stdout)["artifacts"]
            assert (artifact["file"], artifact["old_file"]) == (file, old_file), name


def test_a_file_is_named_relative_to_the_root_through_a_symbolic_link(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "central").mkdir(parents=True)
    (tmp_path / "link").symlink_to(root)
    assert shown(tmp_path / "link" / "central" / "x.yaml", root) == "central/x.yaml"
    assert shown(root, root) == "."
    assert shown(tmp_path / "elsewhere.yaml", root) == (tmp_path / "elsewhere.yaml").as_posix()
    assert shown(tmp_path / "repo-sibling" / "x.yaml", root).startswith("/")


@pytest.mark.parametrize("lang", ["en", "da"])
def test_two_formats_to_standard_output_is_a_usage_error(tmp_path: Path, lang: str) -> None:
    (tmp_path / "medication.yaml").write_text(MEDICATION_YAML, encoding="utf-8")
    ran = invoke_spguard(
        "lint",
        "--lang",
        lang,
        "--format",
        "sarif",
        "--format",
        "json",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert ran.returncode == 2
    assert ran.stdout == ""
    assert "sarif, json" in ran.stderr and "--output" in ran.stderr


def test_two_formats_with_one_output_each_still_work(tmp_path: Path) -> None:
    (tmp_path / "medication.yaml").write_text(MEDICATION_YAML, encoding="utf-8")
    ran = invoke_spguard(
        "lint",
        "--format",
        "sarif",
        "--output",
        str(tmp_path / "r.sarif"),
        "--format",
        "json",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert ran.returncode in (0, 1), ran.stderr
    assert json.loads(ran.stdout)["version"]
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"]
