"""Values from a reviewed branch never start a line of their own, carry control characters or
raw HTML into any text report, nor flood a message (issue 14 items 7 and 14)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sp_config_guard.messages import INERT_LIMIT, inert
from tests.conftest import MEDICATION_YAML, Spguard

# every CI log command a value could smuggle in: GitHub's "::" commands at a line start,
# Azure DevOps' "##vso[" anywhere in a line, ANSI colours, a carriage return, a separator
HOSTILE_NAME = (
    "P\\n::stop-commands::x1\\n::notice::all checks passed\\r##vso[task.complete result=Succeeded]"
    "\\e[2K\\u2028::error::forged"
)
_OURS = re.compile(r"^::(error|warning|notice) file=[^:,]*,line=\d+,col=\d+,title=[^:]*::")


def _repo(root: Path, name: str = HOSTILE_NAME) -> Path:
    folder = root / "central" / "Medication"
    folder.mkdir(parents=True)
    (root / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    text = MEDICATION_YAML.replace("high_alert: false", "high_alert: true")
    text = text.replace("name: Paracetamol tablet 500 mg", f'name: "{name}"')
    (folder / "100101.yaml").write_text(text, encoding="utf-8")
    return root


def _assert_inert(output: str) -> None:
    """No control character but line ends, no Azure command, no line that is a GitHub command
    spguard did not write on purpose."""
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", output), output
    assert "##vso[" not in output
    for line in output.split("\n"):
        if line.lstrip().startswith("::"):
            assert _OURS.match(line), line


def test_an_artifact_name_cannot_inject_ci_log_commands_into_any_lint_format(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = _repo(tmp_path / "repo")
    assert spguard("validate", repo).returncode == 0
    output = ""
    for fmt in ("text", "github", "markdown", "junit"):  # one report to stdout per run
        proc = spguard("lint", "--no-cache", f"--format={fmt}", ".", cwd=repo)
        assert proc.returncode == 1, fmt
        _assert_inert(proc.stdout)
        output += proc.stdout
    annotations = [line for line in output.split("\n") if line.startswith("::")]
    # the real annotations are all there, one line each, and the name is in them, escaped
    assert len(annotations) == 3
    assert all(line.startswith("::error") or line.startswith("::warning") for line in annotations)
    assert r"P\n::stop-commands::x1\n::notice::all checks passed\r\x23#vso[" in output


def test_diff_and_drift_text_and_markdown_keep_a_hostile_value_on_its_line(
    tmp_path: Path, spguard: Spguard
) -> None:
    old = _repo(tmp_path / "old", "Paracetamol")
    new = _repo(tmp_path / "new")
    for fmt in ("text", "markdown"):
        proc = spguard("diff", f"--format={fmt}", old, new)
        assert proc.returncode == 1
        _assert_inert(proc.stdout)
        assert "stop-commands" in proc.stdout
        drift = spguard("drift", f"--format={fmt}", new)
        _assert_inert(drift.stdout + drift.stderr)


def test_diff_and_drift_markdown_escape_raw_html_from_values(
    tmp_path: Path, spguard: Spguard
) -> None:
    old = _repo(tmp_path / "old", "Paracetamol")
    evil = "<img src=https://evil.example/p.png><a href=https://evil.example>approved</a>"
    new = _repo(tmp_path / "new", "Paracetamol")
    file = new / "central" / "Medication" / "100101.yaml"
    file.write_text(file.read_text().replace("route: PO", f'route: "{evil}"'))
    variant = new / "hovedstaden" / "rigshospitalet" / "Medication"
    variant.mkdir(parents=True)
    local = file.read_text().replace("level: central", "level: hospital\n  region: hovedstaden")
    local = local.replace("level: hospital", "level: hospital\n  hospital: rigshospitalet")
    (variant / "100101.yaml").write_text(local.replace(evil, evil + " 2"))
    diff = spguard("diff", "--format=markdown", old, new)
    assert diff.returncode == 1
    drift = spguard("drift", "--format=markdown", new)
    for output in (diff.stdout, drift.stdout):
        assert "<img" not in output and "<a href" not in output
    assert "&lt;img src=https://evil.example/p.png&gt;" in diff.stdout


def test_a_rule_set_cannot_inject_ci_log_commands_into_rules_list_and_explain(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = _repo(tmp_path / "repo", "Paracetamol")
    shipped = Path(__file__).parents[1] / "rules" / "medication.yaml"
    text = shipped.read_text(encoding="utf-8")
    assert "title:" in text
    (repo / "local.yaml").write_text(
        re.sub(r"(\n\s+en: )(.*)", r'\1"\2\\n::stop-commands::x1 ##vso[x]"', text, count=1),
        encoding="utf-8",
    )
    (repo / "spguard.yaml").write_text("rulesets: [local.yaml]\n", encoding="utf-8")
    listed = spguard("rules", "list", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    _assert_inert(listed.stdout)
    assert "stop-commands" in listed.stdout
    code = re.search(r"code: (\w+)", text)
    assert code is not None
    explained = spguard("rules", "explain", code.group(1), cwd=repo)
    _assert_inert(explained.stdout)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\nb\r\tc", r"a\nb\r\tc"),
        ("\x1b[31mred\x7f\x85", r"\x1b[31mred\x7f\x85"),
        ("line\u2028sep", r"line\u2028sep"),
        ("::stop-commands::x", r"\x3a:stop-commands::x"),
        ("  ::error::x", r"  \x3a:error::x"),
        ("ok ::between", "ok ::between"),
        ("x ##vso[task.setvariable] ##[error]", r"x \x23#vso[task.setvariable] \x23#[error]"),
        ("plain Paracetamol 500 mg", "plain Paracetamol 500 mg"),
    ],
)
def test_inert_text_is_one_visible_line_and_stable(value: str, expected: str) -> None:
    assert inert(value) == expected
    assert inert(inert(value)) == inert(value)


def test_inert_text_with_a_limit_counts_what_it_leaves_out() -> None:
    shortened = inert("x" * (INERT_LIMIT + 7), INERT_LIMIT)
    assert shortened == "x" * INERT_LIMIT + "... (7 more characters)"


def test_drift_problems_keep_a_hostile_file_name_on_one_line(
    tmp_path: Path, spguard: Spguard
) -> None:
    repo = _repo(tmp_path / "repo", "Paracetamol")
    bad = repo / "central" / "Medication" / "x\n::stop-commands::y.yaml"
    shutil.copy(repo / "central" / "Medication" / "100101.yaml", bad)
    bad.write_text("kind: [\n", encoding="utf-8")
    for command in (("drift",), ("lint", "--no-cache"), ("validate",)):
        proc = spguard(*command, ".", cwd=repo)
        assert proc.returncode == 1
        _assert_inert(proc.stdout + proc.stderr)
        assert r"x\n::stop-commands::y.yaml" in proc.stdout + proc.stderr
