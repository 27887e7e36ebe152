"""The tool never executes content: an AST scan of the package for eval/exec, pickle-like
loaders, unsafe YAML loading, shells and os.system; and ``extends`` reaches only shipped
presets or files inside the repository (profiles have no ``extends`` at all)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from sp_config_guard.lint.ruleset import RuleSetError, load_rules

PACKAGE = Path(__file__).resolve().parent.parent / "sp_config_guard"
SCHEMAS = PACKAGE.parent / "schemas"
CALLS = {"eval", "exec", "compile", "__import__", "os.system", "os.popen", "os.execv"}
CALLS |= {f"os.spawn{s}" for s in ("l", "lp", "v", "vp")}
CALLS |= {f"yaml.{name}" for name in ("load", "load_all", "unsafe_load", "full_load")}
MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}
NAMES = {"yaml.Loader", "yaml.UnsafeLoader", "yaml.FullLoader", "yaml.CLoader"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def unsafe(source: str, name: str = "<string>") -> list[str]:
    """``name:line: what`` for every construct that could execute content."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            called = _dotted(node.func)
            if called in CALLS:
                found.append(f"{where}: {called}()")
            for keyword in node.keywords:
                shell = isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                if keyword.arg == "shell" and not shell:
                    found.append(f"{where}: shell=")
            if called.startswith("subprocess.") and node.args:
                command = node.args[0]
                literal = isinstance(command, ast.List) and command.elts
                if not (literal and isinstance(command.elts[0], ast.Constant)):
                    found.append(f"{where}: {called}() of a command that is not a literal list")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [f"{where}: import {m}" for m in modules if m.split(".")[0] in MODULES]
        elif isinstance(node, ast.Attribute) and _dotted(node) in NAMES:
            found.append(f"{where}: {_dotted(node)}")
    return found


def test_package_never_executes_content() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 40
    found = [hit for file in files for hit in unsafe(file.read_text("utf-8"), file.name)]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "eval(text)",
        "exec(code)",
        "import os\nos.system(cmd)",
        "import pickle",
        "from marshal import loads",
        "import yaml\nyaml.load(text, Loader=yaml.Loader)",
        "import yaml\nyaml.unsafe_load(text)",
        "import subprocess\nsubprocess.run(cmd, shell=True)",
        "import subprocess\nsubprocess.run(f'git {rev}')",
        "import subprocess\nsubprocess.run([user_cmd, 'x'])",
    ],
)
def test_scan_finds_each_construct(source: str) -> None:
    assert unsafe(source)


def test_scan_accepts_the_safe_forms() -> None:
    safe = (
        "import subprocess, yaml\n"
        "subprocess.run(['git', *args], capture_output=True, check=False)\n"
        "yaml.safe_load(text)\n"
    )
    assert unsafe(safe) == []


def test_profiles_cannot_extend() -> None:
    schema = json.loads((SCHEMAS / "profile.schema.json").read_text(encoding="utf-8"))
    assert schema.get("additionalProperties") is False and "extends" not in schema["properties"]


@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.yaml", "link.yaml"])
def test_ruleset_extends_stays_inside_the_repository(tmp_path: Path, target: str) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("ruleset: x\nversion: '1'\nowner: x\nrules: []\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "link.yaml").symlink_to(outside)  # inside by name, outside in fact
    rules = repo / "local.yaml"
    rules.write_text(
        f"ruleset: local\nversion: '1'\nowner: x\nextends: [{target}]\nrules: []\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError, match="only shipped presets"):
        load_rules([str(rules)], repo)
