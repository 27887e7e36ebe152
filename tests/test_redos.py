"""Issue 14 item 5: rule-set regexes that backtrack catastrophically on Python's ``re`` (each got
past the old heuristic, or was never checked, inside a JSONPath filter) run on RE2 through the
real CLI, finish fast and give the right verdict; what RE2 cannot run is a rule-set error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MEDICATION_YAML, CliRunner

RULE = """\
ruleset: l
version: "1"
owner: x
rules:
  - code: LOC001
    name: x
    severity: error
    title: {da: x, en: x}
    message: {da: x, en: x}
    rationale: x
    check: CHECK
"""
MATCH = "{type: pattern, path: $.name, regex: 'REGEX'}"
FORBID = "{type: pattern, path: $.name, regex: 'REGEX', mode: forbid}"


def _lint(tmp_path: Path, spguard: CliRunner, check: str, name: str) -> tuple[int, str]:
    """Lint one Medication named ``name`` with the one rule ``check``; exit code and output."""
    (tmp_path / "central" / "Medication").mkdir(parents=True)
    artifact = MEDICATION_YAML.replace("name: Paracetamol tablet 500 mg", f"name: {name}")
    (tmp_path / "central" / "Medication" / "100101.yaml").write_text(artifact, encoding="utf-8")
    (tmp_path / "l.yaml").write_text(RULE.replace("CHECK", check), encoding="utf-8")
    (tmp_path / "spguard.yaml").write_text("rulesets: [l.yaml]\n", encoding="utf-8")
    out = spguard("lint", "--no-cache", ".", cwd=tmp_path, timeout=20)
    return out.returncode, out.stdout + out.stderr


@pytest.mark.parametrize(
    ("check", "name", "finding"),
    [
        (MATCH.replace("REGEX", r"(?:[\u0400-\u04ff]+)+"), "ж" * 40 + "!", True),
        (MATCH.replace("REGEX", r"(?:[\u0400-\u04ff]+)+"), "ж" * 40, False),
        (FORBID.replace("REGEX", "(.*a){16}x"), "a" * 60, False),
        (FORBID.replace("REGEX", "(.*a){16}x"), "a" * 60 + "x", True),
        (FORBID.replace("REGEX", ".*.*.*.*.*.*="), "a" * 300, False),
        (FORBID.replace("REGEX", ".*.*.*.*.*.*="), "a" * 300 + "=", True),
        (MATCH.replace("REGEX", r"(?:\dx|[\u0661-\u0669]x)*"), "١x" * 40 + "!", True),
        (MATCH.replace("REGEX", r"(?:\dx|[\u0661-\u0669]x)*"), "١x" * 20 + "1x" * 20, False),
        (MATCH.replace("REGEX", "(?:(?i:a)|A)*"), "A" * 40 + "!", True),
        (MATCH.replace("REGEX", "(?:(?i:a)|A)*"), "aA" * 20, False),
        ("{type: pattern, path: \"$..[?match(@, '(a|aa)+')]\", regex: x}", "a" * 44 + "!", False),
        ("{type: pattern, path: \"$..[?match(@, '(a|aa)+')]\", regex: x}", "a" * 44, True),
        ("{type: pattern, path: \"$..[?search(@, '(a|aa)+!')]\", regex: x}", "a" * 44 + "?", False),
        ("{type: pattern, path: \"$..[?search(@, '(a|aa)+!')]\", regex: x}", "a" * 44 + "!", True),
    ],
)
def test_regexes_that_backtrack_on_re_finish_fast_with_the_right_verdict(
    tmp_path: Path, spguard: CliRunner, check: str, name: str, finding: bool
) -> None:
    code, output = _lint(tmp_path, spguard, check, name)
    assert (code, "LOC001" in output) == ((1, True) if finding else (0, False)), output


@pytest.mark.parametrize(
    ("check", "reason"),
    [
        (MATCH.replace("REGEX", r"(a)\1"), "no backreferences"),
        (MATCH.replace("REGEX", r"(?<!\d)\d{6}"), "lookaround"),
        ("{type: pattern, path: \"$..[?match(@, '(a)\\\\\\\\1')]\", regex: x}", "not an I-Regexp"),
    ],
)
def test_a_regex_re2_cannot_run_is_a_rule_set_error_naming_file_and_line(
    tmp_path: Path, spguard: CliRunner, check: str, reason: str
) -> None:
    code, output = _lint(tmp_path, spguard, check, "Paracetamol")
    assert code == 2 and "invalid rule set" in output and "l.yaml:11" in output, output
    assert reason in output, output
