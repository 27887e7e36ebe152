"""fork_map shares work between this process and forked children: results come back in item
order whatever the number of workers, a child's exception is raised here, and a child that
dies makes the run fail instead of hang."""

from __future__ import annotations

import os
import signal
import time

import pytest

from sp_config_guard.parallel import WorkerError, fork_map

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
