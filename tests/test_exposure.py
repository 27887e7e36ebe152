"""Exposure = class weight x uses in 90 days of the variant: checked against figures worked out
by hand on a small tree (three planted deviations of the example with usage set here, and one
copy without usage, which is unknown and never 0), in the JSON, text, Markdown and HTML drift
reports; and on the example after its usage report is imported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from sp_config_guard import api
from sp_config_guard.drift.result import WEIGHTS
from sp_config_guard.model.shipped import data_dir
from tests.conftest import Spguard

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TREE = EXAMPLES / "sp-config"
pytestmark = pytest.mark.usefixtures("cache_in_tmp")

VIOLATION = "hovedstaden/herlev-gentofte/1516025/OrderSet/304110061.yaml"  # P01
ADDITION = "hovedstaden/bispebjerg-frederiksberg/1309031/OrderSet/304110081.yaml"
REMOVED = "sjaelland/nykoebing-f-sygehus/3970100/OrderSet/304110168.yaml"
UNKNOWN = "hovedstaden/herlev-gentofte/1516021/OrderSet/304119061.yaml"  # P01 without usage


def _planted_class(file: str) -> str:
    planted = yaml.safe_load((EXAMPLES / "planted.yaml").read_text(encoding="utf-8"))
    found = [p["drift_class"] for p in planted["planted"] if p["file"] == file]
    assert len(found) == 1, (file, found)
    return str(found[0])


def _put(tree: Path, source: str, target: str, usage: dict[str, object] | None) -> None:
    data = yaml.safe_load((TREE / source).read_text(encoding="utf-8"))
    if target != source:
        data["id"] = Path(target).stem
        data["scope"]["department"] = target.split("/")[2]
    data.pop("usage", None)
    if usage is not None:
        data["usage"] = usage
    standard = data["derived_from"]["id"]
    path = tree / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copy(TREE / "central" / "OrderSet" / f"{standard}.yaml", _central(tree, standard))


def _central(tree: Path, standard: str) -> Path:
    folder = tree / "central" / "OrderSet"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{standard}.yaml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    (tree).mkdir()
    shutil.copy(TREE / "spguard.yaml", tree / "spguard.yaml")
    _put(tree, VIOLATION, VIOLATION, {"uses_90d": 400, "last_used": "2026-11-20"})
    _put(tree, ADDITION, ADDITION, {"uses_90d": 30, "last_used": "2026-11-02"})
    _put(tree, REMOVED, REMOVED, {"uses_90d": 0})
    _put(tree, VIOLATION, UNKNOWN, None)
    return tree


def test_exposure_is_weight_times_uses_and_unknown_is_not_zero(small: Path) -> None:
    result = api.drift(small, lang="en")
    assert result.problems == []
    # by hand: violation 5 x 400, local addition 1 x 30, removed item 4 x 0, and unknown
    assert (_planted_class(VIOLATION), _planted_class(ADDITION), _planted_class(REMOVED)) == (
        "violation",
        "local-addition",
        "removed-standard-item",
    )
    expected = {VIOLATION: 2000, ADDITION: 30, REMOVED: 0, UNKNOWN: None}
    assert {d.file: d.exposure for d in result.deviations} == expected
    assert len(result.deviations) == 4
    regions = {r.key: r for r in result.rollups("region")}
    assert (regions[("hovedstaden",)].exposure, regions[("hovedstaden",)].exposure_unknown) == (
        2030,
        1,
    )
    assert (regions[("hovedstaden",)].uses_90d, regions[("hovedstaden",)].usage_unknown) == (430, 1)
    assert (regions[("sjaelland",)].exposure, regions[("sjaelland",)].exposure_unknown) == (0, 0)
    hospitals = {r.key[-1]: r.exposure for r in result.rollups("hospital")}
    assert hospitals == {
        "herlev-gentofte": 2000,
        "bispebjerg-frederiksberg": 30,
        "nykoebing-f-sygehus": 0,
    }
    departments = {
        r.key[-1]: (r.exposure, r.exposure_unknown) for r in result.rollups("department")
    }
    assert departments == {
        "1516025": (2000, 0),
        "1516021": (0, 1),
        "1309031": (30, 0),
        "3970100": (0, 0),
    }
    (orderset,) = result.kind_totals()
    assert (orderset.exposure, orderset.exposure_unknown) == (2030, 1)
    total = result.grand_total()
    assert (total.exposure, total.exposure_unknown, total.uses_90d) == (2030, 1, 430)
    assert WEIGHTS["violation"] * 400 == 2000  # the documented weight


def test_drift_json_carries_exposure_and_usage(spguard: Spguard, small: Path) -> None:
    run = spguard("drift", small, "--format", "json", "--lang", "en")
    doc = json.loads(run.stdout)
    exposures = {d["file"]: (d["uses_90d"], d["exposure"]) for d in doc["deviations"]}
    assert exposures == {
        VIOLATION: (400, 2000),
        ADDITION: (30, 30),
        REMOVED: (0, 0),
        UNKNOWN: (None, None),
    }
    variants = {v["file"]: (v["uses_90d"], v["last_used"]) for v in doc["variants"]}
    assert variants[VIOLATION] == (400, "2026-11-20") and variants[UNKNOWN] == (None, None)
    (kind,) = doc["rollups"]["kind"]
    assert (kind["key"], kind["exposure"], kind["exposure_unknown"]) == (["OrderSet"], 2030, 1)
    region = {tuple(r["key"]): r for r in doc["rollups"]["region"]}[("hovedstaden",)]
    assert (region["uses_90d"], region["usage_unknown"]) == (430, 1)
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text("utf-8"))
    Draft202012Validator(schema).validate(doc)
    wrong = {**doc, "deviations": [{**doc["deviations"][0], "exposure": -1}]}
    assert not Draft202012Validator(schema).is_valid(wrong)


def _data_lines(text: str, marker: str) -> list[str]:
    return [line for line in text.splitlines() if marker in line]


def test_text_and_markdown_sort_by_exposure(spguard: Spguard, small: Path) -> None:
    place = spguard("drift", small, "--lang", "en").stdout
    ranked = spguard("drift", small, "--lang", "en", "--sort", "exposure").stdout
    assert "exposure" in place.splitlines()[0] and "no usage" in place.splitlines()[0]
    # a hospital by its name from the Department artifacts (this repository has none: its code)
    first = [(line.split() or [""])[0] for line in ranked.splitlines()]
    hospitals = [w for w in first if "-" in w.strip("-") and "/" not in w]
    assert hospitals[:3] == ["herlev-gentofte", "bispebjerg-frederiksberg", "nykoebing-f-sygehus"]
    files = [line.split()[0] for line in _data_lines(ranked, ".yaml")]
    assert files == [VIOLATION, ADDITION, REMOVED, UNKNOWN]  # unknown last
    by_place = [line.split()[0] for line in _data_lines(place, ".yaml")]
    assert by_place == sorted(by_place)
    unknown = next(line for line in _data_lines(ranked, UNKNOWN))
    assert unknown.split()[-2:] == ["unknown", "unknown"]
    assert next(line for line in _data_lines(ranked, VIOLATION)).split()[-2:] == ["400", "2000"]
    md = spguard("drift", small, "--lang", "en", "--format", "markdown", "--sort", "exposure")
    rows = [line for line in md.stdout.splitlines() if line.startswith("| herlev-gentofte ")]
    assert rows and "| 2000 " in rows[0]
    serious = [line for line in md.stdout.splitlines() if ".yaml" in line]
    assert serious[0].startswith(f"| {VIOLATION}")
    assert [cell.strip() for cell in serious[-1].split("|")[-3:-1]] == ["unknown", "unknown"]
    danish = spguard("drift", small, "--lang", "da", "--sort", "exposure").stdout
    assert "eksponering" in danish and "ukendt" in danish


def test_the_html_report_shows_usage_and_sorts_by_exposure(spguard: Spguard, small: Path) -> None:
    page = spguard("drift", small, "--format", "html", "--lang", "da").stdout
    assert '<select id="f-sort">' in page and "efter eksponering" in page
    assert '"exposure":2000' in page and '"uses_90d":400' in page
    assert '"usage_none":"ingen brugstal"' in page


def test_exposure_on_the_example_after_its_usage_import(tmp_path: Path) -> None:
    tree = Path(shutil.copytree(TREE, tmp_path / "tree"))
    imported = api.usage_import(
        EXAMPLES / "usage" / "anvendelse_ordresaet_90d.csv",
        EXAMPLES / "usage" / "anvendelse-csv.yaml",
        tree,
    )
    assert imported.problems == [] and imported.written
    report = (EXAMPLES / "usage" / "anvendelse_ordresaet_90d.csv").read_bytes().decode("utf-8-sig")
    uses = {line.split(";")[0]: int(line.split(";")[3]) for line in report.splitlines()[1:] if line}
    result = api.drift(tree, lang="en")
    order_sets = [d for d in result.deviations if d.kind == "OrderSet"]
    assert order_sets
    for dev in order_sets:
        assert dev.exposure == WEIGHTS[dev.cls] * uses[dev.artifact]
    total = result.grand_total()
    assert total.exposure == sum(
        d.exposure or 0 for d in result.deviations if d.scope.get("hospital")
    )
