"""``spguard upgrade`` on a real git repository made in a temporary folder: two standards
released in three revisions, department copies made at different revisions with their own
adaptations, all upgraded in one run. The result is checked field by field, the conflicts
with both values, lint's UPG001 until a builder resolves them, the second run that changes
nothing, ``--dry-run``/``--check``, ``--to``, the archive without history, and comments kept."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from sp_config_guard import api, report
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.normalize.canonical import canonicalise, render
from tests.conftest import Spguard

pytestmark = pytest.mark.usefixtures("cache_in_tmp")

CONFIG = "standard: central\nrulesets: [shared-build, visits, order-sets, upgrade]\nlang: en\n"

VISIT: dict[str, Any] = {
    "kind": "VisitType",
    "id": "410010",
    "name": "Kardiologi - første besøg",
    "scope": {"level": "central"},
    "revision": "2026.1",
    "status": "active",
    "owner": "DSØ Fokusområde Hjerte",
    "spec": {
        "specialty": "kardiologi",
        "sks_code": "BVAA33A",
        "duration_minutes": 30,
        "contact_type": "fysisk",
    },
}


def _line(id_: str, medication: str, dose: float) -> dict[str, Any]:
    return {"id": id_, "medication": medication, "dose": {"value": dose, "unit": "mg"}}


ORDERS: dict[str, Any] = {
    "kind": "OrderSet",
    "id": "304100200",
    "name": "Hjertesvigt - ambulant opstart",
    "scope": {"level": "central"},
    "revision": "2026.1",
    "status": "active",
    "owner": "DSØ Fokusområde Hjerte",
    "spec": {
        "indication": "Hjertesvigt",
        "groups": [
            {
                "id": "100",
                "name": "Diuretika",
                "standard": True,
                "selection": "vælg flere",
                "lines": [_line("1001", "180010", 40), _line("1002", "180011", 25)],
            },
            {"id": "900", "name": "Lokalt", "local": True, "selection": "vælg flere", "lines": []},
        ],
    },
}


def _revisions() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """(VisitType, OrderSet) of each revision of the standards."""
    out = {"2026.1": (copy.deepcopy(VISIT), copy.deepcopy(ORDERS))}
    visit, orders = copy.deepcopy(out["2026.1"])
    visit["revision"] = orders["revision"] = "2026.2"
    visit["spec"]["duration_minutes"] = 40  # adaptable, changed by the standard
    lines = orders["spec"]["groups"][0]["lines"]
    lines[0]["dose"]["value"] = 80  # locked
    lines.insert(1, _line("1003", "180012", 5))  # added after 1001
    del lines[2]  # 1002 removed
    out["2026.2"] = (visit, orders)
    visit, orders = copy.deepcopy(out["2026.2"])
    visit["revision"] = orders["revision"] = "2026.3"
    visit["spec"]["sks_code"] = "BVAA33B"  # locked
    visit["spec"]["contact_type"] = "video"  # adaptable
    out["2026.3"] = (visit, orders)
    return out


def _copy(
    standard: dict[str, Any], at: str, id_: str, where: tuple[str, str, str]
) -> dict[str, Any]:
    region, hospital, department = where
    data = copy.deepcopy(standard)
    data.pop("revision")
    data.update(
        id=id_,
        name=f"{standard['name']} ({department})",
        scope={
            "level": "department",
            "region": region,
            "hospital": hospital,
            "department": department,
        },
        derived_from={"id": standard["id"], "revision": at},
        owner=f"Afdeling {department}",
    )
    return data


HERLEV = ("hovedstaden", "herlev-gentofte", "1516025")
HOLBAEK = ("sjaelland", "holbaek-sygehus", "3750011")
SLAGELSE = ("sjaelland", "slagelse-sygehus", "4202011")


def _write(root: Path, relative: str, data: dict[str, Any], comment: str = "") -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(canonicalise(data, default_registry().get(data["kind"])))
    path.write_text(comment + text, encoding="utf-8")


def _git(root: Path, *args: str) -> str:
    who = ["-c", "user.name=Test", "-c", "user.email=t@example.invalid"]
    run = subprocess.run(["git", *who, *args], cwd=root, capture_output=True, text=True, check=True)
    return run.stdout


def _file(where: tuple[str, str, str], kind: str, id_: str) -> str:
    return f"{where[0]}/{where[1]}/{where[2]}/{kind}/{id_}.yaml"


def _read(root: Path, relative: str) -> dict[str, Any]:
    return parse_yaml((root / relative).read_text(encoding="utf-8"), relative)[0]


FILES = {
    "plain": _file(HERLEV, "VisitType", "411001"),  # at 2026.1, no local change
    "both": _file(HOLBAEK, "VisitType", "411002"),  # at 2026.1, duration changed too
    "kept": _file(SLAGELSE, "VisitType", "411003"),  # at 2026.2, duration 60: kept
    "bounds": _file(HERLEV, "VisitType", "411004"),  # at 2026.2, duration out of bounds
    "current": _file(HOLBAEK, "VisitType", "411005"),  # at 2026.3 already
    "orders": _file(HERLEV, "OrderSet", "304110001"),  # at 2026.1, a local line
    "orders_conflict": _file(SLAGELSE, "OrderSet", "304110002"),  # changed a line gone since
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The repository: each standard revision committed, the copies made as they were
    released (each at its revision), then the standards' last revision committed."""
    root = tmp_path / "sp-config"
    root.mkdir()
    (root / "spguard.yaml").write_text(CONFIG, encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    revisions = _revisions()
    for number, (visit, orders) in revisions.items():
        _write(root, "central/VisitType/410010.yaml", visit)
        _write(root, "central/OrderSet/304100200.yaml", orders)
        if number == "2026.1":
            _write(root, FILES["plain"], _copy(visit, number, "411001", HERLEV))
            both = _copy(visit, number, "411002", HOLBAEK)
            both["spec"]["duration_minutes"] = 45
            _write(root, FILES["both"], both)
            local = _copy(orders, number, "304110001", HERLEV)
            local["spec"]["groups"][1]["lines"] = [_line("9001", "180020", 10)]
            _write(root, FILES["orders"], local, "# yaml-language-server: $schema=x\n")
            changed = _copy(orders, number, "304110002", SLAGELSE)
            changed["spec"]["groups"][0]["lines"][1]["comment"] = "Kun ved ødemer"
            _write(root, FILES["orders_conflict"], changed)
        if number == "2026.2":
            kept = _copy(visit, number, "411003", SLAGELSE)
            kept["spec"]["duration_minutes"] = 60
            _write(root, FILES["kept"], kept)
            bounds = _copy(visit, number, "411004", HERLEV)
            bounds["spec"]["duration_minutes"] = 200
            _write(root, FILES["bounds"], bounds)
        if number == "2026.3":
            _write(root, FILES["current"], _copy(visit, number, "411005", HOLBAEK))
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", f"standards {number}")
    return root


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.yaml"))
        if ".git" not in p.parts
    }


def test_one_run_upgrades_every_copy_by_the_contract(repo: Path) -> None:
    result = api.upgrade(repo, lang="en")
    states = {v.file: v.state for v in result.variants}
    assert states == {
        FILES["plain"]: "upgraded",
        FILES["both"]: "conflicts",
        FILES["kept"]: "upgraded",
        FILES["bounds"]: "conflicts",
        FILES["orders"]: "upgraded",
        FILES["orders_conflict"]: "conflicts",
    }
    assert result.current == 1
    assert result.exit_code() == 1  # conflicts are open

    # no local change: exactly the new standard, with the copy's own envelope
    plain = _read(repo, FILES["plain"])
    assert plain["spec"] == _revisions()["2026.3"][0]["spec"]
    assert plain["derived_from"] == {"id": "410010", "revision": "2026.3"}
    assert plain["scope"]["department"] == "1516025" and plain["owner"] == "Afdeling 1516025"
    assert plain["meta"]["upgrade"] == {"from": "2026.1", "to": "2026.3"}

    # an adaptation the standard did not touch is kept; locked and untouched fields follow
    kept = _read(repo, FILES["kept"])
    assert kept["spec"]["duration_minutes"] == 60
    assert kept["spec"]["sks_code"] == "BVAA33B" and kept["spec"]["contact_type"] == "video"
    assert kept["derived_from"]["revision"] == "2026.3"

    # both changed the adaptable duration: a conflict, the department's value kept for now,
    # the rest merged, the copy left at its old revision
    both = _read(repo, FILES["both"])
    assert both["spec"]["duration_minutes"] == 45
    assert both["spec"]["sks_code"] == "BVAA33B" and both["spec"]["contact_type"] == "video"
    assert both["derived_from"]["revision"] == "2026.1"
    assert both["meta"]["upgrade"] == {
        "from": "2026.1",
        "to": "2026.3",
        "conflicts": [
            {
                "path": "$.spec.duration_minutes",
                "reason": "both-changed",
                "base": 30,
                "department": 45,
                "standard": 40,
            }
        ],
    }
    bounds = _read(repo, FILES["bounds"])
    (conflict,) = bounds["meta"]["upgrade"]["conflicts"]
    assert conflict["reason"] == "out-of-bounds" and conflict["department"] == 200

    # items by identity: the standard's added line in its place, its removed line gone, the
    # department's own line kept, the locked dose the standard's new one
    orders = _read(repo, FILES["orders"])
    standard_lines = orders["spec"]["groups"][0]["lines"]
    assert [line["id"] for line in standard_lines] == ["1001", "1003"]
    assert standard_lines[0]["dose"] == {"value": 80, "unit": "mg"}
    assert [line["id"] for line in orders["spec"]["groups"][1]["lines"]] == ["9001"]
    text = (repo / FILES["orders"]).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=x\n")  # the header is kept

    # a line the standard removed but the department changed: a conflict, the line kept
    changed = _read(repo, FILES["orders_conflict"])
    (conflict,) = changed["meta"]["upgrade"]["conflicts"]
    assert conflict["reason"] == "removed-changed"
    assert conflict["path"] == "$.spec.groups[?@.id=='100'].lines[?@.id=='1002']"
    assert (
        conflict["department"]["comment"] == "Kun ved ødemer" and conflict.get("standard") is None
    )
    ids = [line["id"] for line in changed["spec"]["groups"][0]["lines"]]
    assert ids == ["1001", "1002", "1003"]  # where it was in the copy: after 1001


def test_a_second_run_changes_nothing(repo: Path, spguard: Spguard) -> None:
    api.upgrade(repo, lang="en")
    before = _hashes(repo)
    run = spguard("upgrade", "--check", cwd=repo)
    assert run.returncode == 0, run.stdout + run.stderr
    second = api.upgrade(repo, lang="en")
    assert _hashes(repo) == before
    assert {v.state for v in second.variants} == {"pending"}
    assert not second.changed


def test_lint_reports_each_conflict_until_a_builder_resolves_it(repo: Path) -> None:
    api.upgrade(repo, lang="en")
    found = api.lint(repo, lang="en", select=["UPG001"])
    places = sorted((f.file, f.path) for f in found.findings)
    assert [file for file, _ in places] == sorted(
        [FILES["both"], FILES["bounds"], FILES["orders_conflict"]]
    )
    message = next(f.message for f in found.findings if f.file == FILES["both"])
    assert "at duration minutes: the department has 45, the standard 40" in message
    gone = next(f.message for f in found.findings if f.file == FILES["orders_conflict"])
    assert "group 'Diuretika' (id 100) line 1002" in gone

    # the builder takes the standard's duration and removes the entry: UPG001 is gone, and
    # the next upgrade completes the copy at the new revision
    path = repo / FILES["both"]
    data = _read(repo, FILES["both"])
    data["spec"]["duration_minutes"] = 40
    data["meta"]["upgrade"]["conflicts"] = []
    _write(repo, FILES["both"], data)
    again = api.lint(repo, lang="en", select=["UPG001"])
    assert FILES["both"] not in {f.file for f in again.findings}
    done = api.upgrade(path, lang="en")
    (variant,) = done.variants
    assert variant.state == "completed"
    upgraded = _read(repo, FILES["both"])
    assert upgraded["derived_from"]["revision"] == "2026.3"
    assert upgraded["meta"]["upgrade"] == {"from": "2026.1", "to": "2026.3"}
    assert api.upgrade(path, lang="en").variants == []


def test_dry_run_and_check_write_nothing(repo: Path, spguard: Spguard) -> None:
    before = _hashes(repo)
    run = spguard("upgrade", "--dry-run", cwd=repo)
    assert run.returncode == 1, run.stderr  # conflicts would be open
    assert _hashes(repo) == before
    assert f"{FILES['plain']}: would be upgraded from revision 2026.1 to 2026.3" in run.stdout
    assert "sks code: BVAA33A -> BVAA33B" in run.stdout  # diff's words
    assert "duration minutes" in run.stdout and "department 45, standard 40" in run.stdout
    assert "nothing written" in run.stdout
    check = spguard("upgrade", "--check", "--format", "json", cwd=repo)
    assert check.returncode == 1
    document = json.loads(check.stdout)
    assert document["command"] == "upgrade" and document["check"] is True
    assert document["summary"]["changed"] == 6
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(document)
    conflicts = {v["file"]: v["conflicts"] for v in document["variants"]}
    assert conflicts[FILES["both"]] == [
        {
            "path": "$.spec.duration_minutes",
            "reason": "both-changed",
            "base": 30,
            "department": 45,
            "standard": 40,
        }
    ]
    assert _hashes(repo) == before
    both = spguard("upgrade", "--dry-run", "--check", cwd=repo)
    assert both.returncode == 2


def test_to_a_revision_and_paths(repo: Path) -> None:
    result = api.upgrade(repo / FILES["plain"], to="2026.2", lang="en")
    (variant,) = result.variants
    assert variant.state == "upgraded" and variant.to_revision == "2026.2"
    plain = _read(repo, FILES["plain"])
    assert plain["spec"] == _revisions()["2026.2"][0]["spec"]
    assert _read(repo, FILES["kept"])["derived_from"]["revision"] == "2026.2"  # not selected
    commit = _git(repo, "rev-list", "-n1", "HEAD~1").strip()
    again = api.upgrade(repo / FILES["plain"], to=commit, lang="en")
    assert again.variants == []  # 2026.2 is what that commit has: current


def test_without_history_the_archive_gives_the_base(
    repo: Path, tmp_path: Path, spguard: Spguard
) -> None:
    exported = tmp_path / "export"
    subprocess.run(["cp", "-r", str(repo), str(exported)], check=True)
    subprocess.run(["rm", "-rf", str(exported / ".git")], check=True)
    result = api.upgrade(exported / FILES["plain"], write=False, lang="en")
    (variant,) = result.variants
    assert variant.state == "not-upgradable" and "no base" in variant.reason
    assert result.exit_code() == 1
    archive = exported / ".spguard" / "standards" / "VisitType"
    archive.mkdir(parents=True)
    _write(archive.parent, "VisitType/410010@2026.1.yaml", _revisions()["2026.1"][0])
    result = api.upgrade(exported / FILES["plain"], lang="en")
    (variant,) = result.variants
    assert variant.state == "upgraded"
    assert variant.base == ".spguard/standards/VisitType/410010@2026.1.yaml"
    assert _read(exported, FILES["plain"])["spec"] == _revisions()["2026.3"][0]["spec"]
    # an archived file that is not that revision is never used
    wrong = copy.deepcopy(_revisions()["2026.2"][0])
    _write(archive.parent, "VisitType/410010@2026.1.yaml", wrong)
    stuck = api.upgrade(exported / FILES["both"], write=False, lang="en")
    assert stuck.variants[0].state == "not-upgradable"
    assert "is not the standard at revision 2026.1" in stuck.variants[0].reason
    missing = spguard("upgrade", "--archive", "no-such-folder", "--dry-run", cwd=exported)
    assert missing.returncode == 2 and "no-such-folder" in missing.stderr


def test_reports_per_department(repo: Path) -> None:
    result = api.upgrade(repo, write=False, lang="en")
    text = report.render(result, "text")
    assert text.index("hovedstaden / herlev-gentofte / 1516025") < text.index(FILES["plain"])
    assert "local changes kept:" in text and "duration minutes: 40 -> 60" in text
    markdown = report.render(result, "markdown")
    assert markdown.startswith("## Upgrade to the standards' new revisions")
    assert "### sjaelland / slagelse-sygehus / 4202011" in markdown


def test_only_the_copies_of_one_standard(repo: Path, spguard: Spguard) -> None:
    result = api.upgrade(repo, standards=["304100200"], write=False, lang="en")
    assert {v.standard for v in result.variants} == {"304100200"}
    run = spguard("upgrade", "--standard", "3041002", "--dry-run", cwd=repo)
    assert run.returncode == 2 and "--standard '3041002'" in run.stderr


def test_a_danish_run_says_it_all_in_danish(repo: Path, spguard: Spguard) -> None:
    from tests.test_locale import _leaks

    outputs = {
        fmt: spguard("upgrade", "--dry-run", "--lang", "da", "--format", fmt, cwd=repo).stdout
        for fmt in ("text", "markdown", "json")
    }
    api.upgrade(repo, lang="da")
    lint = spguard("lint", "--select", "UPG001", "--lang", "da", cwd=repo)
    outputs["lint"] = lint.stdout
    assert "afdelingen 45, standarden 40" in outputs["text"]
    assert "afdelingen har 45, standarden 40" in outputs["lint"]
    leaks = {name: _leaks(text, name == "json") for name, text in outputs.items()}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_the_builders_comments_stay_beside_their_fields(repo: Path) -> None:
    path = repo / FILES["orders"]
    text = path.read_text(encoding="utf-8")
    text = text.replace("spec:\n", "spec:  # aftalt med fokusområdet\n", 1)
    text = text.replace('  - id: "900"\n', '  # vores egen gruppe\n  - id: "900"\n', 1)
    text = text.replace("owner: Afdeling 1516025\n", "owner: Afdeling 1516025  # ejer\n", 1)
    text += "# sidst gennemgået 2026-10\n"
    path.write_text(text, encoding="utf-8")
    api.upgrade(path, lang="en")
    after = path.read_text(encoding="utf-8").splitlines()
    assert after[0] == "# yaml-language-server: $schema=x"
    assert "spec:  # aftalt med fokusområdet" in after
    assert "owner: Afdeling 1516025  # ejer" in after
    group = after.index("  # vores egen gruppe")
    assert after[group + 1] == '  - id: "900"'
    assert after[-1] == "# sidst gennemgået 2026-10"
    assert _read(repo, FILES["orders"])["derived_from"]["revision"] == "2026.3"


def test_every_conflict_reason_is_in_the_schema_and_in_words() -> None:
    from sp_config_guard.act.merge import REASONS, Conflict
    from sp_config_guard.report.upgrade_report import conflict_words

    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["upgradeConflict"]["properties"]["reason"]["enum"] == list(REASONS)
    for reason in REASONS:
        words = conflict_words(Conflict("$.spec.x", reason, 1, 2, 3))
        assert reason not in words and "department 2, standard 3 (was 1)" in words
