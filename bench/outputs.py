"""Every command's JSON output on a repository, one file each, for before/after comparisons.

    python -m bench.outputs --out /tmp/before                      # the bundled example
    python -m bench.outputs --repo /tmp/corpus-20k --out /tmp/before-20k

Run it on two commits (``git worktree add``) and compare the folders with ``diff -r``: a change
that only moves code must leave every file byte-identical. Each command runs as a user runs it
(``spguard ...`` in a fresh process, uncached), from the repository's root; the exit code is
written beside its output."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"

# name -> arguments after ``spguard``; every one reads the whole repository.
COMMANDS = {
    "lint": ["lint", ".", "--format", "json"],
    "lint-sarif": ["lint", ".", "--format", "sarif"],
    "validate": ["validate", ".", "--format", "json"],
    "drift": ["drift", ".", "--format", "json"],
    "diff": ["diff", "central", "hovedstaden", "--format", "json"],
}


def write_outputs(repo: Path, out: Path) -> None:
    """Run every command on a copy of ``repo`` (so no cache is read or left behind) and write
    ``<name>.json`` and ``<name>.exit`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".spguard-cache"))
        env = {**os.environ, "SPGUARD_NO_CACHE": "1", "SPGUARD_LANG": "en"}
        for name, args in COMMANDS.items():
            done = subprocess.run(
                [sys.executable, "-m", "sp_config_guard", *args],
                cwd=copy,
                env=env,
                capture_output=True,
                check=False,
            )
            (out / f"{name}.json").write_bytes(done.stdout)
            (out / f"{name}.exit").write_text(f"{done.returncode}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=EXAMPLE)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write_outputs(args.repo.resolve(), args.out)


if __name__ == "__main__":
    main()
