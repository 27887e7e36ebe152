"""The bundled example: raw exports normalise to the checked-in configuration repository
byte for byte, it is canonical and valid, and it is as large and varied as promised."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sp_config_guard.load.loader import iter_files, load_document
from sp_config_guard.normalize.run import NormalizeSettings, run_normalize
from sp_config_guard.validate.run import validate
from tests.conftest import Ran, invoke_spguard

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TREE = EXAMPLES / "sp-config"
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p, _ in iter_files([root], root)}


def _spguard(*args: object, cwd: Path) -> Ran:
    return invoke_spguard(*args, cwd=cwd)


def test_exports_normalise_to_the_checked_in_tree_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "sp-config"
    run = _spguard(
        "normalize",
        EXAMPLES / "exports",
        "--profile",
        EXAMPLES / "profiles",
        "--out",
        out,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert _files(out) == _files(TREE)
    again = run_normalize(NormalizeSettings([out], out=out))
    assert again.written == [] and again.problems == []
    assert len(again.unchanged) == len(_files(TREE))


def test_check_passes_on_the_tree_and_fails_after_one_file_is_reformatted(tmp_path: Path) -> None:
    assert _spguard("normalize", "--check", TREE, cwd=tmp_path).returncode == 0
    copy = tmp_path / "copy"
    for name, data in _files(TREE).items():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes(data)
    victim = sorted(copy.rglob("*.yaml"))[0]
    victim.write_text(
        victim.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8", newline=""
    )
    before = victim.read_bytes()
    run = _spguard("normalize", "--check", copy, cwd=tmp_path)
    assert run.returncode == 1
    assert victim.as_posix() in run.stdout
    assert victim.read_bytes() == before  # --check writes nothing


def test_example_tree_is_valid() -> None:
    result = validate([TREE])
    assert [str(f) for f in result.findings] == []
    assert result.files == len(_files(TREE))


def test_example_is_large_and_varied() -> None:
    docs = [load_document(p, d) for p, d in iter_files([TREE], TREE)]
    kinds = Counter(doc.kind for doc in docs)
    scopes = [doc.data["scope"] for doc in docs]
    assert len(docs) >= 300
    assert len(kinds) >= 11
    assert {s.get("region") for s in scopes} >= {"hovedstaden", "sjaelland"}
    assert {s["level"] for s in scopes} >= {"central", "region", "hospital", "department", "user"}
    assert len({s["hospital"] for s in scopes if "hospital" in s}) >= 6
    assert kinds["Department"] >= 20
    assert len({doc.data["spec"]["shak_code"] for doc in docs if doc.kind == "Department"}) >= 20
    formats = {p.suffix for p in (EXAMPLES / "exports").rglob("*") if p.is_file()}
    assert formats >= {".json", ".xml", ".csv", ".yaml"}
