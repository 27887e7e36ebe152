"""Organisation integrity over the ``Department`` artifacts (ORG007 SHAK code under the parent
hospital's code, ORG008 a scope names an existing department of its hospital and region; SOR
codes unique is ORG005) and lokalaftaler by expiry (EWS003 expired is an error, EWS005 expiring
soon a warning): the check types ``lookup``, ``expiring`` and ``reference`` with ``by`` on small
artifacts, and the shipped rules on real repositories in tmp folders through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sp_config_guard.lint import checks
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import artifact_path, canonicalise, render
from tests.conftest import Spguard
from tests.test_checks import art, run
from tests.test_removals import git

RULES = {rule.code: rule for rule in load_rules([])}
HVIDOVRE = {"level": "hospital", "region": "hovedstaden", "hospital": "hvidovre"}
SHAK_TABLE = {"rigshospitalet": "1301", "hvidovre": "1330", "psykiatri": ["1351", "1352"]}
SHAK = {
    "path": "$.spec.shak_code",
    "key": "$.spec.hospital",
    "match": "prefix",
    "table": SHAK_TABLE,
}


def department_spec(shak: str, hospital: str, sor: str = "47111000016101") -> dict[str, Any]:
    return {
        "sor_code": sor,
        "shak_code": shak,
        "hospital": hospital,
        "specialty": "gastroenterologi",
        "unit_type": "sengeafsnit",
    }


# -- lookup ------------------------------------------------------------------------------------


def test_lookup_prefix_passes_codes_under_the_hospital_and_fails_others() -> None:
    good = art("Department", "1", department_spec("1330011", "hvidovre"), scope=HVIDOVRE)
    assert run("lookup", good, SHAK) == []
    bad = art("Department", "2", department_spec("1301011", "hvidovre"), scope=HVIDOVRE)
    (hit,) = run("lookup", bad, SHAK)
    assert hit.path == ("spec", "shak_code") and hit.value == "1301011"
    assert dict(hit.fields) == {"key": "hvidovre", "expected": "1330", "reason": "mismatch"}


def test_lookup_entry_may_list_several_and_equal_is_the_default() -> None:
    for shak, hits in (("1351011", 0), ("1352011", 0), ("1353011", 1)):
        doc = art("Department", "1", department_spec(shak, "psykiatri"))
        assert len(run("lookup", doc, SHAK)) == hits, shak
    region = {
        "path": "$.scope.region",
        "key": "$.scope.hospital",
        "table": {"hvidovre": "hovedstaden"},
    }
    assert run("lookup", art("Department", "1", scope=HVIDOVRE), region) == []
    wrong = art("Department", "1", scope={**HVIDOVRE, "region": "sjaelland"})
    assert [h.fields["reason"] for h in run("lookup", wrong, region)] == ["mismatch"]
    # equal compares values, not prefixes
    prefix_only = {**region, "table": {"hvidovre": "hoved"}}
    assert len(run("lookup", art("Department", "1", scope=HVIDOVRE), prefix_only)) == 1


def test_lookup_reports_a_key_the_table_does_not_know_and_a_non_string_value() -> None:
    unknown = art("Department", "1", department_spec("9999011", "ukendt-sygehus"))
    (hit,) = run("lookup", unknown, SHAK)
    assert hit.fields["reason"] == "unknown" and hit.fields["expected"] == "?"
    number = art("Department", "1", {**department_spec("x", "hvidovre"), "shak_code": 1330011})
    assert [h.fields["reason"] for h in run("lookup", number, SHAK)] == ["mismatch"]
    # no key (the schema requires one): nothing to look up, left to the schema
    assert run("lookup", art("Department", "1", {"shak_code": "1301011"}), SHAK) == []


def test_lookup_options_are_strict() -> None:
    schema = Draft202012Validator(checks.get("lookup").OPTIONS_SCHEMA)
    assert schema.is_valid(SHAK)
    assert not schema.is_valid({**SHAK, "table": {}})
    assert not schema.is_valid({**SHAK, "match": "suffix"})
    assert not schema.is_valid({**SHAK, "table": {"hvidovre": {"code": "1330"}}})
    assert not schema.is_valid({"path": "$.spec.shak_code", "table": SHAK_TABLE})


def test_shak_table_of_org007_covers_exactly_the_known_hospitals_of_org003() -> None:
    """One list of hospitals: a hospital known to ORG003 without a code in ORG007 would be
    reported on every department, and a code for a hospital ORG003 refuses is dead."""
    hospitals = RULES["ORG003"].options["values"]
    table = RULES["ORG007"].options["table"]
    assert sorted(table) == sorted(hospitals)
    assert all(
        isinstance(code, str) and len(code) == 4 and code.isdigit() for code in table.values()
    )
    assert len(set(table.values())) == len(table)


# -- reference by a member ---------------------------------------------------------------------

BY_SHAK = {
    "path": "$.scope",
    "key": "department",
    "by": "spec.shak_code",
    "kinds": ["Department"],
    "equal": {"hospital": "spec.hospital", "region": "scope.region"},
}


def at(department: str, hospital: str = "hvidovre", region: str = "hovedstaden") -> dict[str, str]:
    return {"level": "department", "region": region, "hospital": hospital, "department": department}


def test_reference_by_finds_the_department_by_its_shak_code_not_its_id() -> None:
    gastro = art("Department", "20100193", department_spec("1330011", "hvidovre"), scope=HVIDOVRE)
    good = art("VisitType", "411001", scope=at("1330011"))
    assert run("reference", good, BY_SHAK, (gastro,)) == []
    by_id = art("VisitType", "411002", scope=at("20100193"))  # the artifact id is no SHAK code
    (hit,) = run("reference", by_id, BY_SHAK, (gastro,))
    assert hit.path == ("scope", "department") and hit.fields["reason"] == "missing"


def test_reference_by_compares_hospital_and_region_with_the_department_found() -> None:
    gastro = art("Department", "20100193", department_spec("1330011", "hvidovre"), scope=HVIDOVRE)
    moved = art("VisitType", "411003", scope=at("1330011", "slagelse-sygehus", "sjaelland"))
    hits = run("reference", moved, BY_SHAK, (gastro,))
    assert [(h.path, h.value, h.fields["expected"]) for h in hits] == [
        (("scope", "hospital"), "slagelse-sygehus", "hvidovre"),
        (("scope", "region"), "sjaelland", "hovedstaden"),
    ]
    assert {h.fields["target"] for h in hits} == {"1330011"}
    assert {h.fields["target_name"] for h in hits} == {"Department 20100193"}


def test_reference_by_a_retired_department_is_inactive_and_a_hospital_scope_names_none() -> None:
    closed = art(
        "Department", "1", department_spec("1330099", "hvidovre"), scope=HVIDOVRE, status="retired"
    )
    (hit,) = run("reference", art("VisitType", "2", scope=at("1330099")), BY_SHAK, (closed,))
    assert hit.fields["reason"] == "inactive"
    assert run("reference", art("VisitType", "3", scope=HVIDOVRE), BY_SHAK, (closed,)) == []


def test_reference_by_needs_kinds() -> None:
    schema = Draft202012Validator(checks.get("reference").OPTIONS_SCHEMA)
    assert schema.is_valid(BY_SHAK)
    assert not schema.is_valid({k: v for k, v in BY_SHAK.items() if k != "kinds"})


# -- expiring ----------------------------------------------------------------------------------

EXPIRES = {"path": "$.spec.escalation.expires", "days": 30}


@pytest.mark.parametrize(
    ("expires", "left"),
    [
        ("2026-11-22", None),  # expired yesterday: EWS003's error, not this
        ("2026-11-23", 0),  # its last day
        ("2026-12-23", 30),
        ("2026-12-24", None),
        ("2028-06-30", None),
    ],
)
def test_expiring_reports_dates_within_the_window_from_the_runs_date(
    expires: str, left: int | None
) -> None:
    doc = art("EarlyWarningScore", "1", {"escalation": {"expires": expires}})
    hits = run("expiring", doc, EXPIRES)
    assert [h.fields["days_left"] for h in hits] == ([] if left is None else [left])


def test_expiring_default_window_and_dates_it_cannot_read() -> None:
    doc = art("EarlyWarningScore", "1", {"escalation": {"expires": "2026-12-20"}})
    assert len(run("expiring", doc, {"path": EXPIRES["path"]})) == 1  # 30 days by default
    assert run("expiring", doc, {**EXPIRES, "days": 7}) == []
    for bad in ("31.12.2026", "2026-02-30", 20261220):
        doc = art("EarlyWarningScore", "1", {"escalation": {"expires": bad}})
        (hit,) = run("expiring", doc, EXPIRES)
        assert hit.fields["reason"] == "not a date" and hit.fields["days_left"] == "?"


# -- the shipped rules on real repositories ----------------------------------------------------


def department(id_: str, shak: str, hospital: str, region: str, sor: str) -> dict[str, Any]:
    return {
        "kind": "Department",
        "id": id_,
        "name": f"Afsnit {shak}",
        "scope": {"level": "hospital", "region": region, "hospital": hospital},
        "status": "active",
        "spec": department_spec(shak, hospital, sor),
    }


def visit(id_: str, scope: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": "VisitType",
        "id": id_,
        "name": f"Besøg {id_}",
        "scope": scope,
        "status": "active",
        "spec": {"duration_minutes": 30, "sks_code": "BVAA33A", "contact_type": "fremmøde"},
    }


def toks(id_: str, department: str, hospital: str, expires: str) -> dict[str, Any]:
    escalation = {
        "target": "Akutteam",
        "agreement": "Akutteamet tilkaldes direkte ved TOKS 6.",
        "approver": "Ledende overlæge",
        "expires": expires,
    }
    return {
        "kind": "EarlyWarningScore",
        "id": id_,
        "name": f"TOKS {id_}",
        "scope": at(department, hospital),
        "status": "active",
        "spec": {"score_system": "TOKS", "escalation": escalation},
    }


def write(root: Path, data: dict[str, Any]) -> str:
    clean = canonicalise(data, default_registry().get(data["kind"]))
    path = root / artifact_path(clean)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(clean), encoding="utf-8")
    return path.relative_to(root).as_posix()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "spguard.yaml").write_text("rulesets: [organisation]\n", encoding="utf-8")
    write(root, department("20100193", "1330011", "hvidovre", "hovedstaden", "47111000016101"))
    write(root, department("20100297", "3750011", "holbaek-sygehus", "sjaelland", "50311000016157"))
    return root


def lint(spguard: Spguard, root: Path, *args: str) -> tuple[int, list[tuple[str, str, str]]]:
    run = spguard("lint", "--today", "2026-11-23", "--format", "json", *args, cwd=root)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    found = json.loads(run.stdout)["findings"]
    return run.returncode, sorted((f["code"], f["file"], f["path"]) for f in found)


def test_a_clean_organisation_passes(spguard: Spguard, repo: Path) -> None:
    write(repo, visit("411001", at("1330011")))
    write(repo, visit("411002", at("3750011", "holbaek-sygehus", "sjaelland")))
    assert lint(spguard, repo) == (0, [])


def test_department_with_another_hospitals_shak_code_fails(spguard: Spguard, repo: Path) -> None:
    moved = write(
        repo, department("20100901", "1309071", "hvidovre", "hovedstaden", "59011000016901")
    )
    assert lint(spguard, repo) == (1, [("ORG007", moved, "$.spec.shak_code")])


def test_scope_naming_a_missing_or_misplaced_department_fails_also_in_a_subset(
    spguard: Spguard, repo: Path
) -> None:
    orphan = write(repo, visit("411003", at("1330012")))
    misplaced = write(repo, visit("411004", at("3750011", "slagelse-sygehus", "sjaelland")))
    expected = sorted(
        [("ORG008", misplaced, "$.scope.hospital"), ("ORG008", orphan, "$.scope.department")]
    )
    assert lint(spguard, repo) == (1, expected)
    # pre-commit passes only the variants: the departments are still seen
    assert lint(spguard, repo, orphan, misplaced) == (1, expected)
    # the department record appears: the orphan is no longer one
    write(repo, department("20100206", "1330012", "hvidovre", "hovedstaden", "47481000016108"))
    assert lint(spguard, repo, orphan) == (0, [])


def test_duplicate_sor_code_is_org005(spguard: Spguard, repo: Path) -> None:
    twin = write(
        repo, department("20100206", "1330052", "hvidovre", "hovedstaden", "47111000016101")
    )
    _, found = lint(spguard, repo)
    assert ("ORG005", twin, "$.spec.sor_code") in found
    assert ("ORG005", "hovedstaden/hvidovre/Department/20100193.yaml", "$.spec.sor_code") in found


def test_expired_lokalaftale_fails_ci_and_one_expiring_soon_only_warns(
    spguard: Spguard, repo: Path
) -> None:
    (repo / "spguard.yaml").write_text("rulesets: [early-warning]\n", encoding="utf-8")
    soon = write(repo, toks("611020", "1330011", "hvidovre", "2026-12-20"))
    code, found = lint(spguard, repo)
    assert (code, found) == (0, [("EWS005", soon, "$.spec.escalation.expires")])
    assert lint(spguard, repo, "--fail-on", "warning")[0] == 1
    expired = write(repo, toks("611040", "1330011", "hvidovre", "2026-11-22"))
    code, found = lint(spguard, repo)
    assert code == 1
    assert found == [
        ("EWS003", expired, "$.spec.escalation.expires"),
        ("EWS005", soon, "$.spec.escalation.expires"),
    ]
    # the run's date decides: a week later the first one has expired as well
    later = spguard("lint", "--today", "2026-12-21", "--format", "json", cwd=repo)
    codes = sorted(f["code"] for f in json.loads(later.stdout)["findings"])
    assert (later.returncode, codes) == (1, ["EWS003", "EWS003"])


def test_severities_of_the_expiry_rules() -> None:
    """Expired is an error, and so is an agreement with no approver or no expiry (else deleting
    the date would turn the error into a warning); expiring soon is a warning."""
    severities = [RULES[code].severity for code in ("EWS002", "EWS003", "EWS005")]
    assert severities == ["error", "error", "warning"]
    assert RULES["EWS005"].options["days"] == 30


def test_deleting_a_department_reports_its_orphans_in_lint_changed(
    spguard: Spguard, repo: Path
) -> None:
    """Pre-commit passes only the files a commit adds or changes; deleting a Department
    orphans the build at its SHAK code, which names the department by code, not by id."""
    orphan = write(repo, visit("411001", at("1330011")))
    write(repo, visit("411002", at("3750011", "holbaek-sygehus", "sjaelland")))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    git(repo, "rm", "-q", "hovedstaden/hvidovre/Department/20100193.yaml")
    assert lint(spguard, repo, "--changed") == (1, [("ORG008", orphan, "$.scope.department")])
