"""Fuzzing the readers of untrusted input with hypothesis: any bytes give a result or one of
our own errors (InputError, UsageError, RuleSetError), never another exception, never a hang.

    python -m bench.fuzz TARGET [--seconds N] [--seed N]     TARGET: all, or one of the list

Targets: ``yaml`` (the artifact loader: fast canonical parser, then the strict loader),
``json``, ``xml``, ``yaml-export``, ``csv`` (the importers, as normalize runs them), ``ruleset``
(the rule-set loader) and ``profile`` (mapping profiles). Inputs are random bytes, random text
over the characters that matter to the format, and mutations (bytes inserted, deleted,
replaced, repeated) of small valid seeds. Each input is written to a real file and read the
way the CLI reads it. Prints executions per target; a crash or hang prints the (shrunk) input
and exits 1 - add it to ``tests/test_fuzz.py`` as a regression case and fix it."""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as seeded
from hypothesis import strategies as st

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.loader import load_document
from sp_config_guard.normalize.importers import ReadOptions
from sp_config_guard.normalize.importers import get as importer
from sp_config_guard.normalize.profiles import load_profile

HANG_SECONDS = 5.0  # one input may take this long before it counts as a hang
EXPECTED = (InputError, UsageError)  # RuleSetError is a UsageError
ROOT = Path(__file__).resolve().parent.parent


class Hang(Exception):
    """One input took longer than :data:`HANG_SECONDS`."""


@dataclass(frozen=True)
class Target:
    """A reader under fuzz: file suffix, how to read a file, seeds, interesting characters."""

    suffix: str
    read: Callable[[Path], Any]
    seeds: tuple[bytes, ...]
    alphabet: str


def _import(fmt: str, options: ReadOptions) -> Callable[[Path], Any]:
    return lambda path: list(importer(fmt)(path, path.name, options))


def _files(pattern: str, limit: int = 3) -> tuple[bytes, ...]:
    """The smallest few files matching ``pattern`` under the project (small seeds mutate fast)."""
    found = sorted(ROOT.glob(pattern), key=lambda p: (p.stat().st_size, p.as_posix()))
    return tuple(p.read_bytes() for p in found[:limit])


_YAML_CHARS = "ab01 :-#'\"\n\t[]{},&*!|>%@`?\\\ufeff\x00æ"
TARGETS: dict[str, Target] = {
    "yaml": Target(
        ".yaml",
        lambda path: load_document(path, path.name),
        _files("examples/sp-config/central/*/*.yaml"),
        _YAML_CHARS,
    ),
    "yaml-export": Target(
        ".yaml",
        _import("yaml", ReadOptions(records="items")),
        (b"items:\n  - kind: Medication\n    id: '1'\n    spec: {a: [1, 2.5, null]}\n",),
        _YAML_CHARS,
    ),
    "json": Target(
        ".json",
        _import("json", ReadOptions(records="records")),
        (b'{"records": [{"id": "1", "a": [1, 2.5e3, null, true], "b": {"c": "\\u00e6"}}]}',),
        '{}[]",:0123456789.eE+-truefalsn \\u\n\ufeff',
    ),
    "xml": Target(
        ".xml",
        _import("xml", ReadOptions(records="Item")),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<Export><Item Id="1" Navn="a">'
            b"<Linje Nr='2'>tekst &amp; mere</Linje></Item></Export>\n",
        ),
        "<>/=\"'?!&;[]ax -:\n",
    ),
    "csv": Target(
        ".csv",
        _import("csv", ReadOptions(delimiter=";", layout="items", key="ID")),
        (b'\xef\xbb\xbfID;NAVN;DOSIS\r\n1;a;2,5\r\n1;b;"x;y"\r\n2;c;3\r\n',),
        ';,"\r\n\tID0123456789ab\ufeff',
    ),
    "ruleset": Target(
        ".yaml",
        lambda path: load_rules([str(path)], path.parent),
        _files("rules/*.yaml", 1),
        _YAML_CHARS,
    ),
    "profile": Target(
        ".yaml",
        lambda path: load_profile(path, path.name),
        _files("examples/profiles/*.yaml", 2),
        _YAML_CHARS,
    ),
}


def _mutate(seed: bytes, edits: list[tuple[int, int, int, bytes]]) -> bytes:
    """``seed`` with each edit applied: (operation, place, length, bytes)."""
    data = bytearray(seed)
    for op, at, length, chunk in edits:
        at = at % (len(data) + 1)
        if op == 0:
            data[at:at] = chunk
        elif op == 1:
            del data[at : at + length]
        elif op == 2:
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = data[at : at + length] * 8
    return bytes(data)


def inputs(target: Target) -> st.SearchStrategy[bytes]:
    """Random bytes, random text of the format's characters, and mutated seeds."""
    edit = st.tuples(
        st.integers(0, 3),
        st.integers(0, 1 << 16),
        st.integers(1, 64),
        st.one_of(st.binary(max_size=8), st.text(target.alphabet, max_size=8).map(str.encode)),
    )
    mutated = st.builds(_mutate, st.sampled_from(target.seeds), st.lists(edit, max_size=6))
    return st.one_of(
        st.binary(max_size=512),
        st.text(target.alphabet, max_size=512).map(lambda t: t.encode("utf-8")),
        mutated,
    )


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"no answer within {HANG_SECONDS} s")


@contextmanager
def _deadline() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_one(name: str, data: bytes, folder: Path) -> None:
    """Read ``data`` as target ``name`` does; our own errors are answers, anything else
    (and a hang) propagates."""
    target = TARGETS[name]
    path = folder / f"input{target.suffix}"
    path.write_bytes(data)
    try:
        with _deadline():
            target.read(path)
    except EXPECTED:
        pass


def fuzz(name: str, seconds: float, seed: int | None = None, rounds: int | None = None) -> int:
    """Fuzz target ``name`` for about ``seconds``, or for exactly ``rounds`` seeded rounds of
    100 inputs (the same inputs on every machine); the number of executions (raises on a
    crash or hang, with hypothesis's shrunk input)."""
    target = TARGETS[name]
    count = 0
    with tempfile.TemporaryDirectory(prefix="spguard-fuzz-") as tmp:
        folder = Path(tmp)

        @settings(
            max_examples=100,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )
        @given(inputs(target))
        def one(data: bytes) -> None:
            nonlocal count
            count += 1
            check_one(name, data, folder)

        rng = random.Random(seed)
        end = time.monotonic() + seconds
        done = 0
        while (done < rounds) if rounds is not None else (time.monotonic() < end):
            seeded(rng.getrandbits(64))(one)()
            done += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Fuzz the targets named on the command line; exit 1 on the first crash."""
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("target", choices=["all", *TARGETS])
    parser.add_argument("--seconds", type=float, default=60.0, help="per target")
    parser.add_argument("--seed", type=int, help="hypothesis seed (reproducible runs)")
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    for name in names:
        started = time.monotonic()
        try:
            count = fuzz(name, args.seconds, args.seed)
        except Exception as err:  # the point of the harness: show any other exception
            print(f"{name}: CRASH {type(err).__name__}: {err}", file=sys.stderr)
            raise
        took = time.monotonic() - started
        print(f"{name}: {count} executions in {took:.0f} s ({count / took:.0f}/s), no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
