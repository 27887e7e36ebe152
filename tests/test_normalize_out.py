"""normalize writes only where it may (issue 14 items 11 and 14): never through a symbolic
link, never into the exports it reads, never over another artifact's file, never a name a
filesystem refuses or folds together, never a file for a record without an id; it never
blocks on a FIFO and leaves no temporary file of a killed run behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.messages import INERT_LIMIT
from tests.conftest import MEDICATION_YAML, Spguard

PROFILE = """\
profile: p
format: json
match: ['*.json']
records: items
kind: Medication
fields: {id: id, name: name, scope.level: level, status: status, spec.generic_name: gn,
  spec.atc: atc, spec.form: form, spec.strength.value: sv, spec.strength.unit: su,
  spec.route: route, spec.high_alert: ha, spec.double_check: dc, spec.tablet_optimisation: to}
"""


def _record(artifact_id: Any) -> dict[str, Any]:
    return {
        "id": artifact_id,
        "name": "P",
        "level": "central",
        "status": "active",
        "gn": "p",
        "atc": "N02BE01",
        "form": "tablet",
        "sv": 500,
        "su": "mg",
        "route": "PO",
        "ha": False,
        "dc": False,
        "to": True,
    }


def _exports(root: Path, *records: Any) -> tuple[Path, Path]:
    """(exports folder, profile) with one JSON export holding ``records``."""
    exports = root / "ex"
    exports.mkdir(parents=True)
    (exports / "x.json").write_text(json.dumps({"items": list(records)}), encoding="utf-8")
    profile = root / "p.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    return exports, profile


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_symlinked_folder_inside_out_is_never_written_through(
    tmp_path: Path, spguard: Spguard
) -> None:
    exports, profile = _exports(tmp_path, _record("100101"))
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "central").symlink_to(outside)
    proc = spguard("normalize", "--profile", profile, "--out", out, exports)
    assert proc.returncode == 1
    assert f"NORM006 {(out / 'central').as_posix()} inside --out is a symbolic link" in proc.stdout
    assert _files(outside) == []


def test_diff_never_prints_an_outside_file_through_a_symlinked_target(
    tmp_path: Path, spguard: Spguard
) -> None:
    exports, profile = _exports(tmp_path, _record("100101"))
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET=hunter2\n", encoding="utf-8")
    folder = tmp_path / "out" / "central" / "Medication"
    folder.mkdir(parents=True)
    (folder / "100101.yaml").symlink_to(secret)
    for flag in ("--diff", "--check"):
        proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports, flag)
        assert proc.returncode == 1
        assert "hunter2" not in proc.stdout + proc.stderr
        assert "NORM006" in proc.stdout
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
    assert "NORM006" in proc.stdout
    assert secret.read_text(encoding="utf-8") == "SECRET=hunter2\n"
    assert (folder / "100101.yaml").is_symlink()


@pytest.mark.parametrize("inside", ["out_in_exports", "exports_in_out"])
def test_out_and_exports_inside_one_another_is_a_usage_error_before_any_write(
    tmp_path: Path, spguard: Spguard, inside: str
) -> None:
    exports, profile = _exports(tmp_path / "repo", _record("100101"))
    out = exports / "out" if inside == "out_in_exports" else exports.parent
    before = _files(tmp_path)
    proc = spguard("normalize", "--profile", profile, "--out", out, exports)
    assert proc.returncode == 2
    assert "lie inside one another" in proc.stderr
    assert out.as_posix() in proc.stderr and exports.as_posix() in proc.stderr
    assert _files(tmp_path) == before


def test_a_canonical_tree_still_normalises_into_itself(tmp_path: Path, spguard: Spguard) -> None:
    tree = tmp_path / "tree"
    (tree / "central" / "Medication").mkdir(parents=True)
    (tree / "central" / "Medication" / "100101.yaml").write_text(MEDICATION_YAML)
    proc = spguard("normalize", tree, "--out", tree)
    assert proc.returncode == 0, proc.stdout
    assert "0 file(s) written, 1 unchanged" in proc.stdout


@pytest.mark.parametrize(
    "other",
    [
        MEDICATION_YAML.replace('id: "100101"', 'id: "999999"'),
        # hand-written, outside the canonical subset: read by the library parser
        '{kind: Medication, id: "999999", name: Paracetamol}\n',
    ],
    ids=["canonical", "flow-style"],
)
def test_a_file_holding_another_artifact_is_not_overwritten(
    tmp_path: Path, spguard: Spguard, other: str
) -> None:
    exports, profile = _exports(tmp_path, _record("100101"))
    folder = tmp_path / "out" / "central" / "Medication"
    folder.mkdir(parents=True)
    (folder / "100101.yaml").write_text(other, encoding="utf-8")
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
    assert proc.returncode == 1
    assert "NORM007 the file holds Medication '999999', not Medication '100101'" in proc.stdout
    assert (folder / "100101.yaml").read_text(encoding="utf-8") == other


def test_ids_differing_only_in_case_collide_on_every_filesystem(
    tmp_path: Path, spguard: Spguard
) -> None:
    exports, profile = _exports(tmp_path, _record("ABC"), _record("abc"))
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
    assert proc.returncode == 1
    assert "NORM001 record 2: Medication 'abc' is also produced by" in proc.stdout
    assert _files(tmp_path / "out") == ["central/Medication/ABC.yaml"]


@pytest.mark.parametrize(
    ("artifact_id", "key"),
    [
        ("CON", "Windows reserves"),
        ("aux", "Windows reserves"),
        ("nul.txt", "Windows reserves"),
        ("com1", "Windows reserves"),
        ("LPT9", "Windows reserves"),
        ("abc.", "unsafe file name"),
        ("x" * 201, "over 200 characters"),
    ],
)
def test_names_a_filesystem_refuses_are_norm002(
    tmp_path: Path, spguard: Spguard, artifact_id: str, key: str
) -> None:
    exports, profile = _exports(tmp_path, _record(artifact_id), _record("CONSOLE"))
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
    assert proc.returncode == 1
    assert "NORM002" in proc.stdout and key in proc.stdout
    # the other record is written: a bad name stops only its own record
    assert _files(tmp_path / "out") == ["central/Medication/CONSOLE.yaml"]


def test_a_null_record_or_one_without_id_is_a_problem_not_none_yaml(
    tmp_path: Path, spguard: Spguard
) -> None:
    no_id = _record("100102")
    del no_id["id"]
    exports, profile = _exports(tmp_path, None, no_id, _record("100101"))
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
    assert proc.returncode == 1
    assert "IMP001 record 1: the record is not a mapping" in proc.stdout
    assert "NORM002 record 2: the record has no id" in proc.stdout
    assert _files(tmp_path / "out") == ["central/Medication/100101.yaml"]


def test_a_fifo_as_profile_or_export_never_blocks(tmp_path: Path, spguard_process: Spguard) -> None:
    spguard = spguard_process  # a fresh process, ended after 60 s should it block
    exports, profile = _exports(tmp_path, _record("100101"))
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    proc = spguard(
        "normalize", "--profile", fifo, "--profile", profile, "--out", tmp_path / "o", exports
    )
    assert proc.returncode == 1
    assert f"{fifo.as_posix()}: LOAD000 not a regular file" in proc.stdout
    assert _files(tmp_path / "o") == ["central/Medication/100101.yaml"]
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    os.mkfifo(profiles / "fifo.yaml")
    export_fifo = tmp_path / "export.json"
    os.mkfifo(export_fifo)
    proc = spguard("normalize", "--profile", profiles, "--out", tmp_path / "o2", export_fifo)
    assert proc.returncode == 1
    assert f"{(profiles / 'fifo.yaml').as_posix()}: LOAD000 not a regular file" in proc.stdout
    assert f"{export_fifo.as_posix()}: LOAD000 not a regular file" in proc.stdout


OLD = MEDICATION_YAML.replace("Paracetamol tablet 500 mg", "an older name")
_HOLD = """\
import fcntl, os, sys, tempfile, time
fd, name = tempfile.mkstemp(prefix=".100101.yaml.", suffix=".tmp", dir=sys.argv[1])
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b"half a file")
print(name, flush=True)
sys.stdin.read()
"""


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(
    tmp_path: Path, spguard: Spguard
) -> None:
    exports, profile = _exports(tmp_path, _record("100101"))
    folder = tmp_path / "out" / "central" / "Medication"
    folder.mkdir(parents=True)
    # a writer in the middle of atomic_write (its temporary file locked), killed later
    with subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        held = Path(writer.stdout.readline().strip())
        try:
            (folder / "100101.yaml").write_text(OLD, encoding="utf-8")
            proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
            assert proc.returncode == 0, proc.stdout
            assert held.exists()  # a live writer's file is left alone
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    assert held.exists()  # what a kill leaves behind
    (folder / "100101.yaml").write_text(OLD, encoding="utf-8")
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "out", exports)
    assert proc.returncode == 0, proc.stdout
    assert not held.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["100101.yaml"]


def test_xml_mixed_content_is_imp005_not_dropped(tmp_path: Path, spguard: Spguard) -> None:
    exports = tmp_path / "ex"
    exports.mkdir()
    (exports / "x.xml").write_text(
        '<root><item id="100101"><name>P</name>DOSE NOTE: max 4 g/day<level>central</level>'
        "</item></root>",
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "profile: p\nformat: xml\nmatch: ['*.xml']\nrecords: root.item\nkind: Medication\n"
        "fields: {id: '@id', name: name, scope.level: level}\n",
        encoding="utf-8",
    )
    proc = spguard("normalize", "--profile", profile, "--out", tmp_path / "o", exports)
    assert proc.returncode == 1
    assert "IMP005 record 1: value(s) with nowhere to go: #text='DOSE NOTE: max 4 g/day'" in (
        proc.stdout
    )
    assert not (tmp_path / "o").exists()


def test_a_20_mb_id_is_never_echoed_in_full(tmp_path: Path, spguard: Spguard) -> None:
    exports = tmp_path / "ex"
    exports.mkdir()
    huge = "A" * 20_000_000
    (exports / "x.json").write_text(json.dumps({"items": [{"id": huge}]}), encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "profile: p\nformat: json\nmatch: ['*.json']\nrecords: items\nkind: Medication\n"
        "fields: {id: id, scope.level: {const: central}}\n",
        encoding="utf-8",
    )
    proc = spguard("normalize", "--profile", tmp_path / "p.yaml", "--out", tmp_path / "o", exports)
    assert proc.returncode == 1
    assert "NORM002" in proc.stdout
    assert len(proc.stdout) + len(proc.stderr) < 5_000
    # the id is shown quoted: 20,000,002 characters, of which INERT_LIMIT are shown
    assert f"{20_000_002 - INERT_LIMIT} more characters" in proc.stdout
    assert not (tmp_path / "o").exists()
