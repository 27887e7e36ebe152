"""``spguard promote`` (issue #16): allowed local changes that several copies made the same way
are found from the data, listed with their copies and usage, and ``--apply ID`` writes the
standard's next revision with that change; on real copies of the example, in real git
repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard import api
from sp_config_guard.act.promote import candidate_id, next_revision
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.comments import artifact_text
from tests.conftest import Spguard
from tests.test_listings import valid

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sp-config"
SMS = "950100"  # ProfileSetting: four Sjælland hospitals send the SMS reminder 2 days ahead, not 3
TODAY = "2026-12-03"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the example as a git repository with one commit."""
    target = tmp_path / "sp-config"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".spguard-cache"))
    _git(target, "init", "-q", "-b", "main")
    _commit(target, "import")
    return target


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    run = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


def _promote(spguard: Spguard, repo: Path, *args: str) -> dict[str, Any]:
    run = spguard("promote", repo, "--format", "json", "--lang", "en", "--today", TODAY, *args)
    assert run.returncode == 0, run.stderr
    return valid(run.stdout)


def _drift(repo: Path) -> list[Any]:
    return api.drift(repo, lang="en", today=date(2026, 12, 3)).deviations


def test_the_example_has_one_candidate_made_by_four_hospitals(spguard: Spguard, repo: Path) -> None:
    (candidate,) = _promote(spguard, repo)["candidates"]
    adaptations = sorted(
        d.file for d in _drift(repo) if d.standard == SMS and d.cls == "adaptation"
    )
    assert [c["file"] for c in candidate["copies"]] == adaptations and len(adaptations) == 4
    assert (candidate["kind"], candidate["standard"], candidate["path"]) == (
        "ProfileSetting",
        SMS,
        "$.spec.value",
    )
    assert (candidate["standard_value"], candidate["value"], candidate["text"]) == (
        3,
        2,
        "value: 3 -> 2",
    )
    assert candidate["regions"] == ["sjaelland"] and len(candidate["hospitals"]) == 4
    assert candidate["copies"][0]["place"] == "Holbæk Sygehus (holbaek-sygehus)"
    assert candidate["id"] == candidate_id("ProfileSetting", SMS, "$.spec.value", "changed", 2)
    assert candidate["standard_file"] == f"central/ProfileSetting/{SMS}.yaml"


def test_thresholds_come_from_flags_and_the_configuration(spguard: Spguard, repo: Path) -> None:
    assert _promote(spguard, repo, "--min-departments", "5")["candidates"] == []
    assert _promote(spguard, repo, "--min-hospitals", "5")["candidates"] == []
    config = repo / "spguard.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "promote:\n  min_departments: 5\n", encoding="utf-8"
    )
    found = _promote(spguard, repo)
    assert found["settings"] == {"min_departments": 5, "min_hospitals": 2}
    assert found["candidates"] == []
    assert len(_promote(spguard, repo, "--min-departments", "4")["candidates"]) == 1


def _sjaelland_copies(repo: Path) -> list[Path]:
    return sorted(
        repo / d.file for d in _drift(repo) if d.standard == SMS and d.cls == "adaptation"
    )


def _edit(path: Path, change: Any) -> None:
    """Change an artifact's data with ``change`` and write it back in canonical form."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    kind = default_registry().get(data["kind"])
    path.write_text(artifact_text(data, kind, path.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_change_the_contract_locks_is_never_a_candidate(spguard: Spguard, repo: Path) -> None:
    """The same copies calling the setting safety-relevant lock its value (locked_when): the
    shared value is a violation then, and neither it nor the locked field is listed."""
    for path in _sjaelland_copies(repo):
        _edit(path, lambda data: data["spec"].update(safety_relevant=True))
    classes = {d.path: d.cls for d in _drift(repo) if d.standard == SMS and d.cls != "stale"}
    assert classes == {"$.spec.value": "violation", "$.spec.safety_relevant": "violation"}
    assert _promote(spguard, repo)["candidates"] == []
    run = spguard(
        "promote",
        repo,
        "--apply",
        candidate_id("ProfileSetting", SMS, "$.spec.value", "changed", 2),
    )
    assert run.returncode == 2 and "no such candidate" in run.stderr


def test_apply_writes_the_next_revision_and_the_copies_then_agree(
    spguard: Spguard, repo: Path
) -> None:
    standard = repo / "central" / "ProfileSetting" / f"{SMS}.yaml"
    old = standard.read_text(encoding="utf-8")
    standard.write_text(
        old.replace("  value: 3\n", "  value: 3 # aftalt i DSØ 2025\n"), encoding="utf-8"
    )
    _commit(repo, "a comment")
    (candidate,) = _promote(spguard, repo)["candidates"]

    dry = _promote(spguard, repo, "--apply", candidate["id"], "--dry-run")
    assert dry["applied"] | {"written": True} == {
        "candidate": candidate["id"],
        "file": candidate["standard_file"],
        "from_revision": "2026.3",
        "revision": "2026.4",
        "changes": ["value: 3 -> 2"],
        "written": True,
    }
    assert dry["applied"]["written"] is False
    assert _git(repo, "status", "--porcelain") == ""  # nothing written

    done = _promote(spguard, repo, "--apply", candidate["id"])
    assert done["applied"]["written"] is True
    data = yaml.safe_load(standard.read_text(encoding="utf-8"))
    assert (data["revision"], data["spec"]["value"]) == ("2026.4", 2)
    (promotion,) = data["meta"]["promotions"]
    assert promotion == {
        "candidate": candidate["id"],
        "date": TODAY,
        "from_revision": "2026.3",
        "revision": "2026.4",
        "field": "$.spec.value",
        "copies": [c["file"] for c in candidate["copies"]],
    }
    assert "# aftalt i DSØ 2025" in standard.read_text(encoding="utf-8")  # comment kept
    assert spguard("normalize", "--check", standard).returncode == 0  # canonical
    assert spguard("validate", standard).returncode == 0
    changed = _git(repo, "status", "--porcelain").split()
    assert changed == ["M", f"central/ProfileSetting/{SMS}.yaml"]  # only the standard

    _commit(repo, "promote")
    # every copy is stale now; the history says the others' 3 is the standard's old value,
    # so nothing is an adaptation of the field any more, and there is nothing left to promote
    of_sms = [d for d in _drift(repo) if d.standard == SMS]
    assert {d.cls for d in of_sms} == {"stale"}
    assert not [d for d in of_sms if d.path == "$.spec.value" and d.file in promotion["copies"]]
    assert _promote(spguard, repo)["candidates"] == []
    again = spguard("promote", repo, "--apply", candidate["id"])
    assert again.returncode == 2 and "no such candidate" in again.stderr


def test_an_item_added_the_same_way_is_added_to_the_standard(spguard: Spguard, repo: Path) -> None:
    """A preference-list entry one department added, added by two more of other hospitals."""
    added = [d for d in _drift(repo) if d.cls == "local-addition" and d.kind == "PreferenceList"]
    (first,) = added
    variants = api.drift(repo, lang="en").variants
    others = sorted(
        (v for v in variants if v.standard == first.standard and v.file != first.file),
        key=lambda v: (v.scope.get("hospital") == first.scope.get("hospital"), v.file),
    )
    chosen = [v.file for v in others[:2]]  # another hospital's first
    assert others[0].scope.get("hospital") != first.scope.get("hospital")
    assert len(chosen) == 2
    for file in chosen:
        _edit(repo / file, lambda data: data["spec"]["entries"].append(first.value))
    found = _promote(spguard, repo)["candidates"]
    (candidate,) = [c for c in found if c["op"] == "added"]
    assert candidate["path"] == first.path and candidate["value"] == first.value
    assert sorted(c["file"] for c in candidate["copies"]) == sorted([first.file, *chosen])
    _promote(spguard, repo, "--apply", candidate["id"])
    standard = repo / candidate["standard_file"]
    entries = yaml.safe_load(standard.read_text(encoding="utf-8"))["spec"]["entries"]
    assert entries[-1] == first.value
    assert spguard("validate", standard).returncode == 0


def test_output_is_deterministic_in_every_format_and_language(spguard: Spguard, repo: Path) -> None:
    for fmt in ("text", "json", "markdown"):
        for lang in ("en", "da"):
            runs = [
                spguard("promote", repo, "--format", fmt, "--lang", lang).stdout for _ in range(2)
            ]
            assert runs[0] == runs[1] and runs[0]
    text = spguard("promote", repo, "--lang", "en").stdout
    assert "spguard promote --apply 950100-" in text and "Slagelse Sygehus" in text
    danish = spguard("promote", repo, "--lang", "da").stdout
    assert "kandidat(er) til standarden" in danish and "anvendelser på 90 dage" in danish
    markdown = spguard("promote", repo, "--format", "markdown", "--lang", "en").stdout
    assert markdown.startswith("### spguard promote") and "| `950100-" in markdown


def test_usage_is_summed_over_the_copies_that_report_it(spguard: Spguard, repo: Path) -> None:
    copies = _sjaelland_copies(repo)
    for uses, path in zip((40, 12), copies, strict=False):
        _edit(path, lambda data, uses=uses: data.update(usage={"uses_90d": uses}))
    (candidate,) = _promote(spguard, repo)["candidates"]
    assert candidate["uses_90d"] == 52
    assert [c["uses_90d"] for c in candidate["copies"]] == [40, 12, None, None]


@pytest.mark.parametrize(
    ("revision", "today", "after"),
    [("2026.3", date(2026, 12, 3), "2026.4"), ("2025.7", date(2026, 1, 2), "2026.1")],
)
def test_next_revision(revision: str, today: date, after: str) -> None:
    assert next_revision(revision, today) == after


def test_an_unknown_id_is_a_usage_error_and_writes_nothing(spguard: Spguard, repo: Path) -> None:
    run = spguard("promote", repo, "--apply", "950100-000000", "--lang", "en")
    assert run.returncode == 2
    assert "950100-000000" in run.stderr and "950100-" in run.stderr.split("now are:")[1]
    assert _git(repo, "status", "--porcelain") == ""
    assert json.loads(spguard("promote", repo, "--format", "json").stdout)["applied"] is None
