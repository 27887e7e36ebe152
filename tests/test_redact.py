"""``--redact`` (and ``SPGUARD_REDACT`` / ``redact: true`` in spguard.yaml): findings show no
field content in any output format, and keep the fingerprints baselines are keyed on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sp_config_guard.report import formats
from tests.conftest import MEDICATION_YAML, Spguard

PLANTED = "ZQX"  # every planted value starts with this; nothing else in the repo does
LOCAL_RULES = """\
ruleset: local
version: "1"
owner: Test
rules:
  - code: LOC001
    name: no-zqx-in-generic-name
    severity: error
    title: {da: Ingen kode, en: No code}
    rationale: {da: Test., en: Test.}
    message:
      da: "{artifact} ({name}): {match} fundet i {value}"
      en: "{artifact} ({name}): {match} found in {value}"
    check: {type: pattern, path: $.spec.generic_name, mode: forbid, regex: "ZQ[A-Z]+"}
  - code: LOC002
    name: route-po
    severity: warning
    title: {da: Vej PO, en: Route PO}
    rationale: {da: Test., en: Test.}
    message:
      da: "{artifact}: vej {value} er ikke {expected}"
      en: "{artifact}: route {value} is not {expected}"
    check: {type: enum, path: $.spec.route, values: [PO]}
"""


def _repo(root: Path, config: str = "") -> Path:
    folder = root / "central" / "Medication"
    folder.mkdir(parents=True)
    (root / "spguard.yaml").write_text(
        f"rulesets: [medication, local.yaml]\n{config}", encoding="utf-8"
    )
    (root / "local.yaml").write_text(LOCAL_RULES, encoding="utf-8")
    text = (
        MEDICATION_YAML.replace("Paracetamol tablet 500 mg", f"{PLANTED}NAME tablet")
        .replace("generic_name: paracetamol", f"generic_name: a{PLANTED}GENERIC")
        .replace("route: PO", f"route: {PLANTED}ROUTE")
        .replace("high_alert: false", "high_alert: true")  # MED001 names the artifact's name
    )
    (folder / "100101.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", formats())
def test_lint_redact_hides_every_planted_value(tmp_path: Path, spguard: Spguard, fmt: str) -> None:
    root = _repo(tmp_path / "repo")
    plain = spguard("lint", "--no-cache", "--format", fmt, ".", cwd=root)
    assert PLANTED in plain.stdout  # the planted values do show without --redact
    redacted = spguard("lint", "--redact", "--format", fmt, ".", cwd=root)
    assert redacted.returncode == plain.returncode == 1
    assert PLANTED not in redacted.stdout + redacted.stderr
    for code in ("MED001", "LOC001", "LOC002"):  # still every finding, only without content
        assert code in redacted.stdout


def test_redacted_findings_keep_their_fingerprints(tmp_path: Path, spguard: Spguard) -> None:
    root = _repo(tmp_path / "repo")

    def prints(*flags: str) -> list[tuple[str, str]]:
        out = spguard("lint", "--format", "json", *flags, ".", cwd=root).stdout
        return [(f["code"], f["fingerprint"]) for f in json.loads(out)["findings"]]

    assert prints("--redact") == prints("--no-cache")
    # so a baseline written without --redact still holds the redacted run's findings
    spguard("baseline", "create", cwd=root)
    out = json.loads(spguard("lint", "--redact", "--format", "json", ".", cwd=root).stdout)
    assert {f["status"] for f in out["findings"]} == {"baselined"}


def test_redact_from_environment_and_config(tmp_path: Path, spguard: Spguard) -> None:
    root = _repo(tmp_path / "repo", "redact: true\n")
    assert PLANTED not in spguard("lint", "--format", "json", ".", cwd=root).stdout
    other = _repo(tmp_path / "other")
    env = spguard("lint", "--format", "json", ".", cwd=other, env={"SPGUARD_REDACT": "1"})
    assert PLANTED not in env.stdout
    assert PLANTED in spguard("lint", "--format", "json", ".", cwd=other).stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_validate_redact(tmp_path: Path, spguard: Spguard, fmt: str) -> None:
    root = _repo(tmp_path / "repo")
    file = root / "central" / "Medication" / "100101.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("status: active", f"status: {PLANTED}STATUS"),
        encoding="utf-8",
    )
    assert PLANTED in spguard("validate", "--format", fmt, ".", cwd=root).stdout
    proc = spguard("validate", "--redact", "--format", fmt, ".", cwd=root)
    assert proc.returncode == 1 and "SCH001" in proc.stdout
    assert PLANTED not in proc.stdout
