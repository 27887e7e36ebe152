"""What the drift result says besides counts: hospitals and departments by their names from the
repository's ``Department`` artifacts (the same on every machine), artifacts by name, and each
deviation in the words ``spguard diff`` uses for the same change, in the language of the run."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard import api
from sp_config_guard.drift.classify import drift
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import language
from sp_config_guard.model.kinds import default_registry
from tests.conftest import Spguard

TREE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_names_of_hospitals_and_departments_come_from_the_department_artifacts(
    spguard: Spguard,
) -> None:
    run = spguard("drift", TREE, "--format", "json", "--today", "2026-01-01")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    hospitals, departments = doc["names"]["hospitals"], doc["names"]["departments"]
    assert hospitals["nykoebing-f-sygehus"] == {
        "name": "Nykøbing F. Sygehus",
        "sor": "395621000016001",
    }
    assert len(hospitals) == 8
    assert departments["1301011"] == {
        "name": "Kardiologisk Klinik, Sengeafsnit 2143",
        "hospital": "rigshospitalet",
    }
    # every department a variant lives in has its name, but the one whose Department record
    # carries a malformed SHAK code (planted): its variants are shown by the code
    places = {v["scope"]["department"] for v in doc["variants"] if "department" in v["scope"]}
    assert places - set(departments) == {"1309042"}
    assert list(hospitals) == sorted(hospitals) and list(departments) == sorted(departments)
    variant = next(v for v in doc["variants"] if v["artifact"] == "180022")
    assert variant["name"] == "Furosemid tablet 40 mg"


def test_two_departments_that_disagree_name_by_the_first_file(tmp_path: Path) -> None:
    source = TREE / "hovedstaden" / "rigshospitalet" / "Department" / "20100011.yaml"
    first = _yaml(source)
    second = _yaml(source) | {"id": "20109999", "name": "Et andet navn"}
    second["spec"] = second["spec"] | {"hospital_name": "Et andet hospital"}
    del first["spec"]["hospital_name"]  # the first file gives no hospital name: the second does
    folder = tmp_path / "hovedstaden" / "rigshospitalet" / "Department"
    _write(folder / "20109999.yaml", second)
    _write(folder / "20100011.yaml", first)
    repo, problems = load_repository(tmp_path)
    assert problems == [] and len(repo.docs) == 2
    names = drift(repo).names
    assert names["departments"]["1301011"]["name"] == first["name"]
    assert names["hospitals"]["rigshospitalet"] == {
        "name": "Et andet hospital",
        "sor": first["spec"]["hospital_sor"],
    }


def test_without_department_artifacts_there_are_no_names(tmp_path: Path) -> None:
    shutil.copytree(TREE / "central", tmp_path / "central")
    shutil.copytree(TREE / "hovedstaden" / "hvidovre", tmp_path / "hvidovre")
    for dept in (tmp_path / "hvidovre" / "Department").glob("*.yaml"):
        dept.unlink()
    found = drift(load_repository(tmp_path)[0])
    assert found.variants
    assert found.names == {"hospitals": {}, "departments": {}}


def test_each_deviation_is_worded_as_diff_words_the_same_change(tmp_path: Path) -> None:
    """The variant's compared fields (name, status, spec...) written over a copy of its standard: ``spguard diff`` of
    the standard and that copy says each change exactly as drift words the deviation."""
    found = drift(load_repository(TREE)[0], today=date(2026, 1, 1))
    dose = next(d for d in found.deviations if d.text == "group 100 line 1001 dose: 40 mg -> 80 mg")
    assert dose.path == "$.spec.groups[?@.id=='100'].lines[?@.id=='1001'].dose.value"
    central = {p.stem: p for p in (TREE / "central").rglob("*.yaml")}
    checked = 0
    for variant in found.variants:
        texts = [d.text for d in found.deviations if d.file == variant.file and d.cls != "stale"]
        if not texts:
            continue
        standard = central[variant.standard]
        compared = default_registry().get(variant.kind).compared  # what drift compares
        copy = _yaml(standard) | {k: _yaml(TREE / variant.file).get(k) for k in compared}
        _write(tmp_path / variant.artifact / "old.yaml", _yaml(standard))
        _write(tmp_path / variant.artifact / "new.yaml", copy)
        with language("en"):
            said = api.diff(
                tmp_path / variant.artifact / "old.yaml", tmp_path / variant.artifact / "new.yaml"
            )
        assert set(texts) <= set(said.artifacts[0].texts), variant.file
        checked += 1
    assert checked >= 20


def test_deviations_are_worded_in_the_language_of_the_run(spguard: Spguard) -> None:
    words = {}
    for lang in ("da", "en"):
        run = spguard("drift", TREE, "--format", "json", "--lang", lang, "--today", "2026-01-01")
        words[lang] = {d["path"]: d["text"] for d in json.loads(run.stdout)["deviations"]}
    removed = "$.spec.groups[?@.id=='200']"
    assert words["en"][removed] == "group 200 removed (was 'Væsketerapi' (id 200))"
    assert words["da"][removed] == "gruppe 200 fjernet (var 'Væsketerapi' (id 200))"  # x-words


def test_a_setting_value_is_said_by_its_field_not_as_the_whole_spec(tmp_path: Path) -> None:
    """A field named ``value`` without a ``unit`` beside it is no quantity: diff (and drift)
    say "value: off -> on", not the whole spec before and after."""
    old = _yaml(TREE / "central" / "ProfileSetting" / "950080.yaml")
    new = old | {"spec": old["spec"] | {"value": "on"}}
    _write(tmp_path / "old" / "950080.yaml", old)
    _write(tmp_path / "new" / "950080.yaml", new)
    with language("en"):
        result = api.diff(tmp_path / "old" / "950080.yaml", tmp_path / "new" / "950080.yaml")
    assert result.artifacts[0].texts == ("value: off -> on",)
