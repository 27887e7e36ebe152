"""``spguard validate`` end to end on small trees: every bad file reported with its place and
a clear message, the good ones still checked, exit codes, and the versioned JSON report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.validate.run import validate


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _bad_tree(root: Path, medication_yaml: str, marker: Path) -> dict[str, Path]:
    """One valid artifact and four bad files, all in the Medication kind folder."""
    folder = root / "central" / "Medication"

    def variant(artifact_id: str) -> str:
        return medication_yaml.replace('"100101"', f'"{artifact_id}"')

    return {
        "valid": _write(folder / "100101.yaml", medication_yaml),
        "wrong_type": _write(
            folder / "100102.yaml",
            variant("100102").replace("high_alert: false", 'high_alert: "ja"'),
        ),
        "duplicate_key": _write(
            folder / "100103.yaml",
            variant("100103").replace("  form: tablet\n", "  form: tablet\n  atc: N02BE02\n"),
        ),
        "unsafe_tag": _write(
            folder / "100104.yaml",
            variant("100104").replace(
                "  form: tablet\n",
                f"  form: !!python/object/apply:os.system ['touch {marker}']\n",
            ),
        ),
        "broken": _write(
            folder / "100105.yaml",
            variant("100105").replace("  route: PO\n", "  route: [PO, IV\n"),
        ),
    }


def test_validate_reports_every_bad_file_with_its_place_and_goes_on(
    tmp_path: Path, spguard: Any, medication_yaml: str
) -> None:
    marker = tmp_path / "pwned"
    files = _bad_tree(tmp_path / "tree", medication_yaml, marker)
    proc = spguard("validate", tmp_path / "tree")
    assert proc.returncode == 1
    out = proc.stdout
    # files are named relative to the repository root (here the tree: it has no marker)
    where = {name: path.relative_to(tmp_path / "tree").as_posix() for name, path in files.items()}
    assert (
        f"{where['wrong_type']}:15:15: error SCH001 'ja' is not of type 'boolean' "
        "[$.spec.high_alert]"
    ) in out
    assert f"{where['duplicate_key']}:11:3: error LOAD002 duplicate key 'atc'" in out
    assert f"{where['unsafe_tag']}:10:9: error LOAD003 tag " in out
    assert "python/object/apply:os.system" in out and "never executed" in out
    assert f"{where['broken']}:15:13: error LOAD001 malformed YAML" in out
    assert where["valid"] not in out
    assert out.rstrip().endswith("validate: 5 file(s) checked, 4 error(s), 0 warning(s), 0 info")
    assert not marker.exists()


def test_validate_json_report(tmp_path: Path, spguard: Any, medication_yaml: str) -> None:
    marker = tmp_path / "pwned"
    files = _bad_tree(tmp_path / "tree", medication_yaml, marker)
    proc = spguard("validate", tmp_path / "tree", "--format", "json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["version"] == 1
    assert report["command"] == "validate"
    assert report["summary"] == {"files": 5, "error": 4, "warning": 0, "info": 0}
    found = {
        (Path(f["file"]).name, f["code"], f["line"], f["column"], f["severity"])
        for f in report["findings"]
    }
    assert found == {
        ("100102.yaml", "SCH001", 15, 15, "error"),
        ("100103.yaml", "LOAD002", 11, 3, "error"),
        ("100104.yaml", "LOAD003", 10, 9, "error"),
        ("100105.yaml", "LOAD001", 15, 13, "error"),
    }
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["SCH001"]["path"] == "$.spec.high_alert"
    assert by_code["SCH001"]["kind"] == "Medication"
    assert by_code["SCH001"]["artifact"] == "100102"
    assert (
        by_code["SCH001"]["file"] == files["wrong_type"].relative_to(tmp_path / "tree").as_posix()
    )
    assert all(len(f["fingerprint"]) == 16 for f in report["findings"])
    assert not marker.exists()


def test_validate_exits_0_on_a_clean_tree(
    tmp_path: Path, spguard: Any, medication: dict[str, Any], medication_yaml: str
) -> None:
    tree = tmp_path / "tree"
    _write(tree / "central/Medication/100101.yaml", medication_yaml)
    variant = {**medication, "id": "180032", "scope": {"level": "region", "region": "sjaelland"}}
    _write(tree / "sjaelland/Medication/180032.yaml", dump_canonical(variant))
    _write(tree / "spguard.yaml", "rulesets: [medication]\n")  # config files are not artifacts
    proc = spguard("validate", tree)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout == "validate: 2 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"


def _codes(tree: Path) -> list[tuple[str, str, int, int]]:
    result = validate([tree])
    return [(Path(f.file).name, f.code, f.line, f.column) for f in result.sorted_findings()]


def test_unknown_kind_is_load008_at_the_kind(tmp_path: Path, medication_yaml: str) -> None:
    tree = tmp_path / "tree"
    _write(
        tree / "central/Medicine/100101.yaml",
        medication_yaml.replace("kind: Medication", "kind: Medicine"),
    )
    result = validate([tree])
    assert [(f.code, f.line, f.column) for f in result.findings] == [("LOAD008", 1, 7)]
    assert "'Medicine'" in result.findings[0].message
    assert "Medication" in result.findings[0].message


def test_file_without_kind_is_load007(tmp_path: Path, medication_yaml: str) -> None:
    tree = tmp_path / "tree"
    _write(
        tree / "central/Medication/100101.yaml", medication_yaml.replace("kind: Medication\n", "")
    )
    _write(tree / "central/Medication/list.yaml", "- a\n- b\n")
    _write(tree / "central/Medication/two.yaml", medication_yaml + "---\n" + medication_yaml)
    findings = validate([tree]).sorted_findings()
    assert [(Path(f.file).name, f.code) for f in findings] == [
        ("100101.yaml", "LOAD007"),
        ("list.yaml", "LOAD007"),
        ("two.yaml", "LOAD007"),
    ]
    assert "has no 'kind'" in findings[0].message
    assert "not a mapping" in findings[1].message
    assert "2 YAML documents" in findings[2].message


def test_duplicate_id_across_files_is_sch003(
    tmp_path: Path, medication: dict[str, Any], medication_yaml: str
) -> None:
    tree = tmp_path / "tree"
    first = _write(tree / "central/Medication/100101.yaml", medication_yaml)
    variant = {**medication, "scope": {"level": "region", "region": "hovedstaden"}}
    _write(tree / "hovedstaden/Medication/100101.yaml", dump_canonical(variant))
    findings = validate([tree]).sorted_findings()
    assert [(f.file, f.code, f.line, f.column) for f in findings] == [
        ("hovedstaden/Medication/100101.yaml", "SCH003", 2, 5)
    ]
    assert first.relative_to(tree).as_posix() in findings[0].message
    assert findings[0].path == "$.id"


def test_duplicate_identity_in_a_list_is_sch002(tmp_path: Path) -> None:
    order_set = {
        "kind": "OrderSet",
        "id": "304100200",
        "name": "Hjertesvigt",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {
            "groups": [
                {
                    "id": "G1",
                    "name": "Diuretika",
                    "selection": "vælg flere",
                    "lines": [
                        {"id": "L1", "medication": "100101"},
                        {"id": "L2", "medication": "100115"},
                        {"id": "L1", "medication": "100129"},
                    ],
                },
                {"id": "G2", "name": "ACE", "selection": "vælg én", "lines": []},
                {"id": "G2", "name": "ACE igen", "selection": "vælg én", "lines": []},
            ]
        },
    }
    tree = tmp_path / "tree"
    text = dump_canonical(order_set)
    file = _write(tree / "central/OrderSet/304100200.yaml", text)
    lines = text.splitlines()
    second_l1 = [i for i, line in enumerate(lines, 1) if line.strip() == "- id: L1"][1]
    second_g2 = [i for i, line in enumerate(lines, 1) if line.strip() == "- id: G2"][1]
    findings = validate([tree]).sorted_findings()
    shown = file.relative_to(tree).as_posix()
    assert [(f.file, f.code, f.line, f.path) for f in findings] == [
        (shown, "SCH002", second_l1, "$.spec.groups[0].lines[2].id"),
        (shown, "SCH002", second_g2, "$.spec.groups[2].id"),
    ]
    assert "id 'L1' appears twice" in findings[0].message


def test_file_in_the_wrong_place_is_a_warning(
    tmp_path: Path, spguard: Any, medication_yaml: str
) -> None:
    tree = tmp_path / "tree"
    _write(tree / "sjaelland/Medication/100101.yaml", medication_yaml)
    proc = spguard("validate", tree)
    assert proc.returncode == 0
    assert "warning SCH004" in proc.stdout
    assert ".../central/Medication/100101.yaml" in proc.stdout


def test_validate_names_a_missing_path(tmp_path: Path, spguard: Any) -> None:
    # a usage error (exit 2) before anything is read, no longer a LOAD000 finding (exit 1)
    proc = spguard("validate", tmp_path / "nowhere.yaml")
    assert proc.returncode == 2
    missing = (tmp_path / "nowhere.yaml").as_posix()
    assert proc.stderr == f"spguard: error: no such file or folder: {missing}\n"
