"""Messages a clinician reads: every rendered message of the example's findings and of every
rule case's failing artifacts, in Danish and in English, names things by name and value and
never dumps JSON (``{``, a ``[...]`` list), ``null``/``None`` or a bare JSONPath (``$.``).
The machine-readable ``value`` stays as it was (JSON and SARIF keep it)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from sp_config_guard.lint.engine import LintSettings, lint
from sp_config_guard.lint.rule_cases import run_cases
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.rule_tests import RuleTestResult
from tests.test_rule_cases import CASES

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "examples" / "sp-config"
TODAY = date(2026, 11, 23)
LANGS = ("da", "en")

# what a person should never have to read in a message
_UNREADABLE = {
    "a JSON object or an unfilled field": re.compile(r"[{}]"),
    "a list dump": re.compile(r"\[\s*(?:[\"'{\[\]\d-]|null\b|true\b|false\b)"),
    "null": re.compile(r"\bnull\b"),
    "None": re.compile(r"\bNone\b"),
    "a JSONPath": re.compile(r"\$[.\[]"),
}


def unreadable(message: str) -> list[str]:
    """What in ``message`` no clinician should have to read (nothing: the message is fine)."""
    return [what for what, pattern in _UNREADABLE.items() if pattern.search(message)]


@pytest.mark.parametrize(
    "message",
    [
        'OrderSet 304110168: $.spec.groups differs from standard 304100220 (removed); here null, in the standard {"id": "200"}',
        'DecisionRule 911038: override reasons: here ["Andet - se journal"]',
        "Medication 1001 has status None",
        "The local agreement in EarlyWarningScore 611026 lacks $.spec.escalation.approver",
        "An order line of {artifact} does not match",
    ],
)
def test_the_detector_finds_what_a_clinician_cannot_read(message: str) -> None:
    assert unreadable(message)


def test_the_detector_lets_plain_words_through() -> None:
    fine = (
        "OrderSet 304110168 differs from standard 304100220: group 'Væsketerapi' (id 200) is "
        "missing (the standard has it); line 1001 dose: 80 mg here, 40 mg in the standard"
    )
    assert unreadable(fine) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.usefixtures("cache_in_tmp")
def test_every_message_of_the_example_is_readable(lang: str) -> None:
    settings = LintSettings(
        paths=[TREE], rules=load_rules([]), root=TREE, today=TODAY, lang=lang, use_cache=False
    )
    findings = lint(settings).findings
    assert len({f.code for f in findings if f.rule}) > 20  # the example plants most rules
    bad = [(f.code, f.file, f.message, unreadable(f.message)) for f in findings]
    assert [entry for entry in bad if entry[3]] == []


@cache
def _run_cases(lang: str) -> RuleTestResult:
    """Every shipped case, run as ``spguard rules test`` runs it."""
    return run_cases([str(data_dir("rules"))], data_dir("rules").parent, lang, TODAY)


def _case_messages(file: Path, lang: str) -> list[tuple[str, str]]:
    """(artifact id, message) of every finding of the case file's failing artifacts."""
    return [
        (outcome.artifact, message)
        for outcome in _run_cases(lang).outcomes
        if outcome.file == f"rules/cases/{file.name}" and outcome.case == "fail"
        for _, message in outcome.found
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("file", CASES, ids=lambda f: f.stem)
def test_every_message_of_a_rule_case_is_readable(file: Path, lang: str) -> None:
    messages = _case_messages(file, lang)
    assert messages, f"{file.name}: no failing artifact gave a message"
    assert [(ident, m, unreadable(m)) for ident, m in messages if unreadable(m)] == []


@pytest.mark.usefixtures("cache_in_tmp")
def test_a_removed_group_is_named_and_the_json_keeps_the_value() -> None:
    """ORD001 on a removed standard group: the message names the group; the JSON record
    keeps the standard's item as data."""
    (finding,) = [
        f
        for f in lint(
            LintSettings(paths=[TREE], rules=load_rules([]), root=TREE, today=TODAY, lang="en")
        ).findings
        if f.code == "ORD001" and f.artifact == "304110168"
    ]
    assert "group 'Væsketerapi' (id 200) is missing (the standard has it)" in finding.message
    assert finding.as_record()["value"] is None
