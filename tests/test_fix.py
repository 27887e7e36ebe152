"""``spguard fix`` on copies of the example repository: fix then lint leaves no fixable finding
and every other finding as it was; fix on a fixed tree changes no byte; ``--select``,
``--dry-run`` and ``--diff``; comments kept; waived findings left alone, baselined ones fixed;
the SARIF ``fixes`` lint reports are exactly what fix writes."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from sp_config_guard import api, report
from sp_config_guard.act.fix import fix as apply_fixes
from sp_config_guard.lint.repairs import apply_repairs
from sp_config_guard.result import Repair, Result

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
SARIF_SCHEMA = Path(__file__).resolve().parent / "fixtures" / "sarif-schema-2.1.0.json"
TODAY = date(2026, 11, 23)
MEDICATION = "hovedstaden/herlev-gentofte/1516021/Medication/180022.yaml"  # MED006: route IV
NAVIGATOR = "sjaelland/slagelse-sygehus/4202011/Navigator/821176.yaml"  # NAV004: a section gone


def _copy(where: Path) -> Path:
    root = where / "sp-config"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".spguard-cache"))
    return root


def _hashes(root: Path) -> dict[str, str]:
    """The digest of every file under ``root`` (the cache aside, which is not the tree's)."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".spguard-cache" not in path.parts
    }


def _lint(root: Path, **options: Any) -> Result:
    return api.lint(root, lang="en", today=TODAY, **options)


@dataclass
class Fixed:
    root: Path
    before: Result
    plain: Result  # the same lint without text edits (every format but SARIF)
    texts: dict[str, str]  # the text of every file before the fix
    sarif: dict[str, Any]
    hashes: dict[str, str]
    after_fix: dict[str, str]
    output: str
    code: int


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixed]:
    """A copy of the example, linted, then fixed through the API."""
    where = tmp_path_factory.mktemp("fix")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPGUARD_CACHE_DIR", str(where / "cache"))
        root = _copy(where)
        before = _lint(root, edits=True)  # as for --format sarif
        plain = _lint(root)
        texts = {
            p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*.yaml")
        }
        sarif = json.loads(report.render(before, "sarif"))
        hashes = _hashes(root)
        result = api.fix(root, lang="en", today=TODAY)
        yield Fixed(
            root,
            before,
            plain,
            texts,
            sarif,
            hashes,
            _hashes(root),
            report.render(result, "text"),
            result.exit_code(),
        )


def test_fix_then_lint_leaves_no_fixable_finding_and_the_others_as_they_were(
    fixed: Fixed,
) -> None:
    fixable = [f for f in fixed.before.findings if f.fixable]
    assert {f.code for f in fixable} >= {"MED006", "ORD001", "NAV004", "PRT001", "BLD006"}
    after = _lint(fixed.root)
    assert [f for f in after.findings if f.fixable] == []
    others = sorted(f.fingerprint for f in fixed.before.findings if not f.fixable)
    assert sorted(f.fingerprint for f in after.findings) == others
    # exactly the files of the fixable findings changed, and nothing else
    changed = {name for name, digest in fixed.after_fix.items() if fixed.hashes[name] != digest}
    assert changed == {f.file for f in fixable}
    assert fixed.output.splitlines()[-1] == (
        f"fix: {len(fixable)} finding(s) fixed in {len(changed)} file(s), "
        f"{len(others)} finding(s) left"
    )
    assert fixed.code == 1  # other errors are left, as lint would say


def test_fix_says_what_changed_in_the_words_of_diff(fixed: Fixed) -> None:
    lines = fixed.output.splitlines()
    assert lines[lines.index(MEDICATION) + 1] == "  - route: IV -> PO"
    assert lines[lines.index(NAVIGATOR) + 1] == (
        "  - section medicinafstemning added: 'Medicinafstemning' (id medicinafstemning)"
    )


def test_a_restored_item_goes_where_the_standard_has_it(fixed: Fixed) -> None:
    text = (fixed.root / NAVIGATOR).read_text(encoding="utf-8")
    ids = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  - id: ")]
    standard = next(fixed.root.glob("central/Navigator/820030.yaml")).read_text(encoding="utf-8")
    wanted = [
        line.split(": ", 1)[1] for line in standard.splitlines() if line.startswith("  - id: ")
    ]
    assert [i for i in ids if i in wanted] == wanted


def test_fix_on_a_fixed_tree_changes_no_byte(fixed: Fixed, spguard: Any) -> None:
    ran = spguard("fix", "--lang", "en", cwd=fixed.root, env={"SPGUARD_CACHE_DIR": None})
    assert ran.stdout.splitlines()[-1] == "fix: nothing to fix"
    assert ran.returncode == 1  # the findings no fix can repair are still there
    assert _hashes(fixed.root) == fixed.after_fix


def test_lint_reports_sarif_fixes_that_are_what_fix_writes(fixed: Fixed) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = [e.message for e in Draft4Validator(schema).iter_errors(fixed.sarif)]
    assert errors == []
    results = [r for r in fixed.sarif["runs"][0]["results"] if "fixes" in r]
    assert len(results) == sum(1 for f in fixed.before.findings if f.fixable)
    for result in results:  # each file of the example has one fixable finding
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        region, new = replacement["deletedRegion"], replacement["insertedContent"]["text"]
        lines = fixed.texts[change["artifactLocation"]["uri"]].splitlines(keepends=True)
        start, end = region["startLine"] - 1, region["endLine"] - 1
        edited = "".join([*lines[:start], new, *lines[end:]])
        written = (fixed.root / change["artifactLocation"]["uri"]).read_text(encoding="utf-8")
        assert edited == written


def test_text_edits_are_made_for_sarif_only_and_change_nothing_else(fixed: Fixed) -> None:
    def facts(result: Result) -> list[tuple[str, bool]]:
        return [(f.fingerprint, f.fixable) for f in result.sorted_findings()]

    assert facts(fixed.plain) == facts(fixed.before)
    assert all(f.repair is None or f.repair.edit is None for f in fixed.plain.findings)
    results = json.loads(report.render(fixed.plain, "sarif"))["runs"][0]["results"]
    assert results and not any("fixes" in r for r in results)


def test_lint_marks_what_fix_repairs(fixed: Fixed) -> None:
    text = report.render(fixed.before, "text").splitlines()
    marked = [line for line in text if " [*] " in line]
    assert len(marked) == sum(1 for f in fixed.before.findings if f.fixable)
    assert all(line.split()[3] == "[*]" for line in marked)
    assert text[-1] == f"[*] {len(marked)} fixable with `spguard fix`"
    records = json.loads(report.render(fixed.before, "json"))["findings"]
    assert sorted(r["code"] for r in records if r["fixable"]) == sorted(
        f.code for f in fixed.before.findings if f.fixable
    )


def test_dry_run_and_diff_write_nothing(tmp_path: Path, spguard: Any) -> None:
    root = _copy(tmp_path)
    hashes = _hashes(root)
    env = {"SPGUARD_CACHE_DIR": str(tmp_path / "cache")}
    dry = spguard("fix", "--dry-run", "--lang", "en", cwd=root, env=env)
    shown = spguard("fix", "--diff", "--select", "MED006", "--lang", "en", cwd=root, env=env)
    assert _hashes(root) == hashes
    assert dry.returncode == shown.returncode == 1
    assert "  - route: IV -> PO" in dry.stdout.splitlines()
    assert "nothing written" in dry.stdout.splitlines()[-1]
    assert f"+++ b/{MEDICATION}" in shown.stdout
    assert "-  route: IV\n+  route: PO\n" in shown.stdout


def test_select_fixes_only_those_codes(tmp_path: Path, spguard: Any) -> None:
    root = _copy(tmp_path)
    hashes = _hashes(root)
    env = {"SPGUARD_CACHE_DIR": str(tmp_path / "cache")}
    ran = spguard("fix", "--select", "MED006", "--lang", "en", cwd=root, env=env)
    assert ran.returncode == 0  # as lint --select MED006 would say afterwards
    after = _hashes(root)
    assert {name for name in hashes if hashes[name] != after[name]} == {MEDICATION}
    left = {f.code for f in _lint(root, select=["MED", "ORD", "NAV"]).findings if f.fixable}
    assert "MED006" not in left and {"ORD001", "NAV004"} <= left


def test_a_file_with_comments_keeps_them(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / MEDICATION
    old = path.read_text(encoding="utf-8")
    commented = (
        "# yaml-language-server: $schema=../../../../../schemas/kinds/Medication.schema.json\n"
        + old.replace("spec:\n", "# lokal tilpasning aftalt med afdelingen\nspec:\n")
        .replace("  route: IV\n", "  # givet intravenøst her\n  route: IV  # se instruks\n")
        .replace("  form: tablet\n", "  form: tablet  # kun tabletter\n")
    )
    path.write_text(commented, encoding="utf-8")
    result = api.fix(root, lang="en", today=TODAY, select=["MED006"], use_cache=False)
    assert [item.file for item in result.files] == [MEDICATION]
    expected = commented.replace("route: IV  # se", "route: PO  # se")
    assert path.read_text(encoding="utf-8") == expected


def test_a_waived_finding_stays_and_a_baselined_one_is_fixed(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "waivers.yaml").write_text(
        "waivers:\n"
        "  - id: W-7\n"
        "    rule: MED006\n"
        '    artifacts: ["180022"]\n'
        "    reason: Intravenøs furosemid aftalt med afdelingens overlæge.\n"
        "    ticket: SP-7\n"
        "    approved_by: Fokusområde Medicin\n"
        '    approved_on: "2026-10-01"\n'
        '    expires: "2027-10-01"\n',
        encoding="utf-8",
    )
    sets = {"rulesets": ["medication", "navigators"], "lang": "en"}  # two rule sets: faster
    config = api.configuration(root, waivers=root / "waivers.yaml", **sets)
    api.write_baseline(config=config, today=TODAY)  # every finding, MED006 waived beside it
    config = api.configuration(root, waivers=root / "waivers.yaml", **sets)
    before = api.lint(root, config=config, today=TODAY, use_cache=False)
    waived = next(f for f in before.findings if f.code == "MED006")
    assert waived.waived_by == "W-7" and not waived.fixable and waived.repair is not None
    baselined = [f for f in before.findings if f.fixable]
    assert baselined and all(f.baselined for f in baselined)
    med = (root / MEDICATION).read_bytes()
    result = api.fix(root, config=config, today=TODAY, use_cache=False)
    assert (root / MEDICATION).read_bytes() == med
    assert {item.file for item in result.files} == {f.file for f in baselined}
    assert result.exit_code() == 0  # what is left is waived or in the baseline


def test_a_file_changed_since_lint_is_not_forced(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    found = _lint(root, select=["MED006"], use_cache=False)
    path = root / MEDICATION
    path.write_text(path.read_text(encoding="utf-8").replace("route: IV", "route: PO"))
    changed = path.read_bytes()
    result = apply_fixes(found, root)
    assert [p.code for p in result.problems] == ["FIX002"] and result.files == []
    assert path.read_bytes() == changed and result.exit_code() == 1


def test_restored_items_follow_the_standards_order_where_it_matters() -> None:
    data = {"spec": {"items": [{"id": "a"}, {"id": "c"}]}}
    repairs = [
        Repair("insert", ("spec", "items"), {"id": "b2"}, "id", "b"),  # after one restored too
        Repair("insert", ("spec", "items"), {"id": "y"}, "id", "x"),  # its neighbour is gone
        Repair("insert", ("spec", "items"), {"id": "b"}, "id", "a"),
        Repair("insert", ("spec", "items"), {"id": "0"}, "id", None),
        Repair("insert", ("spec", "items"), {"id": "z"}, "id", "a", ordered=False),
        Repair("insert", ("spec", "items"), {"id": "c"}, "id", "b"),  # there already
        Repair("set", ("spec", "items", 1, "name"), "C"),  # positions of the file as read
    ]
    out, done = apply_repairs(data, repairs)
    assert [i["id"] for i in out["spec"]["items"]] == ["0", "a", "b", "b2", "c", "z", "y"]
    assert out["spec"]["items"][4] == {"id": "c", "name": "C"} and done == 6
    assert data == {"spec": {"items": [{"id": "a"}, {"id": "c"}]}}  # the input is not changed


def test_a_file_outside_the_repository_is_never_written(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    found = _lint(root, select=["MED006"], use_cache=False)
    (finding,) = [f for f in found.findings if f.fixable]
    outside = tmp_path / "180022.yaml"
    shutil.copy(root / MEDICATION, outside)
    (root / "link.yaml").symlink_to(outside)
    before = outside.read_bytes()
    for name in ("../180022.yaml", "link.yaml", str(outside)):
        found.findings = [replace(finding, file=name)]
        result = apply_fixes(found, root)
        assert [p.code for p in result.problems] == ["FIX001"], name
        assert result.files == [] and result.exit_code() == 1
    assert outside.read_bytes() == before


@pytest.mark.usefixtures("cache_in_tmp")
def test_lint_format_sarif_carries_the_fixes(spguard: Any) -> None:
    ran = spguard("lint", MEDICATION, "--format", "sarif", "--select", "MED006", cwd=EXAMPLE)
    (result,) = json.loads(ran.stdout)["runs"][0]["results"]
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "  route: PO\n"
    assert ran.returncode == 1


def test_a_restored_item_keeps_the_comments_around_it(tmp_path: Path, fixed: Fixed) -> None:
    root = _copy(tmp_path)
    path = root / NAVIGATOR
    comments = {
        "  # epikrisen først\n": "  - id: udskrivningsnotat\n",
        "  # FMK skal afstemmes\n": "  - id: recepter\n",
    }
    text = path.read_text(encoding="utf-8")
    for comment, line in comments.items():
        text = text.replace(line, comment + line)
    text = text.replace("title: Recepter og FMK\n", "title: Recepter og FMK  # aftalt\n")
    path.write_text(text, encoding="utf-8")
    api.fix(root, lang="en", today=TODAY, select=["NAV004"], use_cache=False)
    out = path.read_text(encoding="utf-8")
    for comment, line in comments.items():
        assert comment + line in out
    assert "    title: Recepter og FMK  # aftalt\n" in out
    # without its comments, the file is what fix writes for the file without them
    bare = out.replace("  # aftalt", "")
    for comment in comments:
        bare = bare.replace(comment, "")
    assert bare == (fixed.root / NAVIGATOR).read_text(encoding="utf-8")
