"""Uniformity across regions and hospitals (issue 15 item 4): the divergence analysis on real
repositories in tmp_path (thresholds below and above, ties, one region only, a local field,
list items matched by identity, a dropped item), the uniformity rules (UNI001, UNI002) and
drift's divergence section saying the same. The example's plant UNI1 is checked with lint and
drift's agreement (tests/test_governance.py) and with every planted rule matter
(tests/test_example_lint.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard import api
from sp_config_guard.lint.divergence import Thresholds, divergences
from sp_config_guard.load.workspace import load_repository
from tests.conftest import Spguard

EXAMPLE_REPO = Path(__file__).resolve().parent.parent / "examples" / "sp-config"

TODAY = date(2026, 11, 23)
HOSPITALS = {
    "hovedstaden": ["rigshospitalet", "hvidovre", "herlev-gentofte", "bispebjerg-frederiksberg"],
    "sjaelland": ["holbaek-sygehus", "slagelse-sygehus", "nykoebing-f-sygehus", "naestved"],
}
ESCALATION = {
    "target": "Vagthavende læge",
    "observation_frequency": "jf. tærskelværdier",
    "approver": "Overlæge, Akutafdelingen",
    "expires": "2027-06-30",
}
STANDARD: dict[str, Any] = {
    "kind": "EarlyWarningScore",
    "id": "610001",
    "name": "TOKS - voksne",
    "scope": {"level": "central"},
    "revision": "2026.3",
    "status": "active",
    "owner": "Fokusområde TOKS",
    "spec": {
        "parameters": [
            {
                "id": "respiration_rate",
                "name": "Respirationsfrekvens",
                "unit": "/min",
                "bands": [
                    {"id": "1", "min": 0, "max": 8, "points": 3},
                    {"id": "2", "min": 9, "max": 20, "points": 0},
                    {"id": "3", "min": 21, "max": 60, "points": 2},
                ],
            }
        ],
        "escalation": ESCALATION,
    },
}


def _copy(
    region: str, index: int, escalation: dict[str, Any] | None = None, hospital: str = ""
) -> dict[str, Any]:
    """A department copy of the standard in ``region`` (hospital by ``index``)."""
    data = json.loads(json.dumps(STANDARD))
    data.pop("revision")
    data["id"] = f"61{1 if region == 'hovedstaden' else 2}{index:03d}"
    data["name"] = f"TOKS - {region} {index}"
    data["scope"] = {
        "level": "department",
        "region": region,
        "hospital": hospital or HOSPITALS[region][index % 4],
        "department": f"{1301 if region == 'hovedstaden' else 3750}{index:03d}",
    }
    data["derived_from"] = {"id": "610001", "revision": "2026.3"}
    data["owner"] = f"Afdeling {index}"  # local: free
    data["spec"]["escalation"] = {**ESCALATION, **(escalation or {})}
    return data


def _repository(root: Path, copies: list[dict[str, Any]]) -> Path:
    """A repository of the standard and ``copies``, with the uniformity rule set."""
    for data in [STANDARD, *copies]:
        scope = data["scope"]
        parts = [scope.get(k) for k in ("region", "hospital", "department") if scope.get(k)]
        folder = root.joinpath(*(parts or ["central"]), data["kind"])
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    (root / "spguard.yaml").write_text("rulesets: [uniformity]\nlang: en\n", encoding="utf-8")
    return root


def _split(hovedstaden: int, sjaelland: int, **changed: Any) -> list[dict[str, Any]]:
    """``hovedstaden`` copies keeping the standard, ``sjaelland`` copies with ``changed``."""
    return [_copy("hovedstaden", i) for i in range(hovedstaden)] + [
        _copy("sjaelland", i, changed) for i in range(sjaelland)
    ]


def _lint(root: Path) -> list[tuple[str, str, str]]:
    result = api.lint(root, today=TODAY, use_cache=False)
    return sorted((f.code, f.file, f.path) for f in result.findings if f.code.startswith("UNI"))


def _drift(root: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    result = api.drift(root, today=TODAY)
    return [(d.level, d.path, d.files) for d in result.divergences]


def test_a_region_wide_adaptation_is_found_by_lint_and_drift_alike(tmp_path: Path) -> None:
    root = _repository(tmp_path, _split(3, 3, target="Akutteam"))
    found = _lint(root)
    assert found == sorted(
        (
            "UNI001",
            f"sjaelland/{HOSPITALS['sjaelland'][i]}/3750{i:03d}/EarlyWarningScore/612{i:03d}.yaml",
            "$.spec.escalation.target",
        )
        for i in range(3)
    )
    (section,) = _drift(root)
    assert section[:2] == ("region", "$.spec.escalation.target")
    assert sorted(section[2]) == [file for _, file, _ in found]
    deviations = api.drift(root, today=TODAY).deviations
    assert {d.cls for d in deviations} == {"adaptation"}  # each change alone is allowed


def test_the_message_says_each_regions_counts_and_the_standards_value(
    tmp_path: Path, spguard: Spguard
) -> None:
    root = _repository(tmp_path, _split(4, 3, target="Akutteam"))
    run = spguard("lint", "--no-cache", "--today", "2026-11-23", ".", cwd=root)
    line = next(x for x in run.stdout.splitlines() if "UNI001" in x)
    assert line.endswith(
        "warning UNI001 The copies of 610001 (TOKS - voksne) are split by region in escalation "
        "target: in Region Sjælland 3 of 3 copies have 'Akutteam'; in Region Hovedstaden 4 of 4 "
        "copies have 'Vagthavende læge'; the standard has 'Vagthavende læge' "
        "[$.spec.escalation.target]"
    ), line
    assert run.returncode == 0  # a warning: the decision is DSØ's, not the builder's
    da = spguard("drift", "--lang", "da", "--today", "2026-11-23", ".", cwd=root)
    assert (
        "delt efter region i eskalering mål: i Region Sjælland har 3 af 3 kopier 'Akutteam'; "
        "i Region Hovedstaden har 4 af 4 kopier 'Vagthavende læge'" in da.stdout
    ), da.stdout


@pytest.mark.parametrize(
    ("hovedstaden", "sjaelland", "kept", "flagged"),
    [
        (3, 2, 0, False),  # Sjælland has 2 copies: below min_variants 3
        (3, 3, 0, True),
        (3, 5, 1, True),  # 4 of 5 = 0.8: the share is reached
        (3, 4, 1, False),  # 3 of 4 = 0.75: below the share
        (3, 4, 2, False),  # a tie: no dominant value
    ],
)
def test_thresholds_and_ties(
    tmp_path: Path, hovedstaden: int, sjaelland: int, kept: int, flagged: bool
) -> None:
    copies = _split(hovedstaden, sjaelland - kept, target="Akutteam")
    copies += [_copy("sjaelland", 100 + i) for i in range(kept)]
    root = _repository(tmp_path, copies)
    assert bool(_lint(root)) is flagged
    assert bool(_drift(root)) is flagged
    if flagged:  # only the copies holding the dominant value that left the standard
        assert len(_lint(root)) == sjaelland - kept


def test_thresholds_are_the_rule_sets_and_drift_follows_them(tmp_path: Path) -> None:
    root = _repository(tmp_path, _split(3, 2, target="Akutteam"))
    assert _lint(root) == [] and _drift(root) == []
    (root / "local.yaml").write_text(
        "ruleset: local\nversion: '1'\nowner: DSØ\nrules:\n  - code: LOC001\n    name: split\n"
        "    severity: warning\n    title: {da: Delt, en: Split}\n"
        "    message: {da: '{groups}', en: '{groups}'}\n    rationale: {da: Lav tærskel., en: A low threshold.}\n"
        "    check: {type: divergent, level: region, min_variants: 2, share: 1.0}\n",
        encoding="utf-8",
    )
    (root / "spguard.yaml").write_text("rulesets: [./local.yaml]\nlang: en\n", encoding="utf-8")
    result = api.lint(root, today=TODAY, use_cache=False)
    assert sorted(f.file for f in result.findings if f.code == "LOC001") == sorted(
        file for *_, files in _drift(root) for file in files
    )
    assert len(_drift(root)) == 1


def test_both_regions_agreeing_against_the_standard_is_no_split(tmp_path: Path) -> None:
    copies = [_copy(r, i, {"target": "Akutteam"}) for r in HOSPITALS for i in range(3)]
    root = _repository(tmp_path, copies)
    assert _lint(root) == [] and _drift(root) == []


def test_a_single_region_is_no_split(tmp_path: Path) -> None:
    root = _repository(tmp_path, [_copy("sjaelland", i, {"target": "Akutteam"}) for i in range(5)])
    assert _lint(root) == [] and _drift(root) == []


def test_a_local_field_is_never_flagged(tmp_path: Path) -> None:
    copies = _split(3, 0) + [
        {**_copy("sjaelland", i), "owner": "Region Sjælland"} for i in range(3)
    ]
    for data in copies[:3]:
        data["owner"] = "Region Hovedstaden"
    root = _repository(tmp_path, copies)
    assert _lint(root) == [] and _drift(root) == []


def test_list_items_are_matched_by_identity_and_a_dropped_item_counts_at_the_item(
    tmp_path: Path,
) -> None:
    copies = _split(3, 0)
    for i in range(3):  # Sjælland's copies list the bands in another order: no difference
        data = _copy("sjaelland", i)
        data["spec"]["parameters"][0]["bands"].reverse()
        copies.append(data)
    root = _repository(tmp_path, copies)
    assert _drift(root) == []
    for data in copies[3:]:  # now every Sjælland copy drops band 1 (locked: also an error)
        data["spec"]["parameters"][0]["bands"] = [
            b for b in data["spec"]["parameters"][0]["bands"] if b["id"] != "1"
        ]
    root = _repository(tmp_path / "dropped", copies)
    (found,) = divergences(load_repository(root)[0], Thresholds("region", 3, 0.8))
    assert found.path == "$.spec.parameters[?@.id=='respiration_rate'].bands[?@.id=='1']"
    assert found.item and found.contract == "locked"
    assert [g.counts for g in found.groups] == [(("present", 3),), (("missing", 3),)]
    assert {location for _, location in found.reported} == {("spec", "parameters", 0, "bands")}
    assert len(_lint(root)) == 3


def test_a_split_by_hospital(tmp_path: Path) -> None:
    copies = [_copy("hovedstaden", i, hospital="rigshospitalet") for i in range(2)]
    copies += [
        _copy("sjaelland", i, {"observation_frequency": "hver time"}, hospital="holbaek-sygehus")
        for i in range(2)
    ]
    root = _repository(tmp_path, copies)
    found = _lint(root)  # 2 copies per region: below UNI001's min_variants, not UNI002's
    assert [(code, path) for code, _, path in found] == [
        ("UNI002", "$.spec.escalation.observation_frequency")
    ] * 2
    assert [(level, path) for level, path, _ in _drift(root)] == [
        ("hospital", "$.spec.escalation.observation_frequency")
    ]


def test_two_workers_give_the_divergences_of_one_process(tmp_path: Path) -> None:
    """Drift's divergence section with two workers (the region and hospital levels computed
    in a forked process each) is the one-process section, record for record, in order."""
    from sp_config_guard.drift.classify import drift

    copies = _split(3, 3, target="Akutteam")
    copies += [_copy("hovedstaden", 10 + i, hospital="rigshospitalet") for i in range(2)]
    copies += [
        _copy(
            "sjaelland",
            10 + i,
            {"target": "Akutteam", "observation_frequency": "hver time"},
            hospital="naestved",
        )
        for i in range(2)
    ]
    root = _repository(tmp_path, copies)
    repo, _ = load_repository(root, root)
    one, two = (drift(repo, today=TODAY, workers=n).divergences for n in (1, 2))
    assert {d.level for d in one} == {"region", "hospital"}
    assert two == one


def test_places_of_a_copy_are_where_locate_finds_them() -> None:
    """Every governed field of every standard of the example, in every copy (and the list
    holding each item): one walk of the copy finds what a search of each field finds, a
    copy's added or dropped items and fields included."""
    from sp_config_guard.lint.divergence import _leaves
    from sp_config_guard.lint.places import find, locate, places_of
    from sp_config_guard.model.kinds import default_registry

    repo, _ = load_repository(EXAMPLE_REPO, EXAMPLE_REPO, use_cache=False)  # read only
    registry, checked = default_registry(), 0
    for standard in repo.docs:
        copies = repo.variants_of(standard)
        if isinstance(standard.data.get("derived_from"), dict) or not copies:
            continue
        kind = registry.get(standard.kind or "")
        std = {k: standard.data[k] for k in kind.compared if k in standard.data}
        leaves = list(_leaves(kind.root, std, (), "local", frozenset()))
        needed = {leaf.steps[:end] for leaf in leaves for end in range(len(leaf.steps) + 1)}
        for copy in copies:
            held = places_of(kind.root, copy.data, needed)
            assert held, copy.display
            for leaf in leaves:
                for steps in (leaf.steps, leaf.steps[:-1]):
                    assert find(held, copy.data, steps) == locate(copy.data, steps)
                    checked += 1
    assert checked > 1000
