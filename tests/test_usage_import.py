"""``spguard usage import``: the example's usage report (CSV, and the same report as an Excel
workbook) joined onto a copy of the example tree, deterministic and idempotent; every row that
cannot be joined is reported with file and row, never dropped."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from sp_config_guard import api
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.normalize.usage_import import UsageResult
from tests.conftest import Spguard
from tests.test_xlsx import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
USAGE = EXAMPLES / "usage"
REPORT = USAGE / "anvendelse_ordresaet_90d.csv"
CSV_PROFILE = USAGE / "anvendelse-csv.yaml"
XLSX_PROFILE = USAGE / "anvendelse-xlsx.yaml"
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


def _report_rows() -> list[dict[str, str]]:
    text = REPORT.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def _copy(tmp_path: Path, name: str = "tree") -> Path:
    return Path(shutil.copytree(EXAMPLES / "sp-config", tmp_path / name))


def _snapshot(tree: Path) -> dict[str, bytes]:
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*.yaml"))}


def _usage_by_id(tree: Path) -> dict[str, dict[str, object]]:
    return {
        p.stem: yaml.safe_load(p.read_text("utf-8")).get("usage", {})
        for p in tree.rglob("OrderSet/*.yaml")
    }


def test_the_example_report_is_realistic() -> None:
    rows = _report_rows()
    uses = [int(r["Anvendelser 90 dage"]) for r in rows]
    assert len(rows) > 50 and min(uses) == 0 and 400 < max(uses) <= 600
    assert all(r["Senest anvendt"] == "" for r in rows if r["Anvendelser 90 dage"] == "0")


def test_usage_import_joins_the_csv_report_onto_the_tree(spguard: Spguard, tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    before = _snapshot(tree)
    old = _usage_by_id(tree)

    check = spguard("usage", "import", REPORT, "--profile", CSV_PROFILE, "--into", tree, "--check")
    assert check.returncode == 1, check.stdout
    assert "would update" in check.stdout and _snapshot(tree) == before  # nothing written

    run = spguard("usage", "import", REPORT, "--profile", CSV_PROFILE, "--into", tree)
    assert run.returncode == 0, run.stdout + run.stderr
    rows = _report_rows()
    assert f"{len(rows)} row(s) matched an artifact" in run.stdout
    assert "0 artifact(s) of those kinds not in the report" in run.stdout
    got = _usage_by_id(tree)
    for row in rows:  # the report's figures, its Danish dates read as dates
        artifact = row["Ordresæt-ID"]
        assert got[artifact]["uses_90d"] == int(row["Anvendelser 90 dage"])
        if row["Senest anvendt"]:
            day = datetime.strptime(row["Senest anvendt"], "%d-%m-%Y").date()
            assert got[artifact]["last_used"] == day.isoformat()
        else:  # not used in the period: the date it was last used before stays
            assert got[artifact].get("last_used") == old[artifact].get("last_used")
    after = _snapshot(tree)
    changed = {name for name in after if after[name] != before[name]}
    assert changed and all("/OrderSet/" in name for name in changed)

    again = spguard("usage", "import", REPORT, "--profile", CSV_PROFILE, "--into", tree)
    assert again.returncode == 0 and "0 file(s) written" in again.stdout
    assert _snapshot(tree) == after  # idempotent, byte for byte
    clean = spguard("usage", "import", REPORT, "--profile", CSV_PROFILE, "--into", tree, "--check")
    assert clean.returncode == 0, clean.stdout
    assert api.validate(tree).exit_code() == 0


def test_the_same_report_as_a_workbook_gives_the_same_bytes(tmp_path: Path) -> None:
    rows = _report_rows()
    header = list(rows[0])
    cells = [
        [
            r["Ordresæt-ID"],
            r["Ordresæt"],
            r["Afdeling (SHAK)"],
            int(r["Anvendelser 90 dage"]),  # a number cell
            datetime.strptime(r["Senest anvendt"], "%d-%m-%Y") if r["Senest anvendt"] else None,
        ]
        for r in rows
    ]
    title = [["Anvendelse af ordresæt, seneste 90 dage"], ["Periode: 01-09-2026 - 30-11-2026"]]
    workbook = write_workbook(tmp_path / "anvendelse.xlsx", [header, *cells], "Anvendelse", title)
    by_csv, by_xlsx = _copy(tmp_path, "a"), _copy(tmp_path, "b")
    first = api.usage_import(REPORT, CSV_PROFILE, by_csv)
    second = api.usage_import(workbook, XLSX_PROFILE, by_xlsx)
    assert first.problems == [] and second.problems == []
    assert second.rows == first.rows == len(rows)
    assert [n.removeprefix(f"{by_xlsx}/") for n in second.written] == [
        n.removeprefix(f"{by_csv}/") for n in first.written
    ]
    assert _snapshot(by_xlsx) == _snapshot(by_csv)


PROFILE = """\
usage_profile: test
format: csv
columns: {id: Id, kind: Type, uses_90d: Brug, last_used: Dato}
kind_map: {Ordresæt: OrderSet, Præferenceliste: PreferenceList}
"""


def _small(tmp_path: Path, report: str, profile: str = PROFILE) -> tuple[UsageResult, Path]:
    tree = _copy(tmp_path)
    (tmp_path / "r.csv").write_text(report, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(profile, encoding="utf-8")
    return api.usage_import(tmp_path / "r.csv", tmp_path / "p.yaml", tree), tree


def test_rows_that_cannot_be_joined_are_reported_with_file_and_row(tmp_path: Path) -> None:
    report = (
        "Id;Type;Brug;Dato\n"
        "304100200;Ordresæt;12;2026-11-02\n"  # joins
        "999999999;Ordresæt;3;\n"  # no such artifact
        "304100200;Ordresæt;13;\n"  # the same artifact with other figures
        "304100210;Ordresæt;mange;\n"  # no number
        "304100220;Ordresæt;5;31-11-2026\n"  # no date
        "304100230;Smarttekst;5;\n"  # a kind the profile does not know
        ";Ordresæt;5;\n"  # no id
    )
    result, tree = _small(tmp_path, report)
    shown = [(p.code, p.line) for p in result.problems]
    assert shown == [
        ("USE002", 5),
        ("USE002", 6),
        ("USE002", 7),
        ("USE002", 8),
        ("USE003", 3),
        ("USE005", 4),
    ]
    assert all(p.file.endswith("r.csv") for p in result.problems)
    messages = [p.message for p in result.problems]
    assert "no artifact in the tree has id OrderSet '999999999'" in messages[4]
    assert "r.csv:2" in messages[5]
    assert result.exit_code() == 1
    assert _usage_by_id(tree)["304100200"] == {"uses_90d": 12, "last_used": "2026-11-02"}


def test_an_id_of_two_kinds_needs_the_kind(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    twin = tree / "central" / "PreferenceList" / "304100200.yaml"
    text = next((tree / "central" / "PreferenceList").glob("*.yaml")).read_text("utf-8")
    data = yaml.safe_load(text)
    twin.write_text(text.replace(f'id: "{data["id"]}"', 'id: "304100200"', 1), encoding="utf-8")
    (tmp_path / "r.csv").write_text("Id;Brug\n304100200;7\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "usage_profile: t\nformat: csv\ncolumns: {id: Id, uses_90d: Brug}\n", encoding="utf-8"
    )
    result = api.usage_import(tmp_path / "r.csv", tmp_path / "p.yaml", tree)
    assert [(p.code, p.line) for p in result.problems] == [("USE004", 2)]
    assert "OrderSet/304100200.yaml" in result.problems[0].message
    assert "PreferenceList/304100200.yaml" in result.problems[0].message
    assert result.written == []


def test_a_column_the_profile_does_not_know_stops_that_report(tmp_path: Path) -> None:
    result, _ = _small(tmp_path, "Id;Type;Brug;Dato;Afsnit\n304100200;Ordresæt;1;;x\n")
    assert [(p.code, p.line) for p in result.problems] == [("USE001", 1)]
    assert "'Afsnit'" in result.problems[0].message
    assert result.written == []


def test_a_bad_usage_profile_is_map001_with_its_line(spguard: Spguard, tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    (tmp_path / "p.yaml").write_text(PROFILE.replace("uses_90d: Brug", "uses: Brug"), "utf-8")
    run = spguard("usage", "import", REPORT, "--profile", tmp_path / "p.yaml", "--into", tree)
    assert run.returncode == 1
    assert "p.yaml:3:" in run.stdout and "MAP001" in run.stdout


def test_usage_import_json(spguard: Spguard, tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    args = ("usage", "import", REPORT, "--profile", CSV_PROFILE, "--into", tree)
    run = spguard(*args, "--check", "--format", "json")
    doc = json.loads(run.stdout)
    assert doc["command"] == "usage import" and doc["check"] is True
    assert doc["summary"]["rows"] == len(_report_rows()) == len(doc["changed"])
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text("utf-8"))
    Draft202012Validator(schema).validate(doc)


def test_an_artifact_file_that_is_a_link_is_never_written_through(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    target = tree / "central" / "OrderSet" / "304100200.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)
    result = api.usage_import(REPORT, CSV_PROFILE, tree)
    codes = {(p.code, p.file) for p in result.problems}
    assert ("USE006", f"{tree.as_posix()}/central/OrderSet/304100200.yaml") in codes
    assert ("USE003", REPORT.as_posix()) in codes  # its row then joins nothing: reported too
    assert (
        outside.read_bytes()
        == (EXAMPLES / "sp-config/central/OrderSet/304100200.yaml").read_bytes()
    )
