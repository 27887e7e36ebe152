"""include/exclude globs are matched by one compiled expression per list: the same answer as
fnmatch.fnmatchcase on each pattern, for any patterns and paths."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.load.config import Config, Override, _any_of

PARTS = st.sampled_from(
    ["*", "**", "?", "[ab]", "[!c]", "central", "Medication", "x.yaml", "drafts", ".", "-"]
)
PATTERNS = st.lists(st.lists(PARTS, min_size=1, max_size=4).map("/".join), max_size=4)
NAMES = st.lists(
    st.sampled_from(["central", "Medication", "a", "b", "c", "x.yaml", "drafts", ".h", "1"]),
    min_size=1,
    max_size=5,
).map("/".join)


@settings(max_examples=400, deadline=None)
@given(patterns=PATTERNS, name=NAMES)
def test_one_expression_answers_as_fnmatch_on_each_pattern(patterns: list[str], name: str) -> None:
    expected = any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    assert bool(_any_of(tuple(patterns)).match(name)) == expected


def test_config_include_exclude_and_overrides() -> None:
    config = Config(Path("."), include=("central/*", "hovedstaden/*"), exclude=("*/drafts/*",))
    assert config.wanted("central/Medication/1.yaml")
    assert not config.wanted("central/drafts/1.yaml")
    assert not config.wanted("sjaelland/Medication/1.yaml")
    assert Config(Path(".")).wanted("anything/at/all.yaml")
    override = Override(paths=("hovedstaden/*",))
    assert override.matches("hovedstaden/x/Medication/2.yaml")
    assert not override.matches("central/Medication/2.yaml")
