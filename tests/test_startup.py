"""Start-up: what a fresh ``spguard`` process imports for ``--help``, ``--version``, a
command's help and a lint of one file (the real entry point, ``cli.main``, in a subprocess:
a test in this process would see whatever other tests imported), and the compiled pre-check
of the shipped schemas, which lets a valid configuration and the shipped rule sets be read
without ``jsonschema``'s validator running."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from sp_config_guard.model.shipped import ShippedValidator, data_dir, shipped_validator

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sp-config"
# the libraries that cost most to import (ms: python -X importtime), none needed for help
SCHEMA = ("jsonschema", "jsonschema_rs", "referencing")
HEAVY = (*SCHEMA, "jsonpath_rfc9535", "regex", "re2", "yaml", "importlib.metadata", "tomllib")
# spguard's own records of a run (11 dataclasses), the configuration and the rules
STAGES = ("sp_config_guard.result", "sp_config_guard.lint.ruleset", "sp_config_guard.api")
# what only finding the language takes (the configuration's folder, the locale), or a path
# given, or the catalog's placeholders: not --help with the language given (5 ms together)
FOR_LANGUAGE = ("pathlib", "urllib.parse", "locale", "string")

SCRIPT = """
import json, sys
from sp_config_guard.cli import main
sys.argv = ["spguard", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def started(args: list[str], cwd: Path) -> tuple[int, str, set[str]]:
    """(exit code, standard output, modules imported) of ``spguard ARGS`` in a new Python."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPGUARD_")}
    env |= {"SPGUARD_LANG": "en", "SPGUARD_CACHE_DIR": str(cwd / ".cache")}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(proc.stderr.splitlines()[-1])
    return report["code"], proc.stdout, set(report["modules"])


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example repository (its spguard.yaml included)."""
    root = tmp_path / "sp-config"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".spguard-cache"))
    return root


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_heavy_library(tmp_path: Path, flag: str) -> None:
    """Outside a configured repository ``spguard --help`` and ``--version`` import none of
    the schema, JSONPath, regex or YAML libraries, nor the plugin metadata, nor spguard's run
    records, configuration or rules; with the language given, not even pathlib or locale."""
    code, out, modules = started([flag], tmp_path)
    assert code == 0
    assert out.startswith("Usage: spguard" if flag == "--help" else "spguard, version")
    assert sorted(modules & {*HEAVY, *STAGES, *FOR_LANGUAGE}) == []


def test_help_in_a_configured_repository_reads_its_language_without_schemas(
    example: Path,
) -> None:
    """In a configured repository ``--help`` reads the configuration's language (YAML), and
    still imports no schema or JSONPath library."""
    code, out, modules = started(["--help"], example)
    assert code == 0 and "Usage: spguard" in out
    assert sorted(modules & {*SCHEMA, "jsonpath_rfc9535", *STAGES}) == []


@pytest.mark.parametrize("command", ["lint", "validate", "drift"])
def test_a_commands_help_imports_no_schema_library(example: Path, command: str) -> None:
    """``spguard COMMAND --help`` runs the group, which reads the configuration's language
    through the validated reader: a valid configuration passes the compiled pre-check, so no
    ``jsonschema`` (nor ``referencing``) is imported, nor the rules."""
    code, out, modules = started([command, "--help"], example)
    assert code == 0 and f"Usage: spguard {command}" in out
    assert sorted(modules & {"jsonschema", "referencing", "jsonpath_rfc9535", *STAGES[1:]}) == []


def test_lint_of_one_file_reads_no_plugin_metadata(example: Path) -> None:
    """A lint of one file with the shipped rule sets asks for no plugin check type, so
    ``importlib.metadata`` (entry points, 10-20 ms) is never imported; and valid artifacts,
    rule sets and check options pass the compiled pre-check, so ``jsonschema`` (60-80 ms)
    is not imported either."""
    files = sorted(example.glob("central/Medication/*.yaml"))
    code, _, modules = started(
        ["lint", "--no-cache", files[0].relative_to(example).as_posix()], example
    )
    assert code == 0
    assert "sp_config_guard.lint.ruleset" in modules  # the rules were loaded
    assert "importlib.metadata" not in modules
    assert "jsonschema" not in modules


def test_a_warm_lint_of_one_file_imports_no_jsonpath_or_schema_library(example: Path) -> None:
    """With the cache, the second lint of one file reads the checked rule sets back (no
    query compiled, no rule set parsed) and plans its simple queries from their text: neither
    the JSONPath library nor the schema libraries (``referencing``) are imported."""
    target = sorted(example.glob("central/Medication/*.yaml"))[0].relative_to(example)
    first = started(["lint", target.as_posix()], example)
    assert "jsonpath_rfc9535" in first[2]  # the first run checked every query of the rules
    code, out, modules = started(["lint", target.as_posix()], example)
    assert (code, out) == first[:2]
    assert "sp_config_guard.lint.ruleset" in modules
    assert sorted(modules & {"jsonpath_rfc9535", "regex", *SCHEMA[::2]}) == []


WAIVERS = """\
waivers:
  - {id: W-7, rule: MED004, artifacts: ["100101"], reason: Agreed locally., ticket: SP-7,
     approved_by: Medicinrådet, approved_on: "2026-09-01", expires: "2027-01-31"}
  - {id: W-8, rule: ORG002, artifacts: ["2"], reason: Not yet reviewed., ticket: SP-8,
     approved_by: Medicinrådet, approved_on: 2026-09-01, expires: "2026-13-01"}
"""


def _instances() -> list[tuple[str, Any]]:
    """(schema name, data) of the shipped files and the examples: rule sets, configuration,
    waivers, mapping and usage profiles."""
    found: list[tuple[str, Path]] = [
        ("ruleset", p) for p in sorted(data_dir("rules").glob("*.yaml"))
    ]
    found += [("config", EXAMPLE / "spguard.yaml")]
    found += [("profile", p) for p in sorted((ROOT / "examples" / "profiles").glob("*.yaml"))]
    found += [("usage-profile", p) for p in sorted((ROOT / "examples" / "usage").glob("*.yaml"))]
    out = [(name, yaml.safe_load(path.read_text(encoding="utf-8"))) for name, path in found]
    return [*out, ("waivers", yaml.safe_load(WAIVERS))]


def _mutations(data: Any) -> list[Any]:
    """``data`` and copies of it broken in the common ways: an unknown key, and each key of
    the mapping (and of its first list's first item) removed or given the wrong type."""
    out = [data]
    if not isinstance(data, dict):
        return out
    out.append({**data, "zz_unknown": 1})
    for key in data:
        out.append({k: v for k, v in data.items() if k != key})
        for wrong in (12345, "text", [], {}, None, True):
            out.append({**data, key: wrong})
        value = data[key]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for inner in value[0]:
                item = copy.deepcopy(value[0])
                for wrong in (12345, [], None):
                    item[inner] = wrong
                    out.append({**data, key: [item, *value[1:]]})
                out.append({**data, key: [{k: v for k, v in value[0].items() if k != inner}]})
    return out


def _library(name: str) -> Draft202012Validator:
    schema = json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_the_compiled_precheck_accepts_nothing_jsonschema_rejects() -> None:
    """On the shipped files and thousands of broken copies of them, the pre-check never
    accepts what ``jsonschema`` rejects, and a shipped validator's errors are exactly
    ``jsonschema``'s."""
    checked = rejected = 0
    for name, data in _instances():
        library, ours = _library(name), shipped_validator(name)
        assert ours.fast_validator is not None, name
        for case in _mutations(data):
            expected = [(list(e.absolute_path), e.message) for e in library.iter_errors(case)]
            got = [(list(e.absolute_path), e.message) for e in ours.iter_errors(case)]
            assert got == expected, (name, case)
            try:
                fast = ours.fast_validator.is_valid(case)
            except (ValueError, TypeError, OverflowError):
                fast = False  # not JSON: the library decides
            assert not (fast and expected), (name, case, expected)
            checked += 1
            rejected += bool(expected)
    assert checked > 1000 and rejected > 500


def test_the_shipped_files_pass_the_precheck() -> None:
    """The shipped rule sets and the example configuration are valid to the pre-check
    itself (else every run pays for ``jsonschema``)."""
    for name, data in _instances():
        if name in ("ruleset", "config"):
            fast = shipped_validator(name).fast_validator
            assert fast is not None and fast.is_valid(data), name


def test_data_the_precheck_cannot_take_goes_to_jsonschema() -> None:
    """A value that is not JSON (a set) or a schema the pre-check cannot compile leaves the
    answer to ``jsonschema``."""
    validator = ShippedValidator({"type": "object", "properties": {"a": {"type": "array"}}})
    assert [e.message for e in validator.iter_errors({"a": {1, 2}})] == [
        "{1, 2} is not of type 'array'"
    ]
    broken = ShippedValidator({"$ref": "https://nowhere.invalid/schema.json"})
    assert broken.fast_validator is None
