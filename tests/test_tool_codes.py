"""spguard's own codes explained (issue #18): ``rules explain`` explains every code the tool
can emit (LOAD, SCH, WAV, IMP, MAP, NORM, USE, FIX, DRF), from the shipped
``sp_config_guard/model/tool-codes.yaml``, in Danish and English, in text and JSON."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sp_config_guard import api
from sp_config_guard.drift.classify import WAIVABLE
from sp_config_guard.lint.codes import builtin_codes
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.model.tool_codes import FIELDS, tool_code, tool_codes
from tests.conftest import invoke_spguard
from tests.test_listings import valid

PACKAGE = Path(__file__).resolve().parents[1] / "sp_config_guard"
RULE_CODES = {rule.code for rule in load_rules([])}


def emitted_codes() -> set[str]:
    """Every code the tool's own source can emit: the catalog's message keys (``LOAD001.yaml``),
    the drift classes' waiver codes, and every code written as a literal in the package that
    is not a rule of the shipped rule sets (a docstring's example)."""
    literals = {
        code
        for file in PACKAGE.rglob("*.py")
        for code in re.findall(r"\"([A-Z]{2,5}[0-9]{3})\"", file.read_text(encoding="utf-8"))
    }
    return set(builtin_codes()) | set(WAIVABLE.values()) | (literals - RULE_CODES)


def test_every_code_the_tool_can_emit_has_an_entry_and_no_entry_is_stale() -> None:
    emitted = emitted_codes()
    assert {"LOAD001", "SCH001", "WAV003", "DRF001", "NORM001", "FIX001"} <= emitted
    assert sorted(emitted - set(tool_codes())) == []
    assert sorted(set(tool_codes()) - emitted) == []


def test_every_entry_says_what_it_means_and_what_to_do_in_both_languages() -> None:
    for code, entry in tool_codes().items():
        assert sorted(entry) == sorted(FIELDS), code
        for field in FIELDS:
            da, en = entry[field]["da"].strip(), entry[field]["en"].strip()
            assert da and en and sorted(entry[field]) == ["da", "en"], (code, field)
        assert entry["title"]["da"] != entry["title"]["en"], code


@pytest.mark.parametrize("code", sorted(tool_codes()))
def test_rules_explain_explains_every_tool_code(code: str, tmp_path: Path) -> None:
    ran = invoke_spguard("rules", "explain", code.lower(), cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    english = tool_code(code, "en")
    assert english is not None
    assert ran.stdout.startswith(f"{code}: {english.title}\n")
    assert "What it means:" in ran.stdout and "What to do:" in ran.stdout
    danish = invoke_spguard("rules", "explain", code, "--lang", "da", cwd=tmp_path)
    assert danish.stdout.startswith(f"{code}: {tool_codes()[code]['title']['da']}\n")
    assert "Hvad det betyder:" in danish.stdout and "What" not in danish.stdout


def test_rules_explain_json_carries_rules_and_codes(tmp_path: Path) -> None:
    ran = invoke_spguard("rules", "explain", "MED001,LOAD002", "--format", "json", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    document = valid(ran.stdout)
    assert [r["code"] for r in document["rules"]] == ["MED001"]
    (code,) = document["codes"]
    assert code == {
        "code": "LOAD002",
        "title": "Duplicate key",
        "means": tool_codes()["LOAD002"]["means"]["en"],
        "action": tool_codes()["LOAD002"]["action"]["en"],
    }
    only = invoke_spguard("rules", "explain", "WAV001", "--format", "json", cwd=tmp_path)
    assert valid(only.stdout)["rules"] == []


def test_the_api_explains_a_tool_code_and_still_refuses_an_unknown_one(tmp_path: Path) -> None:
    explained = api.explain("SCH004", lang="da")
    assert explained.rules == () and [c.code for c in explained.codes] == ["SCH004"]
    assert explained.codes[0].action == "Kør spguard normalize for at flytte den."
    ran = invoke_spguard("rules", "explain", "LOAD999", cwd=tmp_path)
    assert ran.returncode == 2 and "no rule 'LOAD999'" in ran.stderr
