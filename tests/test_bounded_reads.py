"""No command reads a file unbounded (issue 14 item 3): a committed symbolic link to
``/dev/zero``, a FIFO or a 1 GiB sparse file in a kind folder is a load problem of that file,
the other files are still read, and memory stays small; a revision's blob is read as a work
tree's file is (size-checked, same problems, same codes).

The commands run as real processes with an address-space limit (a run that read
``/dev/zero`` would fail on it instead of eating the machine's memory) and an alarm (a run
blocked on a FIFO is killed, and the test fails); their peak memory comes from ``wait4``."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.errors import InputError
from sp_config_guard.load.gitrev import deleted
from sp_config_guard.load.sources import read_file
from tests.conftest import MEDICATION_YAML
from tests.hostile_cases import MED, repository
from tests.misuse_cases import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ADDRESS_SPACE = 1536 * 1024 * 1024  # far below what reading /dev/zero or 1 GiB needs
PEAK_KIB = 400 * 1024  # what one process may hold at most while refusing a 1 GiB file
BAD = f"{MED}/evil.yaml"

# every command that reads the artifacts of a work tree
COMMANDS = (
    ("validate", "--format", "json", "."),
    ("lint", "--no-cache", "--format", "json", "."),
    ("lint", "--format", "json", "."),  # with the cache (it is made on this run)
    ("drift", "--format", "json", "."),
    ("baseline", "create"),
    ("waivers", "check"),
    ("diff", ".", ".", "--format", "json"),
)


def _run(args: tuple[str, ...], cwd: Path) -> tuple[int, str, str, int]:
    """(exit code, stdout, stderr, peak resident memory in KiB) of ``spguard ARGS``."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        signal.alarm(120)  # survives exec: a run blocked on a FIFO dies of SIGALRM

    out, err = cwd.parent / "stdout.txt", cwd.parent / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sp_config_guard", *args],
            cwd=cwd,
            stdout=stdout,
            stderr=stderr,
            preexec_fn=limits,
        )
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    texts = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    return proc.returncode, *texts, usage.ru_maxrss


_PROBLEM = re.compile(r"^(\S+?):(?:\d+:\d+:)? (?:error )?(LOAD\d{3}) ", re.MULTILINE)


def _codes(args: tuple[str, ...], stdout: str, stderr: str) -> dict[str, str]:
    """file -> code of every load problem a command reported."""
    if "--format" not in args:  # baseline create, waivers check: as text
        return dict(_PROBLEM.findall(stdout + stderr))
    doc = json.loads(stdout)
    if args[0] in ("diff", "drift"):  # problems as lines
        return dict(_PROBLEM.findall("\n".join(doc["problems"])))
    return {f["file"]: f["code"] for f in doc["findings"] if f["code"].startswith("LOAD")}


def _repo(tmp_path: Path) -> Path:
    root = repository(tmp_path / "repo")
    (root / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    git(root, "init", "-q")
    return root


def _every_command_refuses(root: Path, code: str) -> None:
    for args in COMMANDS:
        rc, stdout, stderr, peak = _run(args, root)
        assert rc == 1, (args, rc, stdout[-2000:], stderr[-2000:])
        assert "internal error" not in stdout + stderr
        assert _codes(args, stdout, stderr).get(BAD) == code, (args, stdout[-2000:], stderr)
        assert peak < PEAK_KIB, (args, peak)


def test_a_committed_link_to_dev_zero_is_never_read(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / BAD).symlink_to("/dev/zero")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@t.invalid", "commit", "-qm", "zero")
    _every_command_refuses(root, "LOAD010")


def test_a_fifo_in_a_kind_folder_never_blocks_a_command(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    os.mkfifo(root / BAD)
    _every_command_refuses(root, "LOAD000")
    _, stdout, _, _ = _run(("validate", "--format", "json", "."), root)
    problem = next(f for f in json.loads(stdout)["findings"] if f["file"] == BAD)
    assert "not a regular file" in problem["message"]


def test_a_one_gib_sparse_file_is_refused_from_its_size(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    with (root / BAD).open("wb") as big:
        big.truncate(1024**3)
    _every_command_refuses(root, "LOAD005")


def test_a_long_line_under_the_size_limit_is_read_in_little_memory(tmp_path: Path) -> None:
    """A 3 MB one-line name (under the 16 MiB limit of a YAML file) is read as any other: the
    canonical-YAML speedup leaves long lines to libyaml (``re`` held 1.3 GB matching it)."""
    root = _repo(tmp_path)
    long_name = MEDICATION_YAML.replace("Paracetamol tablet 500 mg", "P" * 3_000_000)
    (root / BAD).write_text(long_name.replace("100101", "100102"), encoding="utf-8")
    for args in (("lint", "--no-cache", "--format", "json", "."), ("validate", "."), COMMANDS[3]):
        rc, stdout, stderr, peak = _run(args, root)
        assert rc in (0, 1) and "LOAD" not in stdout + stderr, (args, stdout[-2000:], stderr)
        assert peak < PEAK_KIB, (args, peak)


def test_a_device_or_fifo_given_by_name_is_refused_and_never_opened_blocking(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(InputError) as err:
            read_file(path, "x.yaml", "yaml")
        assert err.value.problem.code == "LOAD000"
        assert "not a regular file" in err.value.problem.message


def test_a_link_out_of_the_root_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(MEDICATION_YAML, encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "in.yaml").symlink_to(tmp_path / "outside.yaml")
    with pytest.raises(InputError) as err:
        read_file(tmp_path / "repo" / "in.yaml", "in.yaml", "yaml", tmp_path / "repo")
    assert err.value.problem.code == "LOAD010"
    data, info = read_file(tmp_path / "repo" / "in.yaml", "in.yaml", "yaml", tmp_path)
    assert data == MEDICATION_YAML.encode() and info.st_size == len(data)


# -- revisions: a blob is read as a work tree's file is ----------------------------------------


def _committed(tmp_path: Path, text: str) -> Path:
    root = _repo(tmp_path)
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@t.invalid", "commit", "-qm", "base")
    (root / BAD).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@t.invalid", "commit", "-qm", "bad")
    return root


def _diff_problems(root: Path, *args: str, env: dict[str, str] | None = None) -> list[Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "sp_config_guard", "diff", *args, "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    return list(json.loads(proc.stdout)["problems"])


def test_a_revision_file_with_two_documents_has_the_work_trees_code(tmp_path: Path) -> None:
    root = _committed(tmp_path, MEDICATION_YAML + "---\n" + MEDICATION_YAML)
    in_revision = _diff_problems(root, "--git", "HEAD~1..HEAD")
    in_work_tree = _diff_problems(root, ".", ".")
    assert in_revision == [f"HEAD:{problem}" for problem in in_work_tree[:1]]
    assert ": LOAD007 " in in_revision[0] and "holds 2 YAML documents" in in_revision[0]


def test_a_revision_blob_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _committed(tmp_path, MEDICATION_YAML.replace("Paracetamol", "P" * 3000))
    limit = {"SPGUARD_MAX_YAML_BYTES": "2000"}
    (problem,) = _diff_problems(root, "--git", "HEAD~1..HEAD", env=limit)
    assert problem.startswith(f"HEAD:{BAD}: LOAD005 ")
    assert "over the limit of 2,000" in problem
    # a deleted file's former content (lint --changed) is not fetched either
    (root / BAD).unlink()
    git(root, "add", "-A")
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "2000")
    size = int(git(root, "cat-file", "-s", f"HEAD:{BAD}").strip())
    assert deleted(root) == [(BAD, size)]  # its size, never its bytes


@pytest.mark.parametrize("target", ["/dev/zero", "sparse"])
def test_a_pyproject_toml_that_never_ends_is_a_configuration_error_never_read(
    tmp_path: Path, target: str
) -> None:
    """Without a ``spguard.yaml``, the root's ``pyproject.toml`` is read for ``[tool.spguard]``:
    a 1 GiB sparse file there is refused from its size (exit 2), and a link to ``/dev/zero``
    is no file to read a configuration from; neither is read."""
    root = _repo(tmp_path)
    (root / "spguard.yaml").unlink()
    pyproject = root / "pyproject.toml"
    if target == "sparse":
        with pyproject.open("wb") as file:
            file.truncate(1 << 30)
    else:
        pyproject.symlink_to(target)
    for args in (("validate", "."), ("lint", "--no-cache", "."), ("drift", ".")):
        rc, stdout, stderr, peak = _run(args, root)
        assert "internal error" not in stdout + stderr
        assert peak < PEAK_KIB, (args, peak)
        if target == "sparse":
            assert rc == 2 and "pyproject.toml" in stderr, (args, rc, stdout[-2000:], stderr)
        else:
            assert rc in (0, 1), (args, rc, stdout[-2000:], stderr[-2000:])
