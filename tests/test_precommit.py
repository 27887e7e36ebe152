"""The hooks of ``.pre-commit-hooks.yaml`` run by the real pre-commit framework.

``pre-commit run`` with the manifest's hooks at a snapshot's commit installs this project
into its own virtualenv with pip (the package index must be reachable; built once for the
module in its ``PRE_COMMIT_HOME``, where ``try-repo`` would build it again on every run) and
runs the hooks in a git repository made from ``examples/sp-config``: everything passes once the planted deviations are in the baseline; a
staged new violation fails the lint hook with the finding, and a staged file that is not in
canonical form fails the normalize hook naming it. The local hooks that ``spguard init``
writes are run the same way, calling the installed ``spguard``.

Deletions and renames go through ``git commit`` with the hooks installed (``pre-commit
install``, the manifest's hooks at the snapshot's commit, their environment built once): a
commit that deletes or renames a medication that order sets use is refused with their ORD002
findings, though no file of the commit is left for pre-commit to pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from sp_config_guard import scaffold
from sp_config_guard.load.loader import load_document
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, render
from tests.conftest import MEDICATION_YAML, invoke_spguard

pytest.importorskip("pre_commit")
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.xdist_group("pre-commit"),  # one worker builds the hooks' environment, once
]

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLE = PROJECT / "examples" / "sp-config"
MANIFEST = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
RULE_SET_HOOKS = {"spguard-rules-test"}  # for rule-set repositories, not configuration ones
ALL_HOOK_NAMES = {hook["name"]: hook["id"] for hook in MANIFEST}
HOOK_NAMES = {n: i for n, i in ALL_HOOK_NAMES.items() if i not in RULE_SET_HOOKS}
INSTALL_TIMEOUT = 900  # the first run of the module builds the hooks' virtualenv
_STATUS = re.compile(
    r"^(?P<name>.+?)\.{3,}(?:\(no files to check\))?(?P<status>Passed|Failed|Skipped)$"
)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for git and pre-commit: a private PRE_COMMIT_HOME, a fixed author,
    this interpreter's scripts (``spguard``) first on PATH, and no git state inherited from
    a hook that might be running these tests."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {
        **base,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "PRE_COMMIT_COLOR": "never",
        # `baseline create` writes English messages whatever the configured language, and a
        # finding without a value is fingerprinted by its message: lint in the same language.
        "SPGUARD_LANG": "en",
        "GIT_AUTHOR_NAME": "spguard test",
        "GIT_AUTHOR_EMAIL": "spguard@example.org",
        "GIT_COMMITTER_NAME": "spguard test",
        "GIT_COMMITTER_EMAIL": "spguard@example.org",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    run = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return run.stdout


def _commit_all(repo: Path, env: dict[str, str], message: str) -> None:
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "--no-verify", "-m", message)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """This project as a committed git repository: its tracked files and its new, not yet
    committed ones. (pre-commit installs hooks from a commit: work not yet committed, such as
    a new .pre-commit-hooks.yaml, must be in one.)"""
    if not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout of sp-config-guard")
    listed = _git(PROJECT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if source.is_file():  # a tracked file may be deleted in the work tree
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git(snapshot, env, "init", "-q")
    _commit_all(snapshot, env, "snapshot of sp-config-guard")
    return snapshot


@pytest.fixture
def config_repo(tmp_path: Path, env: dict[str, str]) -> Iterator[Path]:
    """A git repository of examples/sp-config whose baseline accepts the planted deviations."""
    repo = tmp_path / "sp-config"
    shutil.copytree(EXAMPLE, repo)
    _git(repo, env, "init", "-q")
    created = invoke_spguard("baseline", "create", cwd=repo, env=env)  # the hooks run later
    assert created.returncode == 0, created.stdout + created.stderr
    assert (repo / "baseline.yaml").is_file()
    _commit_all(repo, env, "configuration with its baseline")
    yield repo


def run_hooks(
    repo: Path,
    hooks_config: Path,
    env: dict[str, str],
    *args: str,
    names: dict[str, str] = HOOK_NAMES,
) -> tuple[int, str, dict[str, tuple[str, str]]]:
    """Run ``pre-commit run`` with the hooks of ``hooks_config`` (every hook of the manifest
    for a configuration repository) in ``repo``: exit code, output, and for each hook id of
    ``names`` its status and output."""
    command = ["run", "--config", str(hooks_config), "--color", "never", *args]
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", *command],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=INSTALL_TIMEOUT,
    )
    output = run.stdout + run.stderr
    return run.returncode, output, hooks_in(output, names)


@pytest.fixture(scope="module")
def hooks_config(
    tmp_path_factory: pytest.TempPathFactory, hook_repo: Path, env: dict[str, str]
) -> Path:
    """A pre-commit configuration, outside every repository, with each hook of the manifest
    at the snapshot's commit (pre-commit builds their environment once for the module)."""
    rev = _git(hook_repo, env, "rev-parse", "HEAD").strip()
    hooks = [{"id": hook["id"]} for hook in MANIFEST if hook["id"] not in RULE_SET_HOOKS]
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": hooks}]}
    path = tmp_path_factory.mktemp("hooks-config") / "pre-commit-config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def commit(
    repo: Path, hooks_config: Path, env: dict[str, str], *changes: tuple[str, ...]
) -> tuple[bool, str, dict[str, tuple[str, str]]]:
    """Make the git ``changes`` (argument lists) in ``repo`` and ``git commit`` with the hooks
    installed: whether the commit was made, the output, and each hook's status and output."""
    command = [sys.executable, "-m", "pre_commit", "install", "--config", str(hooks_config)]
    subprocess.run(command, cwd=repo, env=env, capture_output=True, check=True, timeout=60)
    for change in changes:
        _git(repo, env, *change)
    before = _git(repo, env, "rev-parse", "HEAD")
    run = subprocess.run(
        ["git", "commit", "-q", "-m", "a change"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=INSTALL_TIMEOUT,
    )
    output = run.stdout + run.stderr
    made = _git(repo, env, "rev-parse", "HEAD") != before
    assert made == (run.returncode == 0), output
    return made, output, hooks_in(output, HOOK_NAMES)


def hooks_in(output: str, names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Hook id -> (status, the hook's own output) from a pre-commit run's output."""
    found: dict[str, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        match = _STATUS.match(line)
        if match and match["name"].rstrip() in names:
            current = []
            found[names[match["name"].rstrip()]] = (match["status"], current)
        elif current is not None:
            current.append(line)
    return {hook: (status, "\n".join(lines)) for hook, (status, lines) in found.items()}


SUMMARY = re.compile(r"^(normalize|validate|lint): ", re.MULTILINE)


def summaries(output: str) -> int:
    """How many summary lines of spguard a hook's output holds."""
    return len(SUMMARY.findall(output))


def test_every_hook_runs_as_one_process() -> None:
    """Without require_serial pre-commit runs a hook once per batch of files (a batch per
    core), and each batch prints its own summary."""
    template = yaml.safe_load(scaffold.template("pre-commit-config.yaml"))
    local = template["repos"][0]["hooks"]
    for hook in [*MANIFEST, *local]:
        assert hook.get("require_serial") is True, hook["id"]


def _high_alert_variant() -> Path:
    """A department's variant of a high-alert medication with double check on (MED001 quiet)."""
    for path in sorted(EXAMPLE.glob("*/*/*/Medication/*.yaml")):
        data = load_document(path, path.as_posix()).data
        spec = data["spec"]
        if data["scope"]["level"] == "department" and spec["high_alert"] and spec["double_check"]:
            return path.relative_to(EXAMPLE)
    raise AssertionError("examples/sp-config has no high-alert variant with double check")


def test_hooks_pass_on_the_whole_repository(
    config_repo: Path, hooks_config: Path, env: dict[str, str]
) -> None:
    code, output, hooks = run_hooks(config_repo, hooks_config, env, "--all-files", "--verbose")
    assert code == 0, output
    assert set(hooks) == set(HOOK_NAMES.values()), output
    assert {status for status, _ in hooks.values()} == {"Passed"}, output
    # one run of each hook over all 410 files, so one summary each
    assert {hook: summaries(text) for hook, (_, text) in hooks.items()} == dict.fromkeys(
        HOOK_NAMES.values(), 1
    ), output


def test_staged_violation_and_non_canonical_file_fail_their_hooks(
    config_repo: Path, hooks_config: Path, env: dict[str, str]
) -> None:
    medication = _high_alert_variant()
    data = load_document(config_repo / medication, medication.as_posix()).data
    data["spec"]["double_check"] = False
    text = render(canonicalise(data, default_registry().get("Medication")))
    (config_repo / medication).write_text(text, encoding="utf-8", newline="\n")
    crlf = Path("hovedstaden/hvidovre/1330052/VisitType/411058.yaml")
    lines = (config_repo / crlf).read_bytes()
    (config_repo / crlf).write_bytes(lines.replace(b"\n", b"\r\n"))
    _git(config_repo, env, "add", medication.as_posix(), crlf.as_posix())

    code, output, hooks = run_hooks(config_repo, hooks_config, env)

    assert code == 1, output
    status, lint = hooks["spguard-lint"]
    assert status == "Failed", output
    assert "MED001" in lint and medication.as_posix() in lint, lint
    assert crlf.as_posix() not in lint  # still the same artifact: nothing new to report
    status, normalize = hooks["spguard-normalize"]
    assert status == "Failed", output
    assert crlf.as_posix() in normalize and medication.as_posix() not in normalize, normalize
    assert hooks["spguard-validate"][0] == "Passed", output
    status, fix = hooks["spguard-normalize-fix"]
    assert status == "Failed" and "files were modified by this hook" in fix, output
    assert (config_repo / crlf).read_bytes() == lines  # the fix hook rewrote it canonically


def test_local_hooks_written_by_init(tmp_path: Path, env: dict[str, str]) -> None:
    repo = tmp_path / "repo"
    scaffold.init(repo)
    artifact = repo / "central" / "Medication" / "100101.yaml"
    artifact.parent.mkdir(parents=True)
    artifact.write_text(MEDICATION_YAML, encoding="utf-8")
    for number in range(100102, 100110):  # files enough for a batch per core without require_serial
        twin = artifact.with_name(f"{number}.yaml")
        twin.write_text(MEDICATION_YAML.replace("100101", str(number)), encoding="utf-8")
    _git(repo, env, "init", "-q")
    _commit_all(repo, env, "scaffold")
    local = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    names = {hook["name"]: hook["id"] for hook in local["repos"][0]["hooks"]}
    command = [sys.executable, "-m", "pre_commit", "run", "--color", "never"]

    def run(*args: str) -> tuple[int, str, dict[str, tuple[str, str]]]:
        done = subprocess.run(
            [*command, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300
        )
        output = done.stdout + done.stderr
        return done.returncode, output, hooks_in(output, names)

    code, output, hooks = run("--all-files", "--verbose")
    assert code == 0, output
    assert {hook: status for hook, (status, _) in hooks.items()} == {
        "spguard-normalize": "Passed",
        "spguard-validate": "Passed",
        "spguard-lint": "Passed",
    }, output
    assert {hook: summaries(text) for hook, (_, text) in hooks.items()} == dict.fromkeys(
        names.values(), 1
    ), output

    artifact.write_bytes(MEDICATION_YAML.replace("\n", "\r\n").encode("utf-8"))
    _git(repo, env, "add", "-A")
    code, output, hooks = run()
    assert code == 1, output
    status, normalize = hooks["spguard-normalize"]
    assert status == "Failed" and "central/Medication/100101.yaml" in normalize, output

    # a region's variant of the standard, committed; then the standard is deleted
    variant = repo / "hovedstaden" / "Medication" / "180101.yaml"
    variant.parent.mkdir(parents=True)
    variant.write_text(
        MEDICATION_YAML.replace('"100101"', '"180101"\nderived_from:\n  id: "100101"').replace(
            "level: central", "level: region\n  region: hovedstaden"
        ),
        encoding="utf-8",
    )
    artifact.write_text(MEDICATION_YAML, encoding="utf-8")
    _commit_all(repo, env, "a variant")
    assert run()[2]["spguard-lint"][0] == "Passed"  # nothing staged: nothing to check
    _git(repo, env, "rm", "-q", "central/Medication/100101.yaml")
    code, output, hooks = run()
    assert code == 1, output
    status, lint = hooks["spguard-lint"]
    assert status == "Failed" and "hovedstaden/Medication/180101.yaml" in lint, output
    assert "MED006" in lint and "standard 100101 is not in the repository" in lint, lint
    assert hooks["spguard-validate"][0] == "Skipped", output


# The order sets that use Furosemid injection (central/Medication/100265.yaml): the standard
# and three department variants.
FUROSEMIDE = "central/Medication/100265.yaml"
FUROSEMIDE_USERS = {
    "central/OrderSet/304100200.yaml",
    "hovedstaden/herlev-gentofte/1516025/OrderSet/304110061.yaml",
    "hovedstaden/rigshospitalet/1301012/OrderSet/304110016.yaml",
    "sjaelland/sjaellands-universitetshospital/3800034/OrderSet/304110125.yaml",
}


def _ord002_files(lint: str) -> set[str]:
    """The files of the lint hook's ORD002 findings (``file:line:column: error ORD002 ...``)."""
    found = set()
    for line in lint.splitlines():
        start = re.match(r"(.+?):\d+:\d+: error ORD002 ", line)
        if start and "there is no Medication 100265 in the repository" in line:
            found.add(start.group(1))
    return found


def test_deleting_a_referenced_medication_fails_the_commit(
    config_repo: Path, hooks_config: Path, env: dict[str, str]
) -> None:
    made, output, hooks = commit(config_repo, hooks_config, env, ("rm", "-q", FUROSEMIDE))

    assert not made, output
    status, lint = hooks["spguard-lint"]
    assert status == "Failed", output
    assert _ord002_files(lint) == FUROSEMIDE_USERS, lint
    assert "lint: 4 file(s) checked, 4 error(s)" in lint, lint
    # deletions need no canonical form or schema check: those hooks have no file to look at
    for hook in ("spguard-normalize", "spguard-normalize-fix", "spguard-validate"):
        assert hooks[hook][0] == "Skipped", output


def test_renaming_a_referenced_medication_fails_the_commit(
    config_repo: Path, hooks_config: Path, env: dict[str, str]
) -> None:
    renamed = "central/Medication/100299.yaml"
    text = (config_repo / FUROSEMIDE).read_text(encoding="utf-8")
    (config_repo / FUROSEMIDE).write_text(text.replace('"100265"', '"100299"'), encoding="utf-8")

    made, output, hooks = commit(
        config_repo, hooks_config, env, ("mv", FUROSEMIDE, renamed), ("add", renamed)
    )

    assert not made, output
    status, lint = hooks["spguard-lint"]
    assert status == "Failed", output
    assert _ord002_files(lint) == FUROSEMIDE_USERS, lint
    assert renamed in _git(config_repo, env, "diff", "--cached", "--name-only")
    assert hooks["spguard-validate"][0] == "Passed", output  # at its new place, by its new id


def test_deleting_an_artifact_nothing_uses_passes(
    config_repo: Path, hooks_config: Path, env: dict[str, str]
) -> None:
    unused = "central/DecisionRule/910030.yaml"
    others = [p for p in config_repo.rglob("*.yaml") if p != config_repo / unused]
    assert not [p for p in others if "910030" in p.read_text(encoding="utf-8")]

    made, output, hooks = commit(config_repo, hooks_config, env, ("rm", "-q", unused))

    assert made, output
    assert hooks["spguard-lint"][0] == "Passed", output  # it ran: the commit deletes an artifact


def test_rules_test_hook_in_a_rule_set_repository(
    tmp_path: Path, hook_repo: Path, env: dict[str, str]
) -> None:
    """A rule-set repository runs its cases with the manifest's spguard-rules-test hook: the
    right cases pass; a wrong one fails the hook, naming the case file, line and artifact."""
    from tests.test_lint import RULESET
    from tests.test_rule_cases import GOOD_CASE

    repo = tmp_path / "team-rules"
    (repo / "rules" / "cases").mkdir(parents=True)
    (repo / "rules" / "medicin.yaml").write_text(RULESET, encoding="utf-8")
    (repo / "rules" / "cases" / "TST001.yaml").write_text(GOOD_CASE, encoding="utf-8")
    rev = _git(hook_repo, env, "rev-parse", "HEAD").strip()
    hooks = [{"id": "spguard-rules-test", "args": ["rules/"]}]
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(repo, env, "init", "-q")
    _commit_all(repo, env, "rule sets with their cases")
    names = {h["name"]: h["id"] for h in MANIFEST if h["id"] in RULE_SET_HOOKS}
    config_file = repo / ".pre-commit-config.yaml"

    def run() -> tuple[int, str, dict[str, tuple[str, str]]]:
        return run_hooks(repo, config_file, env, "--all-files", "--verbose", names=names)

    code, output, found = run()
    assert code == 0 and found["spguard-rules-test"][0] == "Passed", output
    assert "2 case(s) in 1 file(s): 2 passed, 0 failed" in found["spguard-rules-test"][1]

    wrong = GOOD_CASE.replace('"$.spec.double_check"', '"$.spec.atc"')
    (repo / "rules" / "cases" / "TST001.yaml").write_text(wrong, encoding="utf-8")
    _git(repo, env, "add", "-A")
    code, output, found = run()
    status, text = found["spguard-rules-test"]
    assert code == 1 and status == "Failed", output
    assert "FAIL  rules/cases/TST001.yaml:7: TST001 must fail 5002" in text, text
    assert "expected a finding at $.spec.atc, got none" in text, text
