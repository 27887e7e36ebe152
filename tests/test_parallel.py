"""fork_map shares work between this process and forked children: results come back in item
order whatever the number of workers, a child's exception is raised here, a child that dies
makes the run fail instead of hang, and children die with a parent that is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sp_config_guard.parallel import WorkerError, fork_map
from tests.conftest import MEDICATION_YAML

PARENT = os.getpid()


def _square_where(item: int) -> tuple[int, int]:
    """The item squared, and whether this process is the parent (1) or a child (0)."""
    time.sleep(0.001)  # long enough that the children start before the parent is done
    return item * item, int(os.getpid() == PARENT)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_in_item_order_with_any_number_of_workers(workers: int) -> None:
    items = list(range(600))
    results = fork_map(_square_where, items, workers, minimum=10)
    assert [square for square, _ in results] == [i * i for i in items]
    done_here = sum(here for _, here in results)
    if workers == 1:
        assert done_here == len(items)
    else:  # both sides took a share
        assert 0 < done_here < len(items)


def test_small_jobs_stay_in_this_process() -> None:
    results = fork_map(_square_where, list(range(50)), 2)
    assert all(here for _, here in results)


def _fails_in_child(item: int) -> int:
    time.sleep(0.001)
    if os.getpid() != PARENT and item % 7 == 3:
        raise ValueError(f"bad item {item}")
    return item


def test_an_exception_in_a_child_is_raised_here() -> None:
    with pytest.raises(ValueError, match="bad item"):
        fork_map(_fails_in_child, list(range(600)), 2, minimum=10)


def _dies_in_child(item: int) -> int:
    time.sleep(0.001)
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return item


def test_a_child_that_dies_fails_the_run_instead_of_hanging() -> None:
    with pytest.raises(WorkerError):
        fork_map(_dies_in_child, list(range(600)), 2, minimum=10)


def test_loading_switches_the_collector_off_and_freezes_what_it_built() -> None:
    import gc

    from sp_config_guard.parallel import loading

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with loading():
            assert not gc.isenabled()
            built = [{"id": str(i), "spec": [i]} for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(built)
    finally:
        gc.unfreeze()


def _children(pid: int) -> dict[int, str]:
    """The live child processes of ``pid`` (from /proc), each with its start time (so a
    reused process id is not mistaken for it)."""
    found = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            if (start := _started(int(child))) is not None:
                found[int(child)] = start
    return found


def _started(pid: int) -> str | None:
    """When ``pid`` started, or None when it is gone (a zombie is gone: it only waits for
    whoever adopted it to collect its exit status)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
    return None if fields[0] in "ZX" else fields[19]


def _left_after_killing(command: list[str], cwd: Path) -> list[int]:
    """Start ``command``, SIGKILL it as soon as it has forked workers, and return the workers
    still alive after 5 s (killing those, so that a failing test leaves none)."""
    workers: dict[int, str] = {}
    with subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as proc:
        deadline = time.monotonic() + 60
        while not workers and proc.poll() is None and time.monotonic() < deadline:
            workers = _children(proc.pid)
            time.sleep(0.01)
        proc.kill()
        assert workers, f"no worker was seen before the run ended: {proc.communicate()[1]!r}"
        proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while True:
        left = [pid for pid, start in workers.items() if _started(pid) == start]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


linux_only = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")


@linux_only
def test_workers_of_a_killed_lint_die_with_it(tmp_path: Path) -> None:
    """A real ``spguard lint --workers 2`` on 3,000 artifacts (a few seconds of parsing and
    checking), SIGKILLed once its worker exists: no worker is left."""
    folder = tmp_path / "central" / "Medication"
    folder.mkdir(parents=True)
    for index in range(3000):
        id_ = str(200000 + index)
        text = MEDICATION_YAML.replace('id: "100101"', f'id: "{id_}"')
        (folder / f"{id_}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    command = [sys.executable, "-m", "sp_config_guard", "lint", ".", "--workers", "2"]
    assert _left_after_killing([*command, "--no-cache"], tmp_path) == []


# fork_map with the portable fallback (a pipe the worker watches) in place of PR_SET_PDEATHSIG
FALLBACK = """\
import time
from sp_config_guard import parallel
parallel._pdeathsig = lambda: False
parallel.fork_map(lambda item: time.sleep(0.01), list(range(3000)), 2, minimum=10)
"""


@linux_only
def test_workers_die_with_a_killed_parent_through_the_pipe_too(tmp_path: Path) -> None:
    """Where the kernel cannot be asked (not Linux), the end of the parent's pipe does it."""
    script = tmp_path / "fallback.py"
    script.write_text(textwrap.dedent(FALLBACK), encoding="utf-8")
    assert _left_after_killing([sys.executable, str(script)], tmp_path) == []
