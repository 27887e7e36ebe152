"""Reports written as they are made (issue 19: drift's JSON at region scale was held whole, and
its encoded copy, at the peak of the run's memory): the pieces are the characters of the whole
text, and a file written from pieces is still written atomically."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard import api, report
from sp_config_guard.drift.result import Deviation
from sp_config_guard.load.sources import atomic_write
from sp_config_guard.report import drift_report, jsontext
from sp_config_guard.report.drift_report import deviation_json
from tests.conftest import Spguard

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
ROW = {"ensure_ascii": False, "separators": (", ", ": ")}


def _value(rows: int) -> dict[str, Any]:
    return {
        "version": 2,
        "variants": [
            {"navn": f"Afsnit {i} – Ærø", "dato": date(2026, 11, 23)} for i in range(rows)
        ],
        "tom": [],
        "names": {"hospitals": {"rh": {"name": "Rigshospitalet\nØst"}}},
        "deviations": [{"dosis": i / 4, "scope": {"level": "department"}} for i in range(rows)],
    }


def test_json_pieces_with_rows_are_one_line_per_item_across_batches() -> None:
    value = _value(2 * jsontext._ROWS + 3)
    made = list(jsontext.pieces(value, default=str, rows=("variants", "deviations", "tom")))
    assert len(made) > 6  # each list of rows came in more than one batch
    text = "".join(made)
    assert text == jsontext.dumps(value, default=str, rows=("variants", "deviations", "tom"))
    assert json.loads(text) == json.loads(json.dumps(value, default=str))
    lines = text.split("\n")
    start = lines.index('  "variants": [') + 1
    for i, line in enumerate(lines[start : start + len(value["variants"])]):
        entry = json.loads(json.dumps(value["variants"][i], default=str))
        assert line.strip().rstrip(",") == json.dumps(entry, **ROW)
    assert '  "tom": [],' in lines
    assert '  "names": {' in lines and '        "name": "Rigshospitalet\\nØst"' in lines


def test_rows_may_be_made_as_they_are_written() -> None:
    """A generator in place of a list of rows gives the same text (nothing built up front)."""
    value = _value(jsontext._ROWS + 1)
    made = dict(value)
    made["deviations"] = (entry for entry in value["deviations"])
    made["tom"] = (entry for entry in ())
    rows = ("variants", "deviations", "tom")
    assert "".join(jsontext.pieces(made, str, rows)) == jsontext.dumps(value, str, rows)


def test_json_pieces_without_rows_are_json_dumps() -> None:
    value = _value(50)
    expected = json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
    assert "".join(jsontext.pieces(value, default=str)) == expected


def test_drift_json_in_pieces_is_its_whole_text_and_the_cli_writes_it_so(
    tmp_path: Path, spguard: Spguard, cache_in_tmp: None
) -> None:
    result = api.drift(EXAMPLE, today=date(2026, 11, 23))
    made = list(report.pieces(result, "json"))
    assert len(made) > 1
    assert "".join(made) == report.render(result, "json") == drift_report.as_json(result)
    assert report.pieces(result, "markdown") == [report.render(result, "markdown")]
    to_stdout = spguard("drift", "--format", "json", "--today", "2026-11-23", EXAMPLE)
    out = tmp_path / "drift.json"
    args = ("drift", "--format", "json", "--today", "2026-11-23", "--output", out, EXAMPLE)
    to_file = spguard(*args)
    assert to_file.returncode == to_stdout.returncode and to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout == "".join(made)


def _failing(after: int) -> Iterator[str]:
    for n in range(after):
        yield f"piece {n}\n"
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_written_from_pieces_is_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    atomic_write(target, iter(["{\n", '  "a": 1\n', "}\n"]))
    assert target.read_bytes() == b'{\n  "a": 1\n}\n'
    with pytest.raises(OSError) as info:
        atomic_write(target, _failing(100000))  # several buffers' worth written, then a failure
    assert info.value.errno == errno.ENOSPC and info.value.filename == target.as_posix()
    assert target.read_bytes() == b'{\n  "a": 1\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_drift_report_that_fails_half_written_leaves_the_old_file(
    tmp_path: Path, spguard: Spguard, cache_in_tmp: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The variants and a few deviations are written, then making the next one fails: exit 2
    and the report of the run before, whole."""
    out = tmp_path / "drift.json"
    out.write_text("the report before\n", encoding="utf-8")
    made = []

    def full_disk(deviation: Deviation) -> dict[str, Any]:
        if len(made) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        made.append(deviation)
        return deviation_json(deviation)

    monkeypatch.setattr(drift_report, "deviation_json", full_disk)
    proc = spguard("drift", "--format", "json", "--output", out, EXAMPLE)
    assert proc.returncode == 2 and "No space left on device" in proc.stderr
    assert len(made) == 3
    assert out.read_text(encoding="utf-8") == "the report before\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "spguard-cache"] == ["drift.json"]


def test_the_lazy_document_is_the_document(cache_in_tmp: None) -> None:
    """Its variants and deviations are made one by one as they are written, to the same text."""
    result = api.drift(EXAMPLE, today=date(2026, 11, 23))
    whole, lazy = drift_report.document(result), drift_report.document(result, lazy=True)
    assert isinstance(whole["deviations"], list) and not isinstance(lazy["deviations"], list)
    assert [*lazy["variants"]] == whole["variants"] and len(whole["variants"]) > 3
    assert [*lazy["deviations"]] == whole["deviations"] and len(whole["deviations"]) > 3
