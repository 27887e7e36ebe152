"""Every export format through its mapping profile to the canonical tree, and every way an
export can be bad: the run names file, line and value, and the rest of the run goes on."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.errors import Problem
from sp_config_guard.normalize.run import NormalizeResult, NormalizeSettings, run_normalize


def _normalize(
    tmp_path: Path,
    exports: dict[str, str | bytes],
    profiles: dict[str, str] | None = None,
    encoding: str | None = None,
) -> tuple[NormalizeResult, Path]:
    """Write ``exports`` (relative path -> content) and ``profiles`` and run normalize."""
    export_dir = tmp_path / "exports"
    for relative, content in exports.items():
        file = export_dir / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            file.write_bytes(content.encode("utf-8"))
        else:
            file.write_bytes(content)
    profile_dir = tmp_path / "profiles"
    profile_dir.mkdir(exist_ok=True)
    for name, text in (profiles or {}).items():
        (profile_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    out = tmp_path / "out"
    settings = NormalizeSettings(
        inputs=[export_dir],
        out=out,
        profiles=[profile_dir] if profiles else [],
        encoding=encoding,
    )
    return run_normalize(settings), out


def _tree(out: Path) -> dict[str, str]:
    """Every file written under ``out`` (relative path -> text)."""
    if not out.exists():
        return {}
    return {
        p.relative_to(out).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def _only_problem(result: NormalizeResult) -> Problem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# -- JSON ----------------------------------------------------------------------------------

JSON_PROFILE = """\
profile: rh-medicin-json
format: json
match: ["hovedstaden/medicin*.json"]
records: eksport.medicin
kind: Medication
fields:
  id: ErxId
  name: Navn
  scope.level: {const: region}
  scope.region: {const: hovedstaden}
  status: {from: Status, values: {Aktiv: active, Kladde: draft}}
  spec.generic_name: Stof
  spec.atc: Atc
  spec.form: Form
  spec.strength.value: Styrke.Vaerdi
  spec.strength.unit: Styrke.Enhed
  spec.route: Vej
  spec.allowed_frequencies: Frekvenser
  spec.high_alert: HighAlert
  spec.double_check: {from: Dobbeltkontrol, values: {J: true, N: false}}
  spec.tablet_optimisation: {from: Tabletoptimering, values: {J: true, N: false}}
meta:
  exported_at: Eksporteret
  export_user: Bruger
"""

JSON_EXPORT = """\
{"eksport": {"medicin": [
  {"Navn": "Methotrexat tablet 2,5 mg ", "ErxId": 180032, "Status": "Aktiv",
   "Stof": "methotrexat", "Atc": "L04AX03", "Form": "tablet",
   "Styrke": {"Vaerdi": 2.5, "Enhed": "mg"}, "Vej": "PO",
   "Frekvenser": ["1 gang ugentligt", "engangsdosis"],
   "HighAlert": true, "Dobbeltkontrol": "J", "Tabletoptimering": "N",
   "Eksporteret": "2026-11-01T03:12:00+01:00", "Bruger": "", "Kommentar": null}
]}}
"""

JSON_CANONICAL = """\
kind: Medication
id: "180032"
name: Methotrexat tablet 2,5 mg
scope:
  level: region
  region: hovedstaden
status: active
spec:
  generic_name: methotrexat
  atc: L04AX03
  form: tablet
  strength:
    value: 2.5
    unit: mg
  route: PO
  allowed_frequencies:
  - 1 gang ugentligt
  - engangsdosis
  high_alert: true
  double_check: true
  tablet_optimisation: false
meta:
  exported_at: "2026-11-01T03:12:00+01:00"
  source: hovedstaden/medicin.json
"""


def test_json_export_through_a_profile(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path, {"hovedstaden/medicin.json": JSON_EXPORT}, {"p.yaml": JSON_PROFILE}
    )
    assert result.problems == []
    assert _tree(out) == {"hovedstaden/Medication/180032.yaml": JSON_CANONICAL}
    assert result.written == [(out / "hovedstaden/Medication/180032.yaml").as_posix()]


def test_unmapped_value_fails_naming_field_and_value_and_the_rest_is_written(
    tmp_path: Path,
) -> None:
    with_bad_second_record = JSON_EXPORT.replace(
        "]}}",
        ', {"ErxId": "180033", "Navn": "Warfarin", "Status": "Aktiv", "Stof": "warfarin",'
        ' "Atc": "B01AA03", "Form": "tablet", "Styrke": {"Vaerdi": 2.5, "Enhed": "mg"},'
        ' "Vej": "PO", "HighAlert": true, "Dobbeltkontrol": "J", "Tabletoptimering": "N",'
        ' "Bemaerkning": "INR-styret"}]}}',
    )
    other_file = JSON_EXPORT.replace("180032", "180040")
    result, out = _normalize(
        tmp_path,
        {
            "hovedstaden/medicin.json": with_bad_second_record,
            "hovedstaden/medicin_2.json": other_file,
        },
        {"p.yaml": JSON_PROFILE},
    )
    problem = _only_problem(result)
    assert problem.code == "IMP005"
    assert problem.file.endswith("exports/hovedstaden/medicin.json")
    assert "record 2" in problem.message
    assert "Bemaerkning='INR-styret'" in problem.message
    assert "rh-medicin-json" in problem.message
    # the bad record is not written; the good record of the same file and the other file are
    assert sorted(_tree(out)) == [
        "hovedstaden/Medication/180032.yaml",
        "hovedstaden/Medication/180040.yaml",
    ]


def test_unmapped_nested_value_is_named_by_its_path(tmp_path: Path) -> None:
    export = JSON_EXPORT.replace('"Enhed": "mg"}', '"Enhed": "mg", "Per": "tablet"}')
    result, out = _normalize(
        tmp_path, {"hovedstaden/medicin.json": export}, {"p.yaml": JSON_PROFILE}
    )
    problem = _only_problem(result)
    assert problem.code == "IMP005"
    assert "Styrke.Per='tablet'" in problem.message
    assert _tree(out) == {}


def test_value_missing_from_a_values_map_is_imp003(tmp_path: Path) -> None:
    export = JSON_EXPORT.replace('"Dobbeltkontrol": "J"', '"Dobbeltkontrol": "Ja"')
    result, out = _normalize(
        tmp_path, {"hovedstaden/medicin.json": export}, {"p.yaml": JSON_PROFILE}
    )
    problem = _only_problem(result)
    assert problem.code == "IMP003"
    assert "'Ja'" in problem.message and "'Dobbeltkontrol'" in problem.message
    assert "add it to the profile" in problem.message
    assert _tree(out) == {}


def test_malformed_json_is_load001_with_line_and_column(tmp_path: Path) -> None:
    broken = '{"eksport": {"medicin": [\n  {"ErxId": 1,\n   "Navn": "x"\n  ,]}}\n'
    result, out = _normalize(
        tmp_path,
        {"hovedstaden/medicin.json": broken, "hovedstaden/medicin_ok.json": JSON_EXPORT},
        {"p.yaml": JSON_PROFILE},
    )
    problem = _only_problem(result)
    assert (problem.code, problem.line, problem.column) == ("LOAD001", 4, 4)
    assert problem.file.endswith("hovedstaden/medicin.json")
    assert "malformed JSON" in problem.message
    assert sorted(_tree(out)) == ["hovedstaden/Medication/180032.yaml"]


def test_duplicate_json_key_is_load002_never_last_one_wins(tmp_path: Path) -> None:
    export = JSON_EXPORT.replace('"Vej": "PO"', '"Vej": "PO", "Vej": "IV"')
    result, out = _normalize(
        tmp_path, {"hovedstaden/medicin.json": export}, {"p.yaml": JSON_PROFILE}
    )
    problem = _only_problem(result)
    assert problem.code == "LOAD002"
    assert "'Vej'" in problem.message
    assert _tree(out) == {}


def test_wrong_records_path_is_imp001(tmp_path: Path) -> None:
    profile = JSON_PROFILE.replace("records: eksport.medicin", "records: eksport.medikamenter")
    result, _ = _normalize(tmp_path, {"hovedstaden/medicin.json": JSON_EXPORT}, {"p.yaml": profile})
    problem = _only_problem(result)
    assert problem.code == "IMP001"
    assert "medikamenter" in problem.message


# -- XML -----------------------------------------------------------------------------------

XML_PROFILE = """\
profile: ordresaet-xml
format: xml
match: ["central/*.xml"]
records: Eksport.Ordresaet
kind: OrderSet
fields:
  id: "@Id"
  name: Navn
  scope.level: {const: central}
  revision: "@Revision"
  status: {from: "@Status", values: {Aktiv: active}}
  spec.indication: Indikation
  spec.groups:
    from: Grupper.Gruppe
    fields:
      id: "@Id"
      name: Navn
      selection: "@Valg"
      lines:
        from: Linjer.Linje
        fields:
          id: "@Id"
          medication: "@Lm"
          dose.value: Dosis.#text
          dose.unit: Dosis.@Enhed
          default_selected: {from: "@Forvalgt", values: {J: true, N: false}}
meta:
  exported_at: "@Eksporteret"
"""

XML_EXPORT = """\
<?xml version="1.0" encoding="UTF-8"?>
<Eksport>
  <Ordresaet Id="304100200" Status="Aktiv" Revision="2026.3" Eksporteret="2026-11-01T03:12:00+01:00">
    <Navn>Hjertesvigt - ambulant opstart</Navn>
    <Indikation>Nyopdaget   hjertesvigt </Indikation>
    <Grupper>
      <Gruppe Id="G1" Valg="vælg flere">
        <Navn>Diuretika</Navn>
        <Linjer>
          <Linje Id="L1" Lm="100101" Forvalgt="J"><Dosis Enhed="mg">40</Dosis></Linje>
          <Linje Id="L2" Lm="100115" Forvalgt="N"><Dosis Enhed="mg">2.5</Dosis></Linje>
        </Linjer>
      </Gruppe>
      <Gruppe Id="G2" Valg="vælg én">
        <Navn>ACE-hæmmer</Navn>
        <Linjer>
          <Linje Id="L3" Lm="100129" Forvalgt="N"/>
        </Linjer>
      </Gruppe>
    </Grupper>
  </Ordresaet>
</Eksport>
"""

XML_CANONICAL = """\
kind: OrderSet
id: "304100200"
name: Hjertesvigt - ambulant opstart
scope:
  level: central
revision: "2026.3"
status: active
spec:
  indication: Nyopdaget   hjertesvigt
  groups:
  - id: G1
    name: Diuretika
    selection: vælg flere
    lines:
    - id: L1
      medication: "100101"
      dose:
        value: 40
        unit: mg
      default_selected: true
    - id: L2
      medication: "100115"
      dose:
        value: 2.5
        unit: mg
      default_selected: false
  - id: G2
    name: ACE-hæmmer
    selection: vælg én
    lines:
    - id: L3
      medication: "100129"
      default_selected: false
meta:
  exported_at: "2026-11-01T03:12:00+01:00"
  source: central/ordresaet.xml
"""


def test_xml_export_attributes_repeated_and_single_children(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path, {"central/ordresaet.xml": XML_EXPORT}, {"p.yaml": XML_PROFILE}
    )
    assert result.problems == []
    assert _tree(out) == {"central/OrderSet/304100200.yaml": XML_CANONICAL}


def test_malformed_xml_is_load001_with_line(tmp_path: Path) -> None:
    broken = XML_EXPORT.replace("</Indikation>", "</Indikatio>")
    result, out = _normalize(tmp_path, {"central/ordresaet.xml": broken}, {"p.yaml": XML_PROFILE})
    problem = _only_problem(result)
    assert (problem.code, problem.line) == ("LOAD001", 5)
    assert problem.column is not None
    assert "malformed XML" in problem.message
    assert _tree(out) == {}


BILLION_LAUGHS = """\
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Eksport><Ordresaet Id="1"><Navn>&lol9;</Navn></Ordresaet></Eksport>
"""


@pytest.mark.parametrize(
    "evil",
    [
        BILLION_LAUGHS,
        '<?xml version="1.0"?>\n<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<Eksport><Ordresaet Id="1"><Navn>&x;</Navn></Ordresaet></Eksport>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE Eksport>\n<Eksport/>\n',
    ],
    ids=["billion-laughs", "external-entity", "plain-doctype"],
)
def test_xml_with_a_doctype_or_entities_is_refused(tmp_path: Path, evil: str) -> None:
    result, out = _normalize(
        tmp_path,
        {"central/ordresaet.xml": evil, "central/ordresaet_ok.xml": XML_EXPORT},
        {"p.yaml": XML_PROFILE},
    )
    problem = _only_problem(result)
    assert problem.code == "LOAD003"
    assert problem.file.endswith("central/ordresaet.xml")
    assert "DOCTYPE" in problem.message
    assert sorted(_tree(out)) == ["central/OrderSet/304100200.yaml"]


# -- YAML ----------------------------------------------------------------------------------

YAML_PROFILE = """\
profile: praeferencelister-yaml
format: yaml
match: ["**/praeferencelister.yaml"]
records: eksport.lister
kind: PreferenceList
fields:
  id: ListeId
  name: Navn
  scope.level: {const: department}
  scope.region: Region
  scope.hospital: Hospital
  scope.department: Afdeling
  status: {const: active}
  spec.list_type: Type
  spec.specialty: Speciale
  spec.entries:
    from: Poster
    fields:
      id: PostId
      medication: Lm
      default_dose.value: Dosis
      default_dose.unit: Enhed
meta:
  exported_at: Eksporteret
"""

YAML_EXPORT = """\
eksport:
  lister:
  - ListeId: 521005
    Navn: Smertebehandling, voksne
    Region: hovedstaden
    Hospital: rigshospitalet
    Afdeling: 1301041
    Type: medicin
    Speciale: "  Anæstesiologi  "
    Eksporteret: 2026-11-01T03:12:00+01:00
    Poster:
    - {PostId: P10, Lm: "100146"}
    - {PostId: P2, Lm: "100101", Dosis: 1, Enhed: g}
    - {PostId: P1, Lm: 0800}
"""

YAML_CANONICAL = """\
kind: PreferenceList
id: "521005"
name: Smertebehandling, voksne
scope:
  level: department
  region: hovedstaden
  hospital: rigshospitalet
  department: "1301041"
status: active
spec:
  list_type: medicin
  specialty: Anæstesiologi
  entries:
  - id: P1
    medication: "0800"
  - id: P2
    medication: "100101"
    default_dose:
      value: 1
      unit: g
  - id: P10
    medication: "100146"
meta:
  exported_at: "2026-11-01T03:12:00+01:00"
  source: rh/praeferencelister.yaml
"""


def test_yaml_export_through_a_profile(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path, {"rh/praeferencelister.yaml": YAML_EXPORT}, {"p.yaml": YAML_PROFILE}
    )
    assert result.problems == []
    assert _tree(out) == {
        "hovedstaden/rigshospitalet/1301041/PreferenceList/521005.yaml": YAML_CANONICAL
    }


def test_yaml_export_is_read_with_the_strict_loader(tmp_path: Path) -> None:
    broken = YAML_EXPORT.replace("    Type: medicin\n", "    Type: medicin\n    Navn: igen\n")
    result, out = _normalize(
        tmp_path, {"rh/praeferencelister.yaml": broken}, {"p.yaml": YAML_PROFILE}
    )
    problem = _only_problem(result)
    assert (problem.code, problem.line, problem.column) == ("LOAD002", 9, 5)
    assert _tree(out) == {}


ENVELOPE_EXPORT = """\
# personal build, already in envelope shape
spec:
  list_type: medicin
  entries:
  - id: E2
    medication: "100101"
  - id: E10
    medication: "100115"
  - id: E1
    medication: "100129"
kind: PreferenceList
status: draft
id: 529118
name: "  Mine favoritter  "
scope: {user: suhkar07, department: "3800011", level: user, region: sjaelland, hospital: sjaellands-universitetshospital}
---
kind: Medication
id: "180035"
name: Morfin injektionsvæske 10 mg/ml
scope: {level: region, region: sjaelland}
status: active
spec:
  tablet_optimisation: "nej"
  double_check: "ja"
  high_alert: "true"
  route: IV
  strength: {unit: mg/ml, value: "10"}
  form: injektionsvæske
  atc: N02AA01
  generic_name: morfin
  label_text: "Gives langsomt i.v.  \\r\\nObservér respiration\\r\\n"
"""


def test_yaml_in_envelope_shape_needs_no_profile(tmp_path: Path) -> None:
    result, out = _normalize(tmp_path, {"sjaelland/personlig_build.yaml": ENVELOPE_EXPORT})
    assert result.problems == []
    assert _tree(out) == {
        "sjaelland/Medication/180035.yaml": """\
kind: Medication
id: "180035"
name: Morfin injektionsvæske 10 mg/ml
scope:
  level: region
  region: sjaelland
status: active
spec:
  generic_name: morfin
  atc: N02AA01
  form: injektionsvæske
  strength:
    value: 10
    unit: mg/ml
  route: IV
  high_alert: true
  double_check: true
  tablet_optimisation: false
  label_text: |-
    Gives langsomt i.v.
    Observér respiration
""",
        "sjaelland/sjaellands-universitetshospital/3800011/users/suhkar07/PreferenceList/"
        "529118.yaml": """\
kind: PreferenceList
id: "529118"
name: Mine favoritter
scope:
  level: user
  region: sjaelland
  hospital: sjaellands-universitetshospital
  department: "3800011"
  user: suhkar07
status: draft
spec:
  list_type: medicin
  entries:
  - id: E1
    medication: "100129"
  - id: E2
    medication: "100101"
  - id: E10
    medication: "100115"
""",
    }


def test_envelope_yaml_record_without_kind_and_no_profile_is_map003(tmp_path: Path) -> None:
    result, out = _normalize(tmp_path, {"sjaelland/x.yaml": "id: '1'\nname: uden kind\n"})
    problem = _only_problem(result)
    assert problem.code == "MAP003"
    assert "--profile" in problem.message
    assert _tree(out) == {}


# -- CSV -----------------------------------------------------------------------------------

CSV_PROFILE = """\
profile: rh-medicin-csv
format: csv
match: ["hovedstaden/ERX_*.csv"]
csv: {delimiter: ";", decimal: ",", encoding: utf-8, layout: wide}
kind: Medication
fields:
  id: ERX_ID
  name: NAVN
  scope.level: {const: region}
  scope.region: REGION
  status: {const: active}
  spec.generic_name: STOF
  spec.atc: ATC
  spec.form: FORM
  spec.strength.value: STYRKE
  spec.strength.unit: ENHED
  spec.route: VEJ
  spec.default_dose.value: DOSIS
  spec.default_dose.unit: ENHED
  spec.allowed_frequencies: {from: FREKVENSER, split: "|"}
  spec.high_alert: {from: HOEJRISIKO, values: {J: true, N: false}}
  spec.double_check: {from: DOBBELTKONTROL, values: {J: true, N: false}}
  spec.tablet_optimisation: {from: TABLETOPT, values: {J: true, N: false}}
  spec.label_text: ETIKET
meta:
  exported_at: EKSPORT_TS
"""

CSV_HEADER = (
    "ERX_ID;NAVN;REGION;STOF;ATC;FORM;STYRKE;ENHED;VEJ;DOSIS;FREKVENSER;HOEJRISIKO;"
    "DOBBELTKONTROL;TABLETOPT;ETIKET;EKSPORT_TS"
)
CSV_ROWS = [
    "180032;Methotrexat 2,5 mg;hovedstaden;methotrexat;L04AX03;tablet;2,5;mg;PO;7,5;"
    "1 gang ugentligt|engangsdosis;J;J;N;Kun én gang ugentligt ;2026-11-01T03:12:00+01:00",
    '0800;"Insulin; hurtigtvirkende";hovedstaden;insulin aspart;A10AB05;injektionsvæske;'
    '100;IE/ml;SC;;;J;J;N;"Doseres efter\r\nblodsukker";2026-11-01T03:12:00+01:00',
]


def _danish_csv(rows: list[str]) -> bytes:
    return b"\xef\xbb\xbf" + "\r\n".join([CSV_HEADER, *rows, ""]).encode("utf-8")


def test_wide_danish_csv(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path, {"hovedstaden/ERX_medicin.csv": _danish_csv(CSV_ROWS)}, {"p.yaml": CSV_PROFILE}
    )
    assert result.problems == []
    assert _tree(out) == {
        "hovedstaden/Medication/180032.yaml": """\
kind: Medication
id: "180032"
name: Methotrexat 2,5 mg
scope:
  level: region
  region: hovedstaden
status: active
spec:
  generic_name: methotrexat
  atc: L04AX03
  form: tablet
  strength:
    value: 2.5
    unit: mg
  route: PO
  default_dose:
    value: 7.5
    unit: mg
  allowed_frequencies:
  - 1 gang ugentligt
  - engangsdosis
  high_alert: true
  double_check: true
  tablet_optimisation: false
  label_text: Kun én gang ugentligt
meta:
  exported_at: "2026-11-01T03:12:00+01:00"
  source: hovedstaden/ERX_medicin.csv
""",
        "hovedstaden/Medication/0800.yaml": """\
kind: Medication
id: "0800"
name: Insulin; hurtigtvirkende
scope:
  level: region
  region: hovedstaden
status: active
spec:
  generic_name: insulin aspart
  atc: A10AB05
  form: injektionsvæske
  strength:
    value: 100
    unit: IE/ml
  route: SC
  default_dose:
    unit: IE/ml
  high_alert: true
  double_check: true
  tablet_optimisation: false
  label_text: |-
    Doseres efter
    blodsukker
meta:
  exported_at: "2026-11-01T03:12:00+01:00"
  source: hovedstaden/ERX_medicin.csv
""",
    }


def test_ragged_csv_row_is_load001_with_its_line(tmp_path: Path) -> None:
    rows = [CSV_ROWS[0], "180033;Warfarin;hovedstaden;warfarin;B01AA03"]
    result, out = _normalize(
        tmp_path,
        {"hovedstaden/ERX_medicin.csv": _danish_csv(rows)},
        {"p.yaml": CSV_PROFILE},
    )
    problem = _only_problem(result)
    assert (problem.code, problem.line) == ("LOAD001", 3)
    assert "5 fields" in problem.message and "16" in problem.message
    assert "';'" in problem.message
    # nothing of a half-read file is written
    assert _tree(out) == {}


def test_ragged_row_after_a_multi_line_cell_names_its_own_line(tmp_path: Path) -> None:
    rows = [*CSV_ROWS, "180033;Warfarin"]  # the second row spans lines 3-4
    result, _ = _normalize(
        tmp_path,
        {"hovedstaden/ERX_medicin.csv": _danish_csv(rows)},
        {"p.yaml": CSV_PROFILE},
    )
    problem = _only_problem(result)
    assert (problem.code, problem.line) == ("LOAD001", 5)


def test_unmapped_csv_column_is_imp005_naming_column_value_and_row(tmp_path: Path) -> None:
    data = (
        "\r\n".join([CSV_HEADER + ";NOTE", CSV_ROWS[0] + ";", CSV_ROWS[1] + ";ring til apoteket"])
        + "\r\n"
    ).encode()
    result, out = _normalize(
        tmp_path, {"hovedstaden/ERX_medicin.csv": data}, {"p.yaml": CSV_PROFILE}
    )
    problem = _only_problem(result)
    assert (problem.code, problem.line) == ("IMP005", 3)
    assert "NOTE='ring til apoteket'" in problem.message
    assert "row at line 3" in problem.message
    assert sorted(_tree(out)) == ["hovedstaden/Medication/180032.yaml"]


def test_csv_value_outside_values_map_is_imp003_with_its_line(tmp_path: Path) -> None:
    rows = [CSV_ROWS[0].replace(";J;J;N;", ";Ja;J;N;")]
    result, _ = _normalize(
        tmp_path, {"hovedstaden/ERX_medicin.csv": _danish_csv(rows)}, {"p.yaml": CSV_PROFILE}
    )
    problem = _only_problem(result)
    assert (problem.code, problem.line) == ("IMP003", 2)
    assert "'Ja'" in problem.message and "HOEJRISIKO" in problem.message


DEPARTMENT_PROFILE = """\
profile: rsj-afdelinger-csv
format: csv
match: ["sjaelland/afdelinger*.csv"]
csv: {delimiter: ";", decimal: ",", encoding: cp1252, layout: wide}
kind: Department
fields:
  id: AFD_ID
  name: AFDELINGSNAVN
  scope.level: {const: hospital}
  scope.region: {const: sjaelland}
  scope.hospital:
    from: SYGEHUS
    values: {Holbæk Sygehus: holbaek-sygehus, Nykøbing F. Sygehus: nykoebing-f-sygehus}
  status: {const: active}
  spec.sor_code: SOR
  spec.shak_code: SHAK
  spec.hospital:
    from: SYGEHUS
    values: {Holbæk Sygehus: holbaek-sygehus, Nykøbing F. Sygehus: nykoebing-f-sygehus}
  spec.specialty: SPECIALE
  spec.unit_type: {from: TYPE, values: {Sengeafsnit: sengeafsnit, Ambulatorium: ambulatorium}}
"""

DEPARTMENT_CSV = (
    "AFD_ID;AFDELINGSNAVN;SYGEHUS;SOR;SHAK;SPECIALE;TYPE\r\n"
    "20100297;Medicinsk afdeling, Holbæk;Holbæk Sygehus;123456789012;3750011;"
    "intern medicin;Sengeafsnit\r\n"
    "20100323;Børneambulatorium Ærø-fløjen;Nykøbing F. Sygehus;234567890123;3970011;"
    "pædiatri;Ambulatorium\r\n"
).encode("cp1252")

DEPARTMENT_CANONICAL = """\
kind: Department
id: "20100297"
name: Medicinsk afdeling, Holbæk
scope:
  level: hospital
  region: sjaelland
  hospital: holbaek-sygehus
status: active
spec:
  sor_code: "123456789012"
  shak_code: "3750011"
  hospital: holbaek-sygehus
  specialty: intern medicin
  unit_type: sengeafsnit
"""


def test_cp1252_csv_read_with_the_profile_encoding(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path, {"sjaelland/afdelinger.csv": DEPARTMENT_CSV}, {"p.yaml": DEPARTMENT_PROFILE}
    )
    assert result.problems == []
    tree = _tree(out)
    assert sorted(tree) == [
        "sjaelland/holbaek-sygehus/Department/20100297.yaml",
        "sjaelland/nykoebing-f-sygehus/Department/20100323.yaml",
    ]
    assert tree["sjaelland/holbaek-sygehus/Department/20100297.yaml"] == (
        DEPARTMENT_CANONICAL + "meta:\n  source: sjaelland/afdelinger.csv\n"
    )
    assert (
        "name: Børneambulatorium Ærø-fløjen\n"
        in tree["sjaelland/nykoebing-f-sygehus/Department/20100323.yaml"]
    )


def test_cp1252_csv_read_with_the_encoding_override(tmp_path: Path) -> None:
    profile = DEPARTMENT_PROFILE.replace("encoding: cp1252", "encoding: utf-8")
    result, out = _normalize(
        tmp_path,
        {"sjaelland/afdelinger.csv": DEPARTMENT_CSV},
        {"p.yaml": profile},
        encoding="cp1252",
    )
    assert result.problems == []
    assert _tree(out)["sjaelland/holbaek-sygehus/Department/20100297.yaml"] == (
        DEPARTMENT_CANONICAL + "meta:\n  source: sjaelland/afdelinger.csv\n"
    )


def test_cp1252_csv_read_as_utf8_is_load006_with_a_hint(tmp_path: Path) -> None:
    profile = DEPARTMENT_PROFILE.replace("encoding: cp1252", "encoding: utf-8")
    result, out = _normalize(
        tmp_path, {"sjaelland/afdelinger.csv": DEPARTMENT_CSV}, {"p.yaml": profile}
    )
    problem = _only_problem(result)
    # "20100297;Medicinsk afdeling, Holb" is 33 characters; the 'æ' is the 34th
    assert (problem.code, problem.line, problem.column) == ("LOAD006", 2, 34)
    assert "0xE6" in problem.message
    assert "--encoding cp1252" in problem.message
    assert _tree(out) == {}


ITEMS_PROFILE = """\
profile: ordresaet-items-csv
format: csv
match: ["central/ordresaet*.csv"]
csv: {delimiter: ";", decimal: ",", encoding: utf-8, layout: items}
key: ORDRESAET_ID
kind: OrderSet
fields:
  id: ORDRESAET_ID
  name: ORDRESAET_NAVN
  scope.level: {const: central}
  status: {const: active}
  spec.groups:
    group_by: GRUPPE_ID
    fields:
      id: GRUPPE_ID
      name: GRUPPE_NAVN
      selection: VALG
      lines:
        group_by: LINJE_ID
        fields:
          id: LINJE_ID
          medication: LM_ID
          dose.value: DOSIS
          dose.unit: ENHED
          default_selected: {from: FORVALGT, values: {J: true, N: false}}
meta:
  exported_at: EKSPORT_TS
"""

ITEMS_CSV = (
    "\ufeffORDRESAET_ID;ORDRESAET_NAVN;GRUPPE_ID;GRUPPE_NAVN;VALG;LINJE_ID;LM_ID;DOSIS;ENHED;"
    "FORVALGT;EKSPORT_TS\r\n"
    "304100210;Pneumoni;G1;Antibiotika;vælg én;L1;100202;1,2;g;J;2026-11-01T03:12:00+01:00\r\n"
    "304100200;Hjertesvigt;G1;Diuretika;vælg flere;L1;100101;40;mg;J;2026-11-01T03:12:00+01:00\r\n"
    "304100210;Pneumoni;G1;Antibiotika;vælg én;L2;100216;500;mg;N;2026-11-01T03:12:00+01:00\r\n"
    "304100210;Pneumoni;G2;Smerter;vælg flere;L3;100101;1;g;N;2026-11-01T03:12:00+01:00\r\n"
)

ITEMS_CANONICAL = """\
kind: OrderSet
id: "304100210"
name: Pneumoni
scope:
  level: central
status: active
spec:
  groups:
  - id: G1
    name: Antibiotika
    selection: vælg én
    lines:
    - id: L1
      medication: "100202"
      dose:
        value: 1.2
        unit: g
      default_selected: true
    - id: L2
      medication: "100216"
      dose:
        value: 500
        unit: mg
      default_selected: false
  - id: G2
    name: Smerter
    selection: vælg flere
    lines:
    - id: L3
      medication: "100101"
      dose:
        value: 1
        unit: g
      default_selected: false
meta:
  exported_at: "2026-11-01T03:12:00+01:00"
  source: central/ordresaet.csv
"""


def test_item_level_csv_groups_rows_into_nested_lists(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path, {"central/ordresaet.csv": ITEMS_CSV}, {"p.yaml": ITEMS_PROFILE}
    )
    assert result.problems == []
    tree = _tree(out)
    assert sorted(tree) == ["central/OrderSet/304100200.yaml", "central/OrderSet/304100210.yaml"]
    assert tree["central/OrderSet/304100210.yaml"] == ITEMS_CANONICAL


def test_item_level_csv_column_that_differs_within_a_record_is_imp004(tmp_path: Path) -> None:
    bad = ITEMS_CSV.replace("304100210;Pneumoni;G2", "304100210;Lungebetændelse;G2")
    result, out = _normalize(tmp_path, {"central/ordresaet.csv": bad}, {"p.yaml": ITEMS_PROFILE})
    problem = _only_problem(result)
    assert problem.code == "IMP004"
    assert "ORDRESAET_NAVN" in problem.message and "'Lungebetændelse'" in problem.message
    assert problem.line == 2  # the record's first row
    assert sorted(_tree(out)) == ["central/OrderSet/304100200.yaml"]


# -- profiles ------------------------------------------------------------------------------


def test_export_no_profile_matches_is_map003(tmp_path: Path) -> None:
    result, out = _normalize(
        tmp_path,
        {
            "hovedstaden/ERX_medicin.csv": _danish_csv(CSV_ROWS),
            "andet/ukendt.csv": b"A;B\r\n1;2\r\n",
        },
        {"p.yaml": CSV_PROFILE},
    )
    problem = _only_problem(result)
    assert problem.code == "MAP003"
    assert problem.file.endswith("exports/andet/ukendt.csv")
    assert "--profile" in problem.message
    assert sorted(_tree(out)) == [
        "hovedstaden/Medication/0800.yaml",
        "hovedstaden/Medication/180032.yaml",
    ]


def test_invalid_profile_is_map001_naming_file_and_line(tmp_path: Path) -> None:
    bad = CSV_PROFILE.replace("kind: Medication\n", "kind: Medication\nrecord: eksport\n")
    result, out = _normalize(
        tmp_path, {"hovedstaden/ERX_medicin.csv": _danish_csv(CSV_ROWS)}, {"p.yaml": bad}
    )
    problems = {p.code: p for p in result.problems}
    assert "MAP001" in problems
    problem = problems["MAP001"]
    assert problem.file.endswith("profiles/p.yaml")
    assert problem.line == 6
    assert "'record'" in problem.message
    # without its profile the export cannot be read, and says so
    assert "MAP003" in problems
    assert _tree(out) == {}


def test_invalid_nested_profile_field_names_its_line(tmp_path: Path) -> None:
    bad = CSV_PROFILE.replace(
        "spec.high_alert: {from: HOEJRISIKO, values: {J: true, N: false}}",
        "spec.high_alert: {from: HOEJRISIKO, value: {J: true, N: false}}",
    )
    result, _ = _normalize(
        tmp_path, {"hovedstaden/ERX_medicin.csv": _danish_csv(CSV_ROWS)}, {"p.yaml": bad}
    )
    problem = next(p for p in result.problems if p.code == "MAP001")
    assert problem.file.endswith("profiles/p.yaml")
    assert problem.line == 21
    assert "high_alert" in problem.message
    # names the unknown key, not just "... is not valid under any of the given schemas"
    assert "not valid under any of the given schemas" not in problem.message, problem.message
    assert "'value'" in problem.message


def test_profile_with_an_unknown_format_names_the_format_line_and_choices(tmp_path: Path) -> None:
    bad = CSV_PROFILE.replace("format: csv", "format: xlsx")
    result, _ = _normalize(
        tmp_path, {"hovedstaden/ERX_medicin.csv": _danish_csv(CSV_ROWS)}, {"p.yaml": bad}
    )
    problem = next(p for p in result.problems if p.code == "MAP001")
    assert (problem.line, problem.column) == (2, 9)
    assert "'xlsx'" in problem.message and "'csv'" in problem.message
    assert len(problem.message) < 300, problem.message


def test_two_profiles_matching_one_export_is_map002(tmp_path: Path) -> None:
    second = CSV_PROFILE.replace("profile: rh-medicin-csv", "profile: rh-medicin-csv-2")
    result, out = _normalize(
        tmp_path,
        {"hovedstaden/ERX_medicin.csv": _danish_csv(CSV_ROWS)},
        {"a.yaml": CSV_PROFILE, "b.yaml": second},
    )
    problem = _only_problem(result)
    assert problem.code == "MAP002"
    assert "rh-medicin-csv" in problem.message and "rh-medicin-csv-2" in problem.message
    assert _tree(out) == {}


def test_deeply_nested_json_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    profile = JSON_PROFILE + "  note: Note\n"
    deep = "[" * 900 + "]" * 900
    runaway = "[" * 100_000 + "]" * 100_000
    exports = {
        "hovedstaden/medicin_deep.json": JSON_EXPORT.replace('"Bruger": ""', f'"Note": {deep}'),
        "hovedstaden/medicin_runaway.json": JSON_EXPORT.replace(
            '"Bruger": ""', f'"Note": {runaway}'
        ),
        "hovedstaden/medicin_ok.json": JSON_EXPORT,
    }
    try:
        result, out = _normalize(tmp_path, exports, {"p.yaml": profile})
    except RecursionError:  # reported below, without a 900-frame traceback (slow to print)
        result = None
    assert result is not None, "normalize crashed with RecursionError on 900 nested lists"
    assert sorted((Path(p.file).name, p.code) for p in result.problems) == [
        ("medicin_deep.json", "LOAD009"),
        ("medicin_runaway.json", "LOAD009"),
    ]
    assert sorted(_tree(out)) == ["hovedstaden/Medication/180032.yaml"]


def test_cli_reports_each_bad_export_with_its_place_and_writes_the_good_ones(
    tmp_path: Path, spguard: Any
) -> None:
    exports = tmp_path / "exports"
    files = {
        "hovedstaden/ERX_medicin.csv": _danish_csv([CSV_ROWS[0], "180033;Warfarin"]),
        "hovedstaden/medicin.json": '{"eksport": {"medicin": [\n  {"ErxId": 1,}\n]}}\n',
        "central/ordresaet.xml": BILLION_LAUGHS,
        "central/ordresaet_ok.xml": XML_EXPORT,
    }
    for relative, content in files.items():
        path = exports / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for name, text in {
        "a.yaml": CSV_PROFILE,
        "b.yaml": JSON_PROFILE,
        "c.yaml": XML_PROFILE,
    }.items():
        (profiles / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = spguard("normalize", exports, "--profile", profiles, "--out", out)
    assert proc.returncode == 1
    text = proc.stdout + proc.stderr
    assert (
        f"{(exports / 'hovedstaden/ERX_medicin.csv').as_posix()}:3: LOAD001 row has 2 fields"
        in text
    )
    assert (
        f"{(exports / 'hovedstaden/medicin.json').as_posix()}:2:15: LOAD001 malformed JSON" in text
    )
    assert f"{(exports / 'central/ordresaet.xml').as_posix()}: LOAD003 XML with a DTD" in text
    assert "normalize: 1 file(s) written, 0 unchanged, 3 problem(s)" in text
    assert _tree(out) == {
        "central/OrderSet/304100200.yaml": XML_CANONICAL.replace(
            "source: central/ordresaet.xml", "source: central/ordresaet_ok.xml"
        )
    }
