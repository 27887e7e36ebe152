"""A waiver that expires before it was approved is a waivers error (issue 14 item 14)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MEDICATION_YAML, Spguard

WAIVERS = """\
waivers:
  - id: W-1
    rule: MED001
    artifacts: ["100101"]
    reason: Checked by the pump.
    approved_by: Fokusområde Medicin
    approved_on: "2026-10-01"
    expires: "{expires}"
"""


def _repo(root: Path, expires: str) -> Path:
    (root / "central" / "Medication").mkdir(parents=True)
    (root / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    text = MEDICATION_YAML.replace("high_alert: false", "high_alert: true")
    (root / "central" / "Medication" / "100101.yaml").write_text(text, encoding="utf-8")
    (root / "waivers.yaml").write_text(WAIVERS.format(expires=expires), encoding="utf-8")
    return root


def test_a_waiver_expiring_before_its_approval_is_a_waivers_error(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = _repo(tmp_path / "repo", "2026-09-30")
    for command in (("lint", "--no-cache"), ("waivers", "check")):
        proc = spguard(*command, ".", "--today", "2026-09-01", cwd=repo)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert (
            "waivers.yaml:8:14: waiver 'W-1' expires before it was approved (2026-10-01)"
            in proc.stderr
        )


def test_a_waiver_expiring_on_its_approval_day_is_accepted(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = _repo(tmp_path / "repo", "2026-10-01")
    proc = spguard("waivers", "check", ".", "--today", "2026-10-01", cwd=repo)
    assert proc.returncode != 2, proc.stderr
