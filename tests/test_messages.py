"""Danish and English: the catalog is complete and used, and real runs speak the chosen
language (flag, environment, spguard.yaml) without changing fingerprints or the structure of
machine formats."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sp_config_guard import api, messages
from sp_config_guard.catalog import CATALOG
from sp_config_guard.messages import LANGS, language, msg, placeholders, t
from sp_config_guard.model.wording import schema_error_message

PACKAGE = Path(__file__).resolve().parent.parent / "sp_config_guard"
KEY = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$")
NAMESPACES = {key.split(".")[0] for key in CATALOG}


def _string_constants() -> dict[str, list[str]]:
    """Every string constant of the package source outside the catalog, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "catalog.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.setdefault(node.value, []).append(f"{path.name}:{node.lineno}")
    return found


def _message_calls() -> list[tuple[str, ast.expr]]:
    """(place, first argument) of every t(...) and msg(...) call in the package (outside
    the module that implements them)."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("t", "msg")
                and node.args
            ):
                calls.append((f"{path.name}:{node.lineno}", node.args[0]))
    return calls


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = CATALOG[key]
    assert set(entry) == set(LANGS), key
    assert all(entry[lang].strip() for lang in LANGS), key
    assert placeholders(entry["da"]) == placeholders(entry["en"]), key


def test_every_catalog_key_is_used_in_the_package() -> None:
    constants = _string_constants()
    unused = sorted(key for key in CATALOG if key not in constants)
    assert unused == []


def test_every_message_key_in_the_package_is_in_the_catalog() -> None:
    # any string that looks like a key of a catalog namespace (also in tables of keys)
    missing = {
        value: places
        for value, places in _string_constants().items()
        if KEY.match(value) and value.split(".")[0] in NAMESPACES and value not in CATALOG
    }
    assert missing == {}
    # and t()/msg() never take a computed key this test could not check, except from a
    # name or subscript holding keys checked above, or a choice between two literal keys
    for place, arg in _message_calls():
        if isinstance(arg, ast.Constant):
            assert arg.value in CATALOG, place
        else:
            assert isinstance(arg, ast.Name | ast.Subscript | ast.IfExp), place


def test_a_missing_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        msg("NOPE.never")


def test_rendering_follows_the_language_and_a_message_keeps_its_identity() -> None:
    message = msg("LOAD002.yaml", key="'id'")
    with language("da"):
        danish, danish_ident = str(message), message.ident
    with language("en"):
        english, english_ident = str(message), message.ident
    assert danish.startswith("nøglen 'id' står flere gange")
    assert english.startswith("duplicate key 'id'")
    assert danish_ident == english_ident


def _schema_error(schema: dict[str, Any], instance: Any) -> Any:
    (error,) = Draft202012Validator(schema).iter_errors(instance)
    return error


@pytest.mark.parametrize(
    ("schema", "instance", "danish"),
    [
        ({"required": ["id"]}, {}, "feltet 'id' mangler; det er påkrævet"),
        ({"type": "boolean"}, "ja", "'ja' har forkert type; forventet: 'boolean'"),
        ({"enum": ["PO", "IV"]}, "SC", "'SC' er ikke en af de tilladte værdier ['PO', 'IV']"),
        ({"const": 1}, 2, "2 skal være 1"),
        (
            {"properties": {"a": {}}, "additionalProperties": False},
            {"a": 1, "colour": 2},
            "ukendt felt 'colour'; fjern det eller ret stavningen",
        ),
        ({"minimum": 0}, -1, "-1 er mindre end minimum 0"),
        ({"maximum": 10}, 11, "11 er større end maksimum 10"),
        ({"pattern": "^[A-Z]$"}, "a", "'a' passer ikke til mønsteret ^[A-Z]$"),
        ({"minItems": 1}, [], "listen [] har for få elementer; mindst 1"),
        ({"minLength": 2}, "x", "'x' er for kort; mindst 2 tegn"),
    ],
)
def test_schema_errors_are_said_in_danish(
    schema: dict[str, Any], instance: Any, danish: str
) -> None:
    error = _schema_error(schema, instance)
    with language("da"):
        assert str(schema_error_message(error)) == danish


def test_an_uncommon_schema_error_falls_back_to_jsonschemas_text() -> None:
    error = _schema_error({"multipleOf": 5}, 7)
    with language("da"):
        assert str(schema_error_message(error)) == error.message


def _duplicate_key_tree(root: Path, medication_yaml: str) -> Path:
    folder = root / "central" / "Medication"
    folder.mkdir(parents=True)
    (folder / "100101.yaml").write_text(medication_yaml + 'id: "100102"\n', encoding="utf-8")
    return root


def test_validate_speaks_the_language_of_the_flag(
    tmp_path: Path, spguard: Any, medication_yaml: str
) -> None:
    tree = _duplicate_key_tree(tmp_path / "tree", medication_yaml)
    danish = spguard("validate", tree, "--lang", "da")
    english = spguard("validate", "--lang", "en", tree)
    assert danish.returncode == english.returncode == 1
    assert "LOAD002 nøglen 'id' står flere gange" in danish.stdout
    assert "validate: 1 fil(er) kontrolleret, 1 fejl, 0 advarsel(er), 0 info" in danish.stdout
    assert "LOAD002 duplicate key 'id'" in english.stdout
    assert "validate: 1 file(s) checked, 1 error(s), 0 warning(s), 0 info" in english.stdout


@pytest.mark.parametrize(("fmt", "text"), [("json", "message"), ("gitlab", "description")])
def test_machine_formats_keep_their_structure_in_both_languages(
    tmp_path: Path, spguard: Any, medication_yaml: str, fmt: str, text: str
) -> None:
    tree = _duplicate_key_tree(tmp_path / "tree", medication_yaml)
    danish = json.loads(spguard("validate", tree, "--format", fmt, "--lang", "da").stdout)
    english = json.loads(spguard("validate", tree, "--format", fmt, "--lang", "en").stdout)

    def shape(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items() if k != text}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    assert shape(danish) == shape(english)  # the fingerprint too: it is in every record
    assert json.dumps(danish) != json.dumps(english)


def test_diff_speaks_danish(tmp_path: Path, spguard: Any, medication_yaml: str) -> None:
    (tmp_path / "old.yaml").write_text(medication_yaml, encoding="utf-8")
    changed = medication_yaml.replace("value: 500", "value: 1000")
    (tmp_path / "new.yaml").write_text(changed, encoding="utf-8")
    danish = spguard("diff", tmp_path / "old.yaml", tmp_path / "new.yaml", "--lang", "da")
    assert danish.returncode == 1
    assert "500 mg -> 1000 mg" in danish.stdout
    assert danish.stdout.endswith("diff: 1 artefakt(er) er forskellige\n")
    same = spguard("diff", tmp_path / "old.yaml", tmp_path / "old.yaml", "--lang", "da")
    assert same.stdout == "diff: ingen forskelle\n"


def _lint_repo(root: Path, medication: dict[str, Any], config: str) -> Path:
    (root / "central" / "Medication").mkdir(parents=True)
    (root / "spguard.yaml").write_text(config, encoding="utf-8")
    medication["spec"]["high_alert"] = True  # MED001: high-alert without a double check
    (root / "central" / "Medication" / "100101.yaml").write_text(
        yaml.safe_dump(medication, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    broken = root / "central" / "Medication" / "100102.yaml"
    broken.write_text("kind: Medication\nid: a\nid: b\n", encoding="utf-8")
    return root


def test_lint_reads_the_language_from_spguard_yaml(
    tmp_path: Path, spguard: Any, medication: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPGUARD_LANG")
    repo = _lint_repo(tmp_path / "repo", medication, "rulesets: [medication]\nlang: da\n")
    out = spguard("lint", repo, "--today", "2026-11-23", "--statistics")
    assert out.returncode == 1
    assert "regelsæt" in out.stdout and "i alt" in out.stdout  # Danish tables
    assert "LOAD002" in out.stdout and "nøglen 'id' står flere gange" in out.stdout
    assert re.search(r"lint: 2 fil\(er\) kontrolleret, \d+ fejl", out.stdout), out.stdout
    english = spguard("lint", repo, "--today", "2026-11-23", "--lang", "en")
    assert re.search(r"lint: 2 file\(s\) checked, \d+ error\(s\)", english.stdout)


def test_a_baseline_written_in_english_holds_in_danish(
    tmp_path: Path, spguard: Any, medication: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding without a value (SCH003: its message's identity is its fingerprint) that was
    accepted in English stays accepted in Danish. (This used a file that could not be read,
    LOAD002; such a file is never accepted into a baseline any more.)"""
    repo = _lint_repo(tmp_path / "repo", medication, "rulesets: [medication]\n")
    folder = repo / "central" / "Medication"
    (folder / "100102.yaml").write_bytes((folder / "100101.yaml").read_bytes())
    assert spguard("baseline", "create", repo, "--today", "2026-11-23").returncode == 0
    entries = yaml.safe_load((repo / "baseline.yaml").read_text(encoding="utf-8"))["findings"]
    assert any(e["code"] == "SCH003" for e in entries)
    monkeypatch.setenv("SPGUARD_LANG", "da")
    out = spguard("lint", repo, "--today", "2026-11-23")
    assert out.returncode == 0, out.stdout
    assert "(baseline)" in out.stdout and "bruges også af" in out.stdout


def test_help_is_danish_by_environment_flag_or_configuration(
    tmp_path: Path, spguard_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fresh processes: the help texts are rendered when the CLI module is imported, in the
    # language the process starts with (sp_config_guard.load.config.startup_lang).
    spguard = spguard_process
    danish_lint = "Tjek artefakter mod regelsættene med dispensationer og baseline anvendt."
    monkeypatch.setenv("SPGUARD_LANG", "da")
    assert danish_lint in spguard("lint", "--help").stdout
    assert "Spring disse regelkoder" in spguard("lint", "--help").stdout
    monkeypatch.setenv("SPGUARD_LANG", "en")
    assert danish_lint in spguard("lint", "--lang", "da", "--help").stdout
    assert "Check artifacts against the rule sets" in spguard("lint", "--help").stdout
    monkeypatch.delenv("SPGUARD_LANG")
    (tmp_path / "spguard.yaml").write_text("lang: da\n", encoding="utf-8")
    group = spguard("--help", cwd=tmp_path).stdout
    assert "Governance-linter og diff for konfigurationen af Sundhedsplatformen." in group
    for command, text in [
        ("normalize", "Gør rå eksporter"),
        ("validate", "Tjek hver artefakt mod JSON-skemaet"),
        ("diff", "Semantisk diff af to filer eller træer"),
        ("drift", "Hver lokal variant mod sin standard"),
        ("init", "Opret et konfigurationsrepositorie i DIR"),
    ]:
        assert text in spguard(command, "--help", cwd=tmp_path).stdout, command


def test_usage_errors_are_in_the_chosen_language(tmp_path: Path, spguard: Any) -> None:
    out = spguard("rules", "explain", "NOPE999", "--lang", "da", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "spguard: fejl: ingen regel 'NOPE999' i regelsættene for denne kørsel; se spguard rules list"
    )


def test_the_api_renders_in_the_language_asked_for(tmp_path: Path, medication_yaml: str) -> None:
    tree = _duplicate_key_tree(tmp_path / "tree", medication_yaml)
    (danish,) = api.validate(tree, lang="da").findings
    (english,) = api.validate(tree, lang="en").findings
    assert danish.message.startswith("nøglen 'id'")
    assert english.message.startswith("duplicate key 'id'")
    assert danish.fingerprint == english.fingerprint
    assert t("report.col.total") == "total"  # the language around the call is unchanged


@settings(max_examples=500, deadline=None)
@example("##vso[task.setvariable]x")
@example("a ##[error]b")
@example("  ::warning::x")
@example("x\n::error::y")
@example("dose\u2028ml")
@example("plain text, ÆØÅ 5 mg")
@given(st.text(alphabet=st.sampled_from(":#[vso \t\n\x1b\x85\u2028\xa0aæ€")) | st.text())
def test_inert_skips_only_text_with_nothing_to_escape(value: str) -> None:
    """inert()'s shortcut for printable text gives what its escaping gives."""
    escaped = messages._COMMAND.sub(
        messages._break_command, messages._CONTROL.sub(messages._escape_control, value)
    )
    assert messages.inert(value) == escaped
