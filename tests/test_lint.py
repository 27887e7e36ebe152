"""spguard lint end to end on small real repositories: rule-set strictness, subsets with
cross-file checks, waivers, baseline, output formats and exit codes (plugins: test_plugins.py)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.errors import UsageError
from sp_config_guard.lint.engine import LintSettings, lint
from sp_config_guard.lint.ruleset import RuleSetError, load_rules
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import artifact_path, canonicalise, render
from tests.conftest import Ran, invoke_spguard

TODAY = date(2026, 11, 23)

RULESET = """\
ruleset: test-medicin
version: "1.0"
owner: Fokusområde Medicin (test)
rules:
  - code: TST001
    name: high-alert-double-check
    severity: error
    title: {da: Højrisiko kræver dobbeltkontrol, en: High-alert needs a double check}
    message: {da: "{artifact} mangler dobbeltkontrol", en: "{artifact} lacks a double check"}
    rationale: {da: En ekstra kontrol stopper doseringsfejl., en: A second check stops dosing errors.}
    docs: https://wiki.regionh.example/sp/regler/TST001
    applies_to:
      kinds: [Medication]
      where: {"$.spec.high_alert": true}
    check: {type: enum, path: $.spec.double_check, values: [true]}
  - code: TST002
    name: order-line-medication-exists
    severity: error
    title: {da: Ordinerede lægemidler findes, en: Ordered medications exist}
    message: {da: "Linjen peger på {target} ({reason})", en: "Line points at {target} ({reason})"}
    rationale: {da: En ordrelinje peger på et aktivt præparat., en: An order line must point at an active medication record.}
    applies_to: {kinds: [OrderSet]}
    check:
      type: reference
      path: $.spec.groups[*].lines[*]
      key: medication
      kinds: [Medication]
  - code: TST003
    name: atc-format
    severity: warning
    title: {da: ATC-kode, en: ATC code}
    message: {da: "ATC {value} er ugyldig", en: "ATC {value} is not valid"}
    rationale: {da: Koder følger WHO's format., en: Codes follow the WHO format.}
    applies_to: {kinds: [Medication]}
    check: {type: pattern, path: $.spec.atc, regex: "[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}"}
"""


def medication(
    id_: str,
    *,
    high_alert: bool = False,
    double_check: bool = False,
    atc: str = "N02BE01",
    status: str = "active",
    scope: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "kind": "Medication",
        "id": id_,
        "name": f"Lægemiddel {id_}",
        "scope": scope or {"level": "central"},
        "status": status,
        "spec": {
            "generic_name": "paracetamol",
            "atc": atc,
            "form": "tablet",
            "strength": {"value": 500, "unit": "mg"},
            "route": "PO",
            "default_dose": {"value": 1, "unit": "g"},
            "high_alert": high_alert,
            "double_check": double_check,
            "tablet_optimisation": False,
        },
    }


def order_set(id_: str, medication_id: str) -> dict[str, Any]:
    return {
        "kind": "OrderSet",
        "id": id_,
        "name": "Smertebehandling",
        "scope": {
            "level": "department",
            "region": "hovedstaden",
            "hospital": "rigshospitalet",
            "department": "1301011",
        },
        "status": "active",
        "spec": {
            "groups": [
                {
                    "id": "1",
                    "name": "Analgetika",
                    "selection": "vælg flere",
                    "lines": [{"id": "10", "medication": medication_id}],
                }
            ]
        },
    }


def write(root: Path, data: dict[str, Any]) -> Path:
    clean = canonicalise(data, default_registry().get(data["kind"]))
    path = root / artifact_path(clean)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(clean), encoding="utf-8")
    return path


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "spguard.yaml").write_text("{}\n", encoding="utf-8")
    (root / "rules.yaml").write_text(RULESET, encoding="utf-8")
    write(root, medication("5001"))
    write(root, medication("5002", high_alert=True, double_check=True, atc="B01AB05"))
    write(root, medication("5003", high_alert=True, atc="A10AB05"))  # TST001
    write(root, medication("5004", atc="bad"))  # TST003 warning
    write(root, order_set("304100001", "5001"))
    write(root, order_set("304100002", "9999"))  # TST002: missing
    return root


def run(root: Path, *args: str) -> Ran:
    return invoke_spguard(*args, cwd=root)


def findings(root: Path, *args: str) -> list[tuple[str, str, str]]:
    out = run(
        root, "lint", "--ruleset", "rules.yaml", "--today", "2026-11-23", "--format", "json", *args
    )
    assert out.returncode in (0, 1), out.stderr
    doc = json.loads(out.stdout)
    return sorted((f["code"], f["artifact"] or "", f["status"]) for f in doc["findings"])


def test_lint_reports_each_broken_rule_and_fails_on_errors(repo: Path) -> None:
    out = run(repo, "lint", "--ruleset", "rules.yaml", "--today", "2026-11-23")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "TST001" in out.stdout and "TST002" in out.stdout and "TST003" in out.stdout
    assert findings(repo) == [
        ("TST001", "5003", "open"),
        ("TST002", "304100002", "open"),
        ("TST003", "5004", "open"),
    ]


def test_finding_carries_rule_set_owner_scope_place_and_fingerprint(repo: Path) -> None:
    rules = load_rules([str(repo / "rules.yaml")], repo)
    result = lint(LintSettings([repo], rules, root=repo, today=TODAY))
    (finding,) = [f for f in result.findings if f.code == "TST002"]
    assert finding.file == "hovedstaden/rigshospitalet/1301011/OrderSet/304100002.yaml"
    assert finding.path == "$.spec.groups[0].lines[0].medication"
    assert (finding.ruleset, finding.ruleset_version, finding.owner) == (
        "test-medicin",
        "1.0",
        "Fokusområde Medicin (test)",
    )
    assert finding.scope == "hovedstaden/rigshospitalet/1301011"
    assert finding.kind == "OrderSet" and finding.rule == "order-line-medication-exists"
    text = (repo / finding.file).read_text(encoding="utf-8").splitlines()
    assert text[finding.line - 1].strip() == 'medication: "9999"'
    assert len(finding.fingerprint) == 16


def test_fail_on_select_ignore_and_danish(repo: Path) -> None:
    assert run(repo, "lint", "--ruleset", "rules.yaml", "--select", "TST003").returncode == 0
    assert (
        run(
            repo, "lint", "--ruleset", "rules.yaml", "--select", "TST003", "--fail-on", "warning"
        ).returncode
        == 1
    )
    assert [c for c, _, _ in findings(repo, "--ignore", "TST00")] == []
    danish = run(repo, "lint", "--ruleset", "rules.yaml", "--lang", "da", "--select", "TST001")
    assert "Medication 5003 mangler dobbeltkontrol" in danish.stdout


def test_subset_reports_only_given_files_but_sees_the_whole_repository(repo: Path) -> None:
    # pre-commit passes only the order set; the reference check still finds medication 5001
    good = "hovedstaden/rigshospitalet/1301011/OrderSet/304100001.yaml"
    bad = "hovedstaden/rigshospitalet/1301011/OrderSet/304100002.yaml"
    assert findings(repo, good) == []
    assert findings(repo, good, bad) == [("TST002", "304100002", "open")]
    # a medication made inactive breaks the order set that uses it, even when only it changed
    write(repo, medication("5001", status="retired"))
    assert findings(repo, good) == [("TST002", "304100001", "open")]


def test_waivers_valid_expired_and_stale(repo: Path) -> None:
    (repo / "waivers.yaml").write_text(
        textwrap.dedent("""\
        waivers:
          - id: W-1
            rule: TST001
            artifacts: ["50*"]
            reason: Insulin aspart in the pump programme is checked by the pump.
            ticket: SP-1001
            approved_by: Fokusområde Medicin
            approved_on: "2026-10-01"
            expires: "2027-03-31"
          - id: W-2
            rule: TST003
            artifacts: ["5004"]
            reason: Old code awaiting a new import.
            approved_by: Fokusområde Medicin
            approved_on: "2025-01-01"
            expires: "2026-11-22"
          - id: W-3
            rule: TST002
            artifacts: ["304199999"]
            reason: An order set that was since deleted.
            approved_by: CIMT
            approved_on: "2026-01-01"
            expires: "2026-12-01"
        """),
        encoding="utf-8",
    )
    assert findings(repo) == [
        ("TST001", "5003", "waived"),
        ("TST002", "304100002", "open"),
        ("TST003", "5004", "open"),  # W-2 expired yesterday: it no longer covers
        ("WAV001", "", "open"),  # W-2 expired
        ("WAV002", "", "open"),  # W-3 expires within 30 days
        ("WAV003", "", "open"),  # W-3 matches nothing
    ]
    check = run(repo, "waivers", "check", "--ruleset", "rules.yaml", "--today", "2026-11-23")
    assert check.returncode == 1
    for expected in ("WAV001", "W-2", "WAV002", "WAV003", "W-3"):
        assert expected in check.stdout
    # the last day is still covered (inclusive)
    assert ("TST003", "5004", "waived") in findings(repo, "--today", "2026-11-22")


def test_baseline_then_only_new_findings_fail(repo: Path) -> None:
    create = run(repo, "baseline", "create", "--ruleset", "rules.yaml", "--today", "2026-11-23")
    assert create.returncode == 0, create.stderr
    assert "wrote 3 entries" in create.stdout
    assert run(repo, "lint", "--ruleset", "rules.yaml", "--today", "2026-11-23").returncode == 0
    write(repo, medication("5005", high_alert=True, atc="C01AA05"))  # a new deviation
    assert [f for f in findings(repo) if f[2] == "open"] == [("TST001", "5005", "open")]
    # fixing an old one makes its entry stale; update reports it and drops it
    write(repo, medication("5004"))
    update = run(repo, "baseline", "update", "--ruleset", "rules.yaml", "--today", "2026-11-23")
    assert "stale (removed): TST003 Medication 5004" in update.stdout
    assert "new (added): TST001 Medication 5005" in update.stdout
    (baseline,) = parse_yaml((repo / "baseline.yaml").read_text(encoding="utf-8"), "baseline.yaml")
    assert sorted(e["artifact"] for e in baseline["findings"]) == ["304100002", "5003", "5005"]
    assert all("line" not in entry for entry in baseline["findings"])  # identity, not position


def test_several_formats_in_one_run(repo: Path, tmp_path: Path) -> None:
    sarif = tmp_path / "out.sarif"
    out = run(
        repo,
        "lint",
        "--ruleset",
        "rules.yaml",
        "--format",
        "sarif",
        "--output",
        str(sarif),
        "--format",
        "text",
        "--format",
        f"junit:{tmp_path / 'out.xml'}",
    )
    assert out.returncode == 1
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "TST002" in out.stdout and "<testsuites" not in out.stdout
    assert (tmp_path / "out.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    check: {type: enum", "    colour: red\n    check: {type: enum"),
            "unknown property 'colour'",
        ),
        (("type: enum,", "type: emum,"), "unknown check type 'emum'"),
        (('regex: "[A-Z]', 'regex: "([A-Z])\\\\1'), "no backreferences"),
        (('regex: "[A-Z]', 'regex: "([A-Z]'), "invalid regular expression"),
        (("path: $.spec.atc", "path: $$.spec.atc"), "bad JSONPath"),
        (
            ("rules:\n", "overrides: {XYZ999: {severity: info}}\nrules:\n"),
            "unknown rule code XYZ999",
        ),
        (("rules:\n", "extends: [../../outside.yaml]\nrules:\n"), "only shipped presets"),
    ],
)
def test_invalid_rule_sets_are_errors_naming_file_and_line(
    repo: Path, change: tuple[str, str], expected: str
) -> None:
    (repo / "rules.yaml").write_text(RULESET.replace(*change, 1), encoding="utf-8")
    out = run(repo, "lint", "--ruleset", "rules.yaml")
    assert out.returncode == 2
    assert "rules.yaml:" in out.stderr and expected in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    with pytest.raises(RuleSetError):
        load_rules([str(repo / "rules.yaml")], repo)


def test_invalid_waivers_file_is_a_usage_error(repo: Path) -> None:
    (repo / "waivers.yaml").write_text(
        "waivers:\n  - id: W-1\n    rule: TST001\n", encoding="utf-8"
    )
    out = run(repo, "lint", "--ruleset", "rules.yaml")
    assert out.returncode == 2 and "waivers.yaml:2:" in out.stderr and "required" in out.stderr
    assert isinstance(RuleSetError("x"), UsageError)
