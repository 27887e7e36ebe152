"""Reports stored beside a stored lint result (report/stored.py) change speed, never output:
text, JSON and SARIF are byte-identical without the cache, with the cache filled, and from the
stored report (the findings then never read back), with the same exit code; every option that
changes a report gives its own; a damaged row is a miss."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sp_config_guard.result import Result
from tests.conftest import Spguard

pytestmark = pytest.mark.xdist_group("cache")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
TODAY = "2026-11-23"
LINT = ["lint", ".", "--today", TODAY]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example whose files the cache trusts by their stat (as in
    test_cache.py), every report of it stored however small."""
    monkeypatch.setattr("sp_config_guard.load.cache.RACY_NS", 0)
    monkeypatch.setattr("sp_config_guard.report.stored.SMALLEST", 0)
    out = tmp_path / "repo"
    shutil.copytree(EXAMPLE, out)
    for path in out.rglob("*.yaml"):
        os.utime(path, ns=(10**18, 10**18))
    return out


def _run(spguard: Spguard, tree: Path, args: list[str], cache: Path | None) -> tuple[int, str]:
    env = {"SPGUARD_LANG": "en", "SPGUARD_NO_CACHE": "0", "SPGUARD_CACHE_DIR": str(cache)}
    if cache is None:
        env = {"SPGUARD_LANG": "en", "SPGUARD_NO_CACHE": "1"}
    proc = spguard("--quiet", *args, cwd=tree, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout


def _reports(cache: Path) -> int:
    db = sqlite3.connect(next(cache.glob("cache-*.sqlite")))
    try:
        return int(db.execute("SELECT count(*) FROM reports").fetchone()[0])
    finally:
        db.close()


def _never_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(cls: type, data: object) -> Result:
        raise AssertionError("a stored result was read back")

    monkeypatch.setattr(Result, "from_json", classmethod(fail))


OPTIONS = {
    "text": [],
    "json": ["--format", "json"],
    "sarif": ["--format", "sarif"],
    "grouped": ["--format", "grouped"],
    "statistics": ["--statistics"],
    "colour": ["--color", "always"],
    "warnings": ["--select", "UNI001"],  # exit 0: the run fails at errors
    "warnings, failing": ["--select", "UNI001", "--fail-on", "warning"],  # the same text, 1
    "danish": ["--lang", "da"],
    "select": ["--select", "MED"],
}


def test_reports_are_the_same_cold_filled_and_stored(
    tree: Path, tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cold = {name: _run(spguard, tree, LINT + args, None) for name, args in OPTIONS.items()}
    assert len(set(cold.values())) == len(OPTIONS)  # every option its own report or exit code
    assert cold["warnings"] == (0, cold["warnings, failing"][1])
    assert cold["text"][1].count("\n") > 20
    filled = {name: _run(spguard, tree, LINT + args, cache) for name, args in OPTIONS.items()}
    assert filled == cold
    assert _reports(cache) == len(OPTIONS)  # each stored as the run that stored its result made it
    with monkeypatch.context() as scoped:
        _never_read_back(scoped)
        stored = {name: _run(spguard, tree, LINT + args, cache) for name, args in OPTIONS.items()}
    assert stored == cold


def test_the_language_and_fail_on_of_the_report_are_in_its_key(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the API, the same stored result in two languages and with two thresholds:
    each report as made afresh, each exit code its own."""
    from sp_config_guard import api, report
    from sp_config_guard.messages import language
    from sp_config_guard.report.stored import rendered
    from sp_config_guard.result import StoredResult

    monkeypatch.setenv("SPGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tree)
    day = date.fromisoformat(TODAY)
    api.lint(".", today=day, lang="en", select=["UNI001"])
    texts: dict[tuple[str, str], str] = {}
    codes: set[int] = set()
    for lang in ("en", "da", "en"):
        for fail_on in ("error", "info"):
            result = api.lint(".", today=day, lang="en", select=["UNI001"])
            assert isinstance(result, StoredResult)
            result.fail_on = fail_on
            with language(lang):
                texts[lang, fail_on] = rendered(result, "text")
                fresh = api.lint(".", today=day, lang="en", select=["UNI001"], use_cache=False)
                fresh.fail_on = fail_on
                assert texts[lang, fail_on] == report.render(fresh, "text")
            assert result.exit_code() == fresh.exit_code()
            codes.add(result.exit_code())
    assert texts["da", "error"] != texts["en", "error"] and codes == {0, 1}


def test_a_damaged_row_is_a_miss(
    tree: Path, tmp_path: Path, spguard: Spguard, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    args = [*LINT, "--format", "sarif"]
    cold = _run(spguard, tree, args, None)
    assert _run(spguard, tree, args, cache) == cold
    database = next(cache.glob("cache-*.sqlite"))
    db = sqlite3.connect(database)
    try:  # the report damaged: made again from the stored result
        db.execute("UPDATE reports SET data = x'789c00112233'")
        db.commit()
        assert _run(spguard, tree, args, cache) == cold
        db.execute("UPDATE reports SET exit = 'one', data = x'00'")
        db.commit()
        assert _run(spguard, tree, args, cache) == cold
        # the report gone and the result damaged too: the lint is made again, uncached
        db.execute("DELETE FROM reports")
        db.execute("UPDATE results SET data = x'789c00112233'")
        db.commit()
        assert _run(spguard, tree, args, cache) == cold
    finally:
        db.close()
    assert _run(spguard, tree, args, cache) == cold
