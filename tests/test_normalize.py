"""The normal form and the normalize run: idempotent, --check/--diff write nothing, in-place
rewrites, list and key order, clean strings, duplicate and unsafe ids."""

from __future__ import annotations

import copy
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.load.yamlio import dump_canonical, parse_yaml
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, render
from sp_config_guard.normalize.run import NormalizeSettings, run_normalize

CSV_PROFILE = """\
profile: medicin-csv
format: csv
match: ["*.csv"]
csv: {delimiter: ";", decimal: ",", encoding: utf-8, layout: wide}
kind: Medication
fields:
  id: ID
  name: NAVN
  scope.level: {const: central}
  status: {const: active}
  spec.generic_name: STOF
  spec.atc: ATC
  spec.form: FORM
  spec.strength.value: STYRKE
  spec.strength.unit: ENHED
  spec.route: VEJ
  spec.allowed_frequencies: {from: FREKVENSER, split: "|"}
  spec.high_alert: {from: HR, values: {J: true, N: false}}
  spec.double_check: {from: DK, values: {J: true, N: false}}
  spec.tablet_optimisation: {from: TO, values: {J: true, N: false}}
  spec.label_text: ETIKET
meta:
  exported_at: TS
"""

CSV_EXPORT = (
    "\ufeffID;NAVN;STOF;ATC;FORM;STYRKE;ENHED;VEJ;FREKVENSER;HR;DK;TO;ETIKET;TS\r\n"
    "100101;Paracetamol;paracetamol;N02BE01;tablet;500;mg;PO;"
    'hver 8. time|efter behov|hver 6. time;N;N;J;"Højst 4 g  \r\n i døgnet";2026-11-01T03:12\r\n'
    '100115;Morfin;morfin;N02AA01;injektionsvæske;10;mg;IV;;J;J;N;"Langsomt\r\ni.v.";x\r\n'
    "100129;Ibuprofen;ibuprofen;M01AE01;tablet;0,4;g;PO;3 gange dagligt;N;N;J;;y\r\n"
)


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _tree(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _export(tmp_path: Path) -> tuple[Path, Path]:
    exports = tmp_path / "exports"
    _write(exports / "medicin.csv", CSV_EXPORT)
    profile = _write(tmp_path / "profile.yaml", CSV_PROFILE)
    return exports, profile


def _canonical_file(root: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as a (possibly non-canonical) YAML file at its path-scheme place."""
    path = root / "central" / data["kind"] / f"{data['id']}.yaml"
    return _write(path, dump_canonical(data))


# -- idempotence ---------------------------------------------------------------------------


def test_normalising_the_output_again_changes_no_byte(tmp_path: Path) -> None:
    exports, profile = _export(tmp_path)
    out = tmp_path / "out"
    first = run_normalize(NormalizeSettings([exports], out, [profile]))
    assert first.problems == []
    assert len(first.written) == 3
    before = _tree(out)
    stamps = {p: (out / p).stat().st_mtime_ns for p in before}

    again = run_normalize(NormalizeSettings([exports], out, [profile]))
    assert (again.problems, again.written, len(again.unchanged)) == ([], [], 3)

    onto_itself = run_normalize(NormalizeSettings([out], out))
    assert (onto_itself.problems, onto_itself.written) == ([], [])
    assert sorted(onto_itself.unchanged) == sorted((out / p).as_posix() for p in before)
    assert _tree(out) == before
    assert {p: (out / p).stat().st_mtime_ns for p in before} == stamps

    elsewhere = tmp_path / "out2"
    copy_run = run_normalize(NormalizeSettings([out], elsewhere))
    assert copy_run.problems == []
    assert _tree(elsewhere) == before


def test_exported_tree_is_what_the_docs_promise(tmp_path: Path) -> None:
    exports, profile = _export(tmp_path)
    out = tmp_path / "out"
    run_normalize(NormalizeSettings([exports], out, [profile]))
    assert sorted(_tree(out)) == [
        "central/Medication/100101.yaml",
        "central/Medication/100115.yaml",
        "central/Medication/100129.yaml",
    ]
    text = (out / "central/Medication/100101.yaml").read_text(encoding="utf-8")
    # x-ordered false list without identity: sorted by value, naturally
    assert "  allowed_frequencies:\n  - efter behov\n  - hver 6. time\n  - hver 8. time\n" in text
    # CRLF and trailing spaces gone from multi-line text; leading space of a line trimmed only
    # at the ends of the whole value
    assert "  label_text: |-\n    Højst 4 g\n     i døgnet\n" in text
    assert "\r" not in text
    assert (out / "central/Medication/100129.yaml").read_text(encoding="utf-8").count(
        "    value: 0.4\n"
    ) == 1


# -- --check, --diff, in place -------------------------------------------------------------


def test_check_lists_non_canonical_files_exits_1_and_writes_nothing(
    tmp_path: Path, spguard: Any, medication: dict[str, Any], medication_yaml: str
) -> None:
    tree = tmp_path / "tree"
    good = _write(tree / "central/Medication/100101.yaml", medication_yaml)
    messy = copy.deepcopy(medication)
    messy["id"] = "100102"
    messy["name"] = "  Paracetamol  "
    messy = {"spec": messy.pop("spec"), **messy}  # spec first: wrong key order
    bad = _canonical_file(tree, messy)
    crlf = _write(
        tree / "central/Medication/100103.yaml",
        medication_yaml.replace("100101", "100103").replace("\n", "\r\n"),
    )
    before = _tree(tree)

    proc = spguard("normalize", tree, "--check")
    assert proc.returncode == 1
    assert f"would reformat {bad.as_posix()}" in proc.stdout
    assert f"would reformat {crlf.as_posix()}" in proc.stdout
    assert good.as_posix() not in proc.stdout
    assert "2 file(s) to reformat, 1 unchanged" in proc.stdout
    assert _tree(tree) == before


def test_check_exits_0_on_a_canonical_tree(
    tmp_path: Path, spguard: Any, medication_yaml: str
) -> None:
    tree = tmp_path / "tree"
    _write(tree / "central/Medication/100101.yaml", medication_yaml)
    _write(
        tree / "central/Medication/100102.yaml",
        medication_yaml.replace("100101", "100102"),
    )
    proc = spguard("normalize", tree, "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 file(s) to reformat, 2 unchanged, 0 problem(s)" in proc.stdout


def test_check_of_an_export_against_its_tree(tmp_path: Path, spguard: Any) -> None:
    exports, profile = _export(tmp_path)
    out = tmp_path / "out"
    proc = spguard("normalize", exports, "--profile", profile, "--out", out, "--check")
    assert proc.returncode == 1
    assert proc.stdout.count("would reformat") == 3
    assert not out.exists()
    assert spguard("normalize", exports, "--profile", profile, "--out", out).returncode == 0
    proc = spguard("normalize", exports, "--profile", profile, "--out", out, "--check")
    assert proc.returncode == 0, proc.stdout


def test_diff_prints_a_unified_diff_and_writes_nothing(
    tmp_path: Path, spguard: Any, medication: dict[str, Any]
) -> None:
    tree = tmp_path / "tree"
    medication["name"] = "Paracetamol   "
    medication["spec"]["strength"]["value"] = 500.0
    file = _canonical_file(tree, medication)
    before = file.read_bytes()
    proc = spguard("normalize", file, "--diff")
    assert proc.returncode == 1
    assert f"--- a/{file.as_posix()}" in proc.stdout
    assert f"+++ b/{file.as_posix()}" in proc.stdout
    assert "-name: 'Paracetamol   '\n+name: Paracetamol\n" in proc.stdout
    assert "-    value: 500.0\n+    value: 500\n" in proc.stdout
    assert "@@ " in proc.stdout
    assert file.read_bytes() == before


def test_in_place_rewrites_a_non_canonical_file(tmp_path: Path, medication: dict[str, Any]) -> None:
    file = _write(
        tmp_path / "central/Medication/100101.yaml",
        "spec:\n"
        "  tablet_optimisation: true\n  double_check: false\n  high_alert: false\n"
        "  route: PO\n  strength: {unit: mg, value: '500'}\n  form: tablet\n"
        "  atc: N02BE01\n  generic_name: paracetamol\n"
        "status: active\nscope: {level: central}\nname: Paracetamol tablet 500 mg\n"
        "id: 100101\nkind: Medication\nmeta: {}\nusage: {}\n",
    )
    result = run_normalize(NormalizeSettings([file]))
    assert (result.problems, result.written) == ([], [file.as_posix()])
    assert file.read_text(encoding="utf-8") == dump_canonical(medication)
    again = run_normalize(NormalizeSettings([file]))
    assert (again.written, again.unchanged) == ([], [file.as_posix()])


def test_in_place_refuses_exports(tmp_path: Path) -> None:
    exports, profile = _export(tmp_path)
    result = run_normalize(NormalizeSettings([exports], None, [profile]))
    assert [p.code for p in result.problems] == ["NORM003"]
    assert "--out" in result.problems[0].message
    assert sorted(_tree(exports)) == ["medicin.csv"]


def test_a_failed_write_is_reported_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, medication: dict[str, Any]
) -> None:
    medication["name"] = " x "
    file = _canonical_file(tmp_path, medication)
    before = file.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = run_normalize(NormalizeSettings([file]))
    assert [p.code for p in result.problems] == ["NORM004"]
    assert "old file is intact" in result.problems[0].message
    assert file.read_bytes() == before
    assert [p.name for p in file.parent.iterdir()] == [file.name]


# -- normal form ---------------------------------------------------------------------------


def _canon(data: dict[str, Any]) -> dict[str, Any]:
    return canonicalise(data, default_registry().get(data["kind"]))


def test_unordered_identity_lists_sort_naturally_ordered_lists_keep_order() -> None:
    preference = {
        "kind": "PreferenceList",
        "id": "520010",
        "name": "Smerter",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {
            "list_type": "medicin",
            "entries": [{"id": i} for i in ["L10", "L2", "L1", "K3", "L02x"]],
        },
    }
    assert [e["id"] for e in _canon(preference)["spec"]["entries"]] == [
        "K3",
        "L1",
        "L2",
        "L02x",
        "L10",
    ]
    order_set = {
        "kind": "OrderSet",
        "id": "304100200",
        "name": "Hjertesvigt",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {
            "groups": [
                {"id": "G10", "name": "b", "selection": "vælg én", "lines": [{"id": "L9"}]},
                {
                    "id": "G2",
                    "name": "a",
                    "selection": "vælg én",
                    "lines": [{"id": "L10"}, {"id": "L2"}],
                },
            ]
        },
    }
    groups = _canon(order_set)["spec"]["groups"]
    assert [g["id"] for g in groups] == ["G10", "G2"]
    assert [line["id"] for line in groups[1]["lines"]] == ["L10", "L2"]


def test_unordered_scalar_lists_sort_by_value_naturally() -> None:
    rule = {
        "kind": "DecisionRule",
        "id": "910010",
        "name": "Allergi",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {
            "alert_type": "safety",
            "triggers": ["ordre_signeret", "ordre_aabnet"],
            "criteria": [],
            "text": "x",
            "departments": ["1301110", "1301011", "1301041"],
        },
    }
    spec = _canon(rule)["spec"]
    assert spec["triggers"] == ["ordre_aabnet", "ordre_signeret"]
    assert spec["departments"] == ["1301011", "1301041", "1301110"]
    assert "criteria" not in spec  # empty values are dropped


def test_key_order_is_envelope_then_schema_then_alphabetical(medication: dict[str, Any]) -> None:
    medication["meta"] = {"source": "x.csv", "exported_at": "2026-11-01"}
    medication["usage"] = {"last_used": "2026-10-30", "uses_90d": 3}
    medication["owner"] = "Medicinrådet"
    medication["derived_from"] = {"revision": "2026.1", "id": "100100"}
    medication["revision"] = "2026.3"
    medication["scope"] = {"department": "1301011", "hospital": "rigshospitalet", "level": "x"}
    medication["spec"]["zz_extra"] = 1
    medication["spec"]["a10"] = 1
    medication["spec"]["a9"] = 1
    reversed_input = dict(reversed(list(medication.items())))
    reversed_input["spec"] = dict(reversed(list(medication["spec"].items())))
    out = _canon(reversed_input)
    assert list(out) == [
        "kind",
        "id",
        "name",
        "scope",
        "revision",
        "derived_from",
        "status",
        "owner",
        "spec",
        "usage",
        "meta",
    ]
    assert list(out["scope"]) == ["level", "hospital", "department"]
    assert list(out["derived_from"]) == ["id", "revision"]
    assert list(out["usage"]) == ["uses_90d", "last_used"]
    assert list(out["meta"]) == ["exported_at", "source"]
    assert list(out["spec"]) == [
        "generic_name",
        "atc",
        "form",
        "strength",
        "route",
        "high_alert",
        "double_check",
        "tablet_optimisation",
        "a9",
        "a10",
        "zz_extra",
    ]
    assert list(out["spec"]["strength"]) == ["value", "unit"]


def test_strings_are_nfc_trimmed_and_lf(medication: dict[str, Any]) -> None:
    decomposed = unicodedata.normalize("NFD", "Æblesuppe på Sønderborg, café")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    medication["name"] = f"  {decomposed}\t"
    medication["spec"]["label_text"] = "  Linje 1   \r\nLinje 2\t\r\n\r\n  Linje 4\r"
    medication["owner"] = "\u00a0Kardiologisk\u00a0Klinik "
    out = _canon(medication)
    assert out["name"] == "Æblesuppe på Sønderborg, café"
    assert unicodedata.is_normalized("NFC", out["name"])
    assert out["spec"]["label_text"] == "Linje 1\nLinje 2\n\n  Linje 4"
    assert out["owner"] == "Kardiologisk\u00a0Klinik"
    text = render(out)
    assert "  label_text: |-\n    Linje 1\n    Linje 2\n\n      Linje 4\n" in text
    assert parse_yaml(text, "x.yaml") == [out]


def test_scalars_are_typed_by_the_schema(medication: dict[str, Any]) -> None:
    medication["id"] = 100101
    medication["spec"]["strength"]["value"] = "2,5"
    medication["spec"]["high_alert"] = "Ja"
    medication["spec"]["double_check"] = "nej"
    medication["spec"]["atc"] = " N02BE01 "
    out = canonicalise(medication, default_registry().get("Medication"), decimal=",")
    assert out["id"] == "100101"
    assert out["spec"]["strength"]["value"] == 2.5
    assert out["spec"]["high_alert"] is True
    assert out["spec"]["double_check"] is False
    assert out["spec"]["atc"] == "N02BE01"


# -- duplicate and unsafe ids --------------------------------------------------------------


def test_two_records_with_one_identity_is_norm001_and_the_first_is_written(
    tmp_path: Path, medication: dict[str, Any]
) -> None:
    first = dump_canonical(medication)
    second = copy.deepcopy(medication)
    second["name"] = "Paracetamol (kopi)"
    exports = tmp_path / "exports"
    _write(exports / "a.yaml", first + "---\n" + dump_canonical(second))
    out = tmp_path / "out"
    result = run_normalize(NormalizeSettings([exports], out))
    assert [p.code for p in result.problems] == ["NORM001"]
    problem = result.problems[0]
    assert problem.file == (exports / "a.yaml").as_posix()
    assert "record 2" in problem.message and "'100101'" in problem.message
    assert "record 1" in problem.message
    assert _tree(out) == {"central/Medication/100101.yaml": first.encode()}


def test_same_identity_from_two_files_is_norm001(
    tmp_path: Path, medication: dict[str, Any]
) -> None:
    exports = tmp_path / "exports"
    _write(exports / "a.yaml", dump_canonical(medication))
    other = copy.deepcopy(medication)
    other["name"] = "Anden"
    _write(exports / "b.yaml", dump_canonical(other))
    out = tmp_path / "out"
    result = run_normalize(NormalizeSettings([exports], out))
    assert [p.code for p in result.problems] == ["NORM001"]
    assert result.problems[0].file.endswith("b.yaml")
    assert "a.yaml" in result.problems[0].message
    assert (out / "central/Medication/100101.yaml").read_text(encoding="utf-8") == dump_canonical(
        medication
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "../x"),
        ("id", "../../escaped"),
        ("id", "a/b"),
        ("id", ".."),
        ("scope", {"level": "hospital", "region": "sjaelland", "hospital": "../../../etc"}),
        (
            "scope",
            {
                "level": "user",
                "region": "sjaelland",
                "hospital": "h",
                "department": "3800011",
                "user": "../..",
            },
        ),
    ],
)
def test_unsafe_path_parts_are_norm002_and_nothing_escapes(
    tmp_path: Path, medication: dict[str, Any], field: str, value: Any
) -> None:
    medication[field] = value
    exports = tmp_path / "exports"
    _write(exports / "a.yaml", dump_canonical(medication))
    ok = copy.deepcopy(medication)
    ok["id"], ok["scope"] = "100102", {"level": "central"}
    _write(exports / "b.yaml", dump_canonical(ok))
    out = tmp_path / "work" / "out"
    result = run_normalize(NormalizeSettings([exports], out))
    assert [p.code for p in result.problems] == ["NORM002"]
    assert result.problems[0].file.endswith("a.yaml")
    assert "unsafe file name" in result.problems[0].message
    assert sorted(_tree(tmp_path / "work")) == ["out/central/Medication/100102.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "work"]


def test_unknown_kind_in_an_export_is_load008_and_the_rest_goes_on(
    tmp_path: Path, medication: dict[str, Any]
) -> None:
    exports = tmp_path / "exports"
    _write(exports / "a.yaml", dump_canonical({**medication, "kind": "Medicine"}))
    _write(exports / "b.yaml", dump_canonical({**medication, "id": "100102"}))
    out = tmp_path / "out"
    result = run_normalize(NormalizeSettings([exports], out))
    assert [p.code for p in result.problems] == ["LOAD008"]
    assert "'Medicine'" in result.problems[0].message
    assert "Medication" in result.problems[0].message  # the known kinds are listed
    assert sorted(_tree(out)) == ["central/Medication/100102.yaml"]


def test_deep_but_parseable_nesting_is_a_problem_not_a_crash(
    tmp_path: Path, medication: dict[str, Any], medication_yaml: str
) -> None:
    exports = tmp_path / "exports"
    deep = "[" * 900 + "]" * 900
    _write(exports / "a.yaml", medication_yaml + f"meta:\n  note: {deep}\n")
    _write(exports / "b.yaml", medication_yaml.replace("100101", "100102"))
    out = tmp_path / "out"
    try:
        result = run_normalize(NormalizeSettings([exports], out))
    except RecursionError:  # reported below, without a 900-frame traceback (slow to print)
        result = None
    assert result is not None, "normalize crashed with RecursionError on 900 nested lists"
    assert [p.code for p in result.problems] == ["LOAD009"]
    assert result.problems[0].file.endswith("a.yaml")
    assert sorted(_tree(out)) == ["central/Medication/100102.yaml"]


def test_a_run_writes_nothing_but_its_outputs(tmp_path: Path) -> None:
    """Nothing but the planned outputs appears: no temp files, no folders for failed ids."""
    exports, profile = _export(tmp_path)
    out = tmp_path / "out"
    run_normalize(NormalizeSettings([exports], out, [profile]))
    everything = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert everything == [
        "central",
        "central/Medication",
        "central/Medication/100101.yaml",
        "central/Medication/100115.yaml",
        "central/Medication/100129.yaml",
    ]


def test_unordered_list_with_superscript_digits_sorts_without_crashing() -> None:
    rule = {
        "kind": "DecisionRule",
        "id": "910020",
        "name": "Lave trombocytter",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {
            "alert_type": "safety",
            "triggers": ["ordre_signeret"],
            "text": "Trombocytter lave",
            "override_reasons": ["trombocytter < 50x10⁹", "dosis 2 mg/m²", "10³ celler"],
        },
    }
    reasons = _canon(rule)["spec"]["override_reasons"]
    assert sorted(reasons) == sorted(rule["spec"]["override_reasons"])
    assert (
        _canon({**rule, "spec": {**rule["spec"], "override_reasons": reasons[::-1]}})["spec"][
            "override_reasons"
        ]
        == reasons
    )


def test_keys_that_clean_to_the_same_key_are_refused_not_merged(
    tmp_path: Path, medication_yaml: str
) -> None:
    exports = tmp_path / "exports"
    text = medication_yaml + 'meta:\n  note: a\n  " note": b\n'
    _write(exports / "a.yaml", text)
    out = tmp_path / "out"
    result = run_normalize(NormalizeSettings([exports], out))
    assert len(result.problems) == 1, "'note' and ' note' became one key; a value was lost"
    assert result.problems[0].file.endswith("a.yaml")
    assert "note" in result.problems[0].message
    assert _tree(out) == {}


def test_key_with_surrounding_whitespace_is_ordered_by_its_clean_name(
    tmp_path: Path, medication: dict[str, Any]
) -> None:
    medication["meta"] = {"_batch": "7", " navn": "x"}
    canonical = _canon(medication)
    assert list(canonical["meta"]) == ["_batch", "navn"]
    assert _canon(canonical) == canonical
    exports = tmp_path / "exports"
    _write(exports / "a.yaml", dump_canonical(medication))
    out = tmp_path / "out"
    assert run_normalize(NormalizeSettings([exports], out)).written
    again = run_normalize(NormalizeSettings([out], out))
    assert (again.problems, again.written) == ([], [])
