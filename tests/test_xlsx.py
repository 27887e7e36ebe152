"""XLSX as a source format of mapping profiles: the example's CSV exports saved as workbooks
normalise to the very artifacts the CSV gives (wide and item-level), and every way a workbook
can be bad (no zip, a zip bomb, a missing sheet or header, a formula error, a formula never
calculated, a value outside the header) is an error naming file, sheet and row while the rest
of the run goes on."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from sp_config_guard import api

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def write_workbook(
    path: Path, rows: list[list[Any]], sheet: str = "Udtræk", title: list[list[Any]] | None = None
) -> Path:
    """A real workbook (openpyxl) with ``title`` rows above the ``rows`` (header first)."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in [*(title or []), *rows]:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _csv_rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")]


def _as_xlsx_profile(source: Path, target: Path, sheet: str, header_row: int = 1) -> None:
    """The example's CSV profile turned into an XLSX one (same fields, same layout)."""
    text = source.read_text(encoding="utf-8")
    text = text.replace("format: csv", "format: xlsx").replace(".csv'", ".xlsx'")
    text = re.sub(
        r"csv:\n  delimiter: ;\n  decimal: ','\n  encoding: utf-8\n",
        f"xlsx:\n  sheet: {sheet}\n  header_row: {header_row}\n  decimal: ','\n",
        text,
    )
    assert "xlsx:" in text and "delimiter" not in text, text[:400]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _tree(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): re.sub(r"(?m)^  source: .*\n", "", p.read_text("utf-8"))
        for p in sorted(out.rglob("*.yaml"))
    }


@pytest.mark.parametrize(
    ("export", "profile"),
    [
        ("central/ordresaet_standard.csv", "ordresaet-items-csv.yaml"),  # items layout
        ("hovedstaden/besoegstyper_lokal.csv", "besoegstype-csv.yaml"),  # wide layout
    ],
)
def test_a_workbook_normalises_as_its_csv_does(tmp_path: Path, export: str, profile: str) -> None:
    rows = _csv_rows(EXAMPLES / "exports" / export)
    workbook = tmp_path / "xlsx" / export.replace(".csv", ".xlsx")
    write_workbook(workbook, rows, "Udtræk", title=[["Byggeudtræk fra SP"], []])
    _as_xlsx_profile(EXAMPLES / "profiles" / profile, tmp_path / "xp" / profile, "Udtræk", 3)
    (tmp_path / "csv" / export).parent.mkdir(parents=True)
    (tmp_path / "csv" / export).write_bytes((EXAMPLES / "exports" / export).read_bytes())

    by_csv = api.normalize(tmp_path / "csv", tmp_path / "a", [EXAMPLES / "profiles" / profile])
    by_xlsx = api.normalize(tmp_path / "xlsx", tmp_path / "b", [tmp_path / "xp" / profile])
    assert by_csv.problems == [] and by_xlsx.problems == []
    assert len(by_xlsx.written) == len(by_csv.written) > 1
    assert _tree(tmp_path / "b") == _tree(tmp_path / "a")
    again = api.normalize(tmp_path / "xlsx", tmp_path / "b", [tmp_path / "xp" / profile])
    assert again.written == [] and len(again.unchanged) == len(by_xlsx.written)


VISIT_PROFILE = """\
profile: visits-xlsx
format: xlsx
match: ['*.xlsx']
xlsx:
  sheet: Besøg
kind: VisitType
fields:
  id: Kode
  name: Navn
  scope.level: {const: central}
  status: {const: active}
  spec.specialty: {const: gastroenterologi}
  spec.duration_minutes: Minutter
"""
GOOD_ROWS = [["Kode", "Navn", "Minutter"], ["410010", "Gastro - første besøg", 60]]


def _run(tmp_path: Path, workbook: bytes | None, profile: str = VISIT_PROFILE) -> Any:
    """Normalise a folder with a good workbook and (when given) the bad one beside it."""
    exports = tmp_path / "exports"
    write_workbook(exports / "a-good.xlsx", GOOD_ROWS, "Besøg")
    if workbook is not None:
        (exports / "b-bad.xlsx").write_bytes(workbook)
    (tmp_path / "p.yaml").write_text(profile, encoding="utf-8")
    return api.normalize(exports, tmp_path / "out", [tmp_path / "p.yaml"])


def _saved(rows: list[list[Any]], sheet: str = "Besøg") -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_cell(data: bytes, cell: str, xml: str) -> bytes:
    """The workbook with one cell of its first sheet replaced by raw XML (what Excel writes
    for a formula error, which openpyxl cannot write)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text, n = re.subn(rf'<c r="{cell}"[^>]*(/>|>.*?</c>)', xml, body.decode())
                assert n == 1, text
                body = text.encode()
            dst.writestr(info, body)
    return out.getvalue()


def _one_problem(result: Any) -> Any:
    """The run's one problem, at the bad workbook; the good one was still written."""
    assert [p.file for p in result.problems] == [result.problems[0].file]
    assert result.problems[0].file.endswith("b-bad.xlsx")
    assert any(name.endswith("VisitType/410010.yaml") for name in result.written)
    return result.problems[0]


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 2**20))
    return out.getvalue()


def test_a_file_that_is_no_zip_is_refused(tmp_path: Path) -> None:
    problem = _one_problem(_run(tmp_path, b"Kode;Navn\n410010;Gastro\n"))
    assert problem.code == "LOAD012" and "not an Excel workbook" in problem.message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = _bomb()
    assert len(bomb) < 64 * 1024
    problem = _one_problem(_run(tmp_path, bomb))
    assert problem.code == "LOAD012" and "zip bomb" in problem.message
    assert f"{8 * 2**20 + len('<Types/>')} bytes" in problem.message


def test_a_missing_sheet_names_the_sheets_there_are(tmp_path: Path) -> None:
    problem = _one_problem(_run(tmp_path, _saved(GOOD_ROWS, "Ark1")))
    assert problem.code == "LOAD012"
    assert "no sheet 'Besøg'" in problem.message and "'Ark1'" in problem.message


def test_a_header_row_with_no_names_is_refused(tmp_path: Path) -> None:
    profile = VISIT_PROFILE.replace("sheet: Besøg", "sheet: Besøg\n  header_row: 4")
    result = _run(tmp_path, None, profile)
    problem = result.problems[0]
    assert (problem.code, problem.line) == ("LOAD012", 4)
    assert "sheet 'Besøg' has no column names in row 4" in problem.message
    assert result.written == []


def test_a_formula_error_names_sheet_cell_and_row(tmp_path: Path) -> None:
    rows = [*GOOD_ROWS, ["410020", "Gastro - opfølgning", 30]]
    bad = _with_cell(_saved(rows), "C3", '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    problem = _one_problem(_run(tmp_path, bad))
    assert (problem.code, problem.line) == ("LOAD012", 3)
    assert "sheet 'Besøg' cell C3 holds a formula error (#DIV/0!)" in problem.message


def test_a_formula_never_calculated_is_not_read_as_empty(tmp_path: Path) -> None:
    problem = _one_problem(_run(tmp_path, _saved([*GOOD_ROWS, ["410020", "Opfølgning", "=20+10"]])))
    assert (problem.code, problem.line) == ("LOAD012", 3)
    assert "cell C3 holds a formula with no saved value" in problem.message


def test_a_cached_formula_value_is_read_never_evaluated(tmp_path: Path) -> None:
    rows = [GOOD_ROWS[0], ["410020", "Opfølgning", 1]]
    cached = _with_cell(_saved(rows), "C2", '<c r="C2"><f>20+10</f><v>45</v></c>')
    result = _run(tmp_path, cached)
    assert result.problems == []
    text = (tmp_path / "out" / "central" / "VisitType" / "410020.yaml").read_text("utf-8")
    assert "duration_minutes: 45" in text  # the value Excel saved, not 20+10


def test_a_value_outside_the_header_is_refused(tmp_path: Path) -> None:
    rows = [*GOOD_ROWS, ["410020", "Opfølgning", 30, "", "husk blodprøve"]]
    problem = _one_problem(_run(tmp_path, _saved(rows)))
    assert (problem.code, problem.line) == ("LOAD012", 3)
    assert "cell E3" in problem.message


def test_a_value_with_nowhere_to_go_names_sheet_and_row(tmp_path: Path) -> None:
    rows = [["Kode", "Navn", "Minutter", "Bemærkning"], ["410020", "Opfølgning", 30, "video"]]
    problem = _one_problem(_run(tmp_path, _saved(rows)))
    assert (problem.code, problem.line) == ("IMP005", 2)
    assert "row 2 of sheet 'Besøg'" in problem.message and "Bemærkning='video'" in problem.message


def test_an_xlsx_profile_needs_its_sheet(tmp_path: Path) -> None:
    result = _run(tmp_path, None, VISIT_PROFILE.replace("xlsx:\n  sheet: Besøg\n", ""))
    codes = [p.code for p in result.problems]
    assert codes[0] == "MAP001" and "xlsx" in result.problems[0].message
