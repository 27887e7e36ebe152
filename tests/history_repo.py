"""A git repository for the drift history's tests and screenshots: the example committed, then
six more commits a week or two apart in January to March 2026, each a kind of change: a copy
added, a copy changed (and a file that cannot be read), the standard 304100200 revised, a copy
deleted, a copy moved (and the unreadable file removed), the standard revised again; and a
waiver that expires between the third step and the fourth."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.test_drift_provenance import EXAMPLE, git

STANDARD = "central/OrderSet/304100200.yaml"
COPY = "hovedstaden/rigshospitalet/1301012/OrderSet/304110016.yaml"
OTHER = "hovedstaden/herlev-gentofte/1516025/OrderSet/304110061.yaml"
GONE = "sjaelland/sjaellands-universitetshospital/3800034/OrderSet/304110125.yaml"
BROKEN = "central/Medication/broken.yaml"
MOVED = "hovedstaden/rigshospitalet/1301099/OrderSet/304110016.yaml"


def commit(root: Path, day: str, message: str) -> None:
    """Commit everything, authored and committed at 10:00 on ``day`` in Copenhagen."""
    git(root, "add", "-A")
    stamp = f"{day}T10:00:00+01:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    args = ["git", "commit", "-q", "--no-verify", "-m", message]
    subprocess.run(args, cwd=root, check=True, env=env, capture_output=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


WAIVED = "hovedstaden/hvidovre/1330100/PreferenceList/521045.yaml"
WAIVERS = """waivers:
  - id: W-2026-001
    rule: DRF001
    artifacts: ["521045"]
    path: $.spec.entries
    reason: Afsnittets laboratoriepakke afventer ny standard
    approved_by: Fokusområde Medicin
    approved_on: 2026-01-02
    expires: 2026-01-25
"""
"""A waiver of the violation in WAIVED until 2026-01-25: valid at the first three steps only."""


def build(root: Path) -> Path:
    """The example in git at ``root``, then six more commits a week or two apart, each a kind
    of change (see the constants)."""
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".spguard-cache"))
    (root / ".gitignore").write_text(".spguard-cache/\n", encoding="utf-8")
    (root / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "2026-01-05", "the example")
    copy = root / COPY.replace("304110016", "304119999")
    shutil.copy(root / COPY, copy)
    _edit(copy, 'id: "304110016"', 'id: "304119999"')
    _edit(copy, "value: 40", "value: 80")
    commit(root, "2026-01-12", "a copy added")
    _edit(root / OTHER, "value: 40", "value: 120")
    (root / BROKEN).write_text("kind: Medication\nid: [unclosed\n", encoding="utf-8")
    commit(root, "2026-01-19", "a copy changed, a file that cannot be read")
    _edit(root / STANDARD, 'revision: "2026.3"', 'revision: "2026.4"')
    _edit(root / STANDARD, "Justeres efter vægt og væskebalance", "Justeres efter vægt")
    _edit(root / STANDARD, "value: 40", "value: 20")
    commit(root, "2026-02-02", "the standard revised")
    (root / GONE).unlink()
    commit(root, "2026-02-09", "a copy deleted")
    (root / MOVED).parent.mkdir(parents=True)
    git(root, "mv", COPY, MOVED)
    (root / BROKEN).unlink()
    commit(root, "2026-02-16", "a copy moved")
    _edit(root / STANDARD, 'revision: "2026.4"', 'revision: "2026.5"')
    _edit(root / STANDARD, "value: 20", "value: 25")
    commit(root, "2026-03-02", "the standard revised again")
    return root
