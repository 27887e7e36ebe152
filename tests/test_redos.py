"""Issue 14 item 5: rule-set regexes that backtrack catastrophically on Python's ``re`` (each got
past the old heuristic, or was never checked, inside a JSONPath filter) run on RE2 through the
real CLI, finish fast and give the right verdict; what RE2 cannot run is a rule-set error."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import MEDICATION_YAML, Spguard

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
    rationale: {da: x, en: x}
    check: CHECK
"""
MATCH = "{type: pattern, path: $.name, regex: 'REGEX'}"
FORBID = "{type: pattern, path: $.name, regex: 'REGEX', mode: forbid}"
SCHEMA = "{type: schema, path: $.spec, schema: FRAGMENT}"


def _lint(tmp_path: Path, spguard: Spguard, check: str, name: str) -> tuple[int, str]:
    """Lint one Medication named ``name`` with the one rule ``check``; exit code and output."""
    (tmp_path / "central" / "Medication").mkdir(parents=True)
    artifact = MEDICATION_YAML.replace("name: Paracetamol tablet 500 mg", f"name: {name}")
    (tmp_path / "central" / "Medication" / "100101.yaml").write_text(artifact, encoding="utf-8")
    (tmp_path / "l.yaml").write_text(RULE.replace("CHECK", check), encoding="utf-8")
    (tmp_path / "spguard.yaml").write_text("rulesets: [l.yaml]\n", encoding="utf-8")
    return _within_20_s(spguard, tmp_path)


def _within_20_s(spguard: Spguard, root: Path) -> tuple[int, str]:
    """``spguard lint`` in this process, stopped by an alarm after 20 s: a regression here
    backtracks in ``re``, whose matching loop gives way to signal handlers, so it fails (an
    internal error) instead of hanging."""
    with _alarm(20):
        out = spguard("lint", "--no-cache", ".", cwd=root)
    return out.returncode, out.stdout + out.stderr


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    tmp_path: Path, spguard: Spguard, check: str, name: str, finding: bool
) -> None:
    code, output = _lint(tmp_path, spguard, check, name)
    assert (code, "LOC001" in output) == ((1, True) if finding else (0, False)), output


@pytest.mark.parametrize(
    ("check", "reason"),
    [
        (MATCH.replace("REGEX", r"(a)\1"), "no backreferences"),
        (MATCH.replace("REGEX", r"(?<!\d)\d{6}"), "lookaround"),
        ("{type: pattern, path: \"$..[?match(@, '(a)\\\\\\\\1')]\", regex: x}", "not an I-Regexp"),
        (SCHEMA.replace("FRAGMENT", r"{properties: {x: {pattern: '(a)\1'}}}"), "backreferences"),
        (
            SCHEMA.replace(
                "FRAGMENT", "{patternProperties: {a: true}, unevaluatedProperties: false}"
            ),
            "unevaluatedProperties cannot be used with patternProperties",
        ),
    ],
)
def test_a_regex_re2_cannot_run_is_a_rule_set_error_naming_file_and_line(
    tmp_path: Path, spguard: Spguard, check: str, reason: str
) -> None:
    code, output = _lint(tmp_path, spguard, check, "Paracetamol")
    assert code == 2 and "invalid rule set" in output and "l.yaml:11" in output, output
    assert reason in output, output


@pytest.mark.parametrize(
    ("fragment", "name", "finding"),
    [
        ("{properties: {generic_name: {pattern: '^(a|aa)+$'}}}", "a" * 44 + "!", True),
        ("{properties: {generic_name: {pattern: '^(a|aa)+$'}}}", "a" * 44, False),
        ("{patternProperties: {'^(a|aa)+$': {type: integer}}}", "a" * 44 + "!", False),
        ("{patternProperties: {'^(a|aa)+$': {type: integer}}}", "a" * 44, True),
        (
            "{properties: {atc: true, form: true, strength: true, route: true, high_alert: true,"
            " double_check: true, tablet_optimisation: true, generic_name: true},"
            " patternProperties: {'^(x|xx)+$': true}, additionalProperties: false}",
            "x" * 44 + "!",
            True,
        ),
    ],
)
def test_regexes_in_a_schema_check_run_on_re2(
    tmp_path: Path, spguard: Spguard, fragment: str, name: str, finding: bool
) -> None:
    """``name`` is the generic name, and a key of ``spec`` (for patternProperties)."""
    check = SCHEMA.replace("FRAGMENT", fragment)
    code, output = _lint_spec(tmp_path, spguard, check, name)
    assert (code, "LOC001" in output) == ((1, True) if finding else (0, False)), output


def _lint_spec(tmp_path: Path, spguard: Spguard, check: str, text: str) -> tuple[int, str]:
    (tmp_path / "central" / "Medication").mkdir(parents=True)
    artifact = MEDICATION_YAML.replace("generic_name: paracetamol", f"generic_name: {text}")
    artifact += f"  {text}: x\n"  # and as a key of spec (the kind's schema allows more keys)
    (tmp_path / "central" / "Medication" / "100101.yaml").write_text(artifact, encoding="utf-8")
    (tmp_path / "l.yaml").write_text(RULE.replace("CHECK", check), encoding="utf-8")
    (tmp_path / "spguard.yaml").write_text("rulesets: [l.yaml]\n", encoding="utf-8")
    return _within_20_s(spguard, tmp_path)
