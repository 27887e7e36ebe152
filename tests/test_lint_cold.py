"""A cold lint of a whole repository does each piece of shared work once: git history is
read once per (standard, revision) of its stale copies, whatever the number of copies and
rules, and the findings stay what they were."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard import api
from sp_config_guard.lint.checks import locked
from sp_config_guard.load.loader import Document
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.load.yamlio import parse_yaml

TREE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
pytestmark = [
    pytest.mark.usefixtures("cache_in_tmp"),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def _git(repo: Path, *args: str) -> None:
    who = ["-c", "user.name=Test", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", *who, *args], cwd=repo, check=True, capture_output=True)


def _moved_on(tmp_path: Path) -> tuple[Path, set[str]]:
    """The example committed, then a Medication standard with several copies changes a
    locked field and bumps its revision (its copies are stale); the copies' files."""
    repo = tmp_path / "sp-config"
    shutil.copytree(TREE, repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "import")
    loaded = load_repository(repo)[0]
    standard = next(
        doc
        for doc in sorted(loaded.of_kind("Medication"), key=lambda d: d.display)
        if "derived_from" not in doc.data and len(loaded.variants_of(doc)) > 2
    )
    path = standard.path
    text = path.read_text(encoding="utf-8")
    (data,) = parse_yaml(text, "x")
    year, number = str(data["revision"]).split(".")
    value = data["spec"]["strength"]["value"]
    text = text.replace(f'revision: "{data["revision"]}"', f'revision: "{year}.{int(number) + 1}"')
    text = text.replace(f"value: {value}\n", f"value: {value + 1}\n", 1)
    path.write_text(text, encoding="utf-8")
    _git(repo, "commit", "-qam", "the standard moves on")
    return repo, {doc.display for doc in loaded.variants_of(standard)}


def test_git_history_is_read_once_per_standard_and_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, copies = _moved_on(tmp_path)
    asked: Counter[tuple[str, str]] = Counter()
    lookup = locked.standard_at_revision

    def counted(standard: Document, revision: str) -> Any:
        asked[(standard.display, revision)] += 1
        return lookup(standard, revision)

    monkeypatch.setattr(locked, "standard_at_revision", counted)
    result = api.lint(repo, today=date(2026, 11, 23), use_cache=False, workers=1)
    assert asked and set(asked.values()) == {1}
    # the copies still on the old value are stale, not local changes of a locked field
    on_strength = [
        f for f in result.findings if f.path == "$.spec.strength.value" and f.file in copies
    ]
    assert len(copies) > 2 and not on_strength


def test_workers_get_whole_families_and_the_findings_stay_in_file_order() -> None:
    from sp_config_guard.lint.engine import _families

    docs = load_repository(TREE)[0].docs
    families = _families(docs)
    assert sorted(i for family in families for i in family) == list(range(len(docs)))
    held: dict[tuple[str | None, str], list[int]] = {}
    for index, doc in enumerate(docs):
        if doc.facts.parent is not None and doc.facts.kind is not None:
            held.setdefault((doc.facts.kind, doc.facts.parent), []).append(index)
    copies = [family for family in families if family in held.values()]
    assert len(copies) == len(held) and any(len(family) > 1 for family in copies)
    assert all(len(family) == 1 for family in families if family not in held.values())


def test_one_and_two_workers_lint_alike(tmp_path: Path) -> None:
    from sp_config_guard.report.json_report import render

    runs = [
        render(api.lint(TREE, today=date(2026, 11, 23), use_cache=False, workers=n)) for n in (1, 2)
    ]
    assert runs[0] == runs[1]


def test_a_familys_copies_are_read_once_for_both_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    from sp_config_guard.lint import divergence

    read: Counter[tuple[int, Any]] = Counter()
    find = divergence.find

    def counted(places: Any, data: Any, steps: Any) -> Any:
        read[(id(data), steps)] += 1
        return find(places, data, steps)

    monkeypatch.setattr(divergence, "find", counted)
    result = api.lint(TREE, today=date(2026, 11, 23), use_cache=False, workers=1)
    # each copy at each place once, though the region and the hospital rules both ask
    assert read and set(read.values()) == {1}
    assert "UNI001" in {f.code for f in result.findings}


@pytest.mark.parametrize(
    "texts",
    [
        [],
        ["010101", "1234"],  # joined without a break these would be one number
        ["x 010101-", "1234 y"],
        ["0101011234"],
        ["journal 320101-1234", "ok", "111111-1118"],
        ["12345", "67890", "010101 1234\n"],
        ["00000", "0101011234567"],  # inside a longer run of digits: none
        ["", "\n", "310299-1111"],
    ],
)
def test_one_search_of_a_copys_texts_finds_what_searching_each_finds(texts: list[str]) -> None:
    from sp_config_guard.lint.checks import cpr

    assert cpr.any_cpr(texts) is any(cpr.cpr_numbers(text) for text in texts)


@given(st.lists(st.text(alphabet="0123456789 -\n\u2013\u00a0ab", max_size=14), max_size=6))
@settings(max_examples=300, deadline=None)
def test_texts_joined_for_the_cpr_search_never_make_or_hide_a_number(texts: list[str]) -> None:
    from sp_config_guard.lint.checks import cpr

    assert cpr.any_cpr(texts) is any(cpr.cpr_numbers(text) for text in texts)


@pytest.mark.parametrize(
    ("min_variants", "share", "least"),
    [(3, 0.8, 3), (2, 1.0, 2), (10, 0.7, 7), (1, 0.6, 1), (5, 0.51, 3), (4, 0.75, 3)],
)
def test_a_counting_groups_dominant_value_has_at_least_so_many_copies(
    min_variants: int, share: float, least: int
) -> None:
    from sp_config_guard.lint import divergence

    limits = divergence.Thresholds("region", min_variants, share)
    assert divergence._least_dominant(limits) == least
    # the smallest group that counts: min_variants copies, the fewest that reach the share
    assert least / min_variants >= share and (least - 1) / min_variants < share


@pytest.mark.parametrize(("min_variants", "share"), [(3, 0.8), (2, 1.0), (2, 0.6), (1, 0.51)])
def test_fields_left_unmeasured_never_split(
    monkeypatch: pytest.MonkeyPatch, min_variants: int, share: float
) -> None:
    from sp_config_guard.lint import divergence

    measured = Counter[bool]()
    measure = divergence._measure

    def counted(limits: Any, cells: Any) -> Any:
        measured[pruned] += 1
        return measure(limits, cells)

    monkeypatch.setattr(divergence, "_measure", counted)
    repo = load_repository(TREE)[0]
    found = {}
    for pruned in (True, False):
        if not pruned:
            monkeypatch.setattr(divergence, "_least_dominant", lambda limits: 1)
        divergence._CACHE.pop(repo, None)
        found[pruned] = [
            divergence.divergences(repo, divergence.Thresholds(level, min_variants, share))
            for level in divergence.LEVELS
        ]
    assert found[True] == found[False] and any(found[True])
    if min_variants * share > 1:  # else every field held two ways may split
        assert measured[True] < measured[False]
