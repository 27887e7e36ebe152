"""The listing of a folder tree (load/walk.py) is os.walk's, pruned of hidden folders: the same
folders in the same order, the same names in each, links to folders never followed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sp_config_guard.load.loader import iter_files
from sp_config_guard.load.walk import folders

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"


def _os_walk(top: str) -> list[tuple[str, list[str]]]:
    out = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.append((folder, sorted(files)))
    return out


def _listed(top: str) -> list[tuple[str, list[str]]]:
    return [(folder, sorted(files)) for folder, files in folders(top)]


def _tree(root: Path) -> None:
    """Folders in an order a plain listing does not give, hidden ones, links of every kind."""
    for name in ("b/Medication", "a/OrderSet/Medication", "A", "a/.hidden/Medication", "ø/x"):
        (root / name).mkdir(parents=True)
    for name in ("b/Medication/2.yaml", "b/Medication/1.yaml", "a/OrderSet/o.yaml", "A/.h.yaml"):
        (root / name).write_text("kind: X\n", encoding="utf-8")
    (root / "a/.hidden/Medication/m.yaml").write_text("kind: X\n", encoding="utf-8")
    (root / "b/Medication/to-folder").symlink_to(root / "a")  # listed as neither
    (root / "b/Medication/to-file.yaml").symlink_to(root / "b/Medication/1.yaml")
    (root / "b/Medication/broken.yaml").symlink_to(root / "nowhere")  # a file, as os.walk says
    (root / "b/looped").symlink_to(root / "b")


@pytest.mark.parametrize("top", ["", "b", "b/Medication", "missing"])
def test_folders_are_os_walks_pruned_of_hidden_ones(
    tmp_path: Path, top: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    assert _listed(str(tmp_path / top)) == _os_walk(str(tmp_path / top))
    monkeypatch.chdir(tmp_path)  # relative names, "." and a name joined as os.walk joins it
    for relative in (".", "./b", top or "."):
        assert _listed(relative) == _os_walk(relative)
    listed = dict(_listed("."))
    assert sorted(listed["./b/Medication"]) == ["1.yaml", "2.yaml", "broken.yaml", "to-file.yaml"]
    assert "./a/.hidden" not in listed and "./b/looped" not in listed


def test_the_example_lists_as_it_did(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    files = list(iter_files([Path(".")], EXAMPLE))
    displays = [display for _, display in files]
    assert len(files) == 411 and displays == [path.as_posix() for path, _ in files]
    expected = [
        f"{folder[2:]}/{name}"
        for folder, names in _os_walk(".")
        if folder != "." and Path(folder).name[:1].isupper() and Path(folder).name.isalnum()
        for name in sorted(names)
        if name.endswith((".yaml", ".yml")) and not name.startswith(".")
    ]
    assert displays == expected
