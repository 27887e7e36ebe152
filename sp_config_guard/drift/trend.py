"""The drift history's result (``spguard drift --history``, made by
:mod:`sp_config_guard.drift.history`): a point per step with its roll-ups, the standard
revisions released on the way, and the newest step's whole drift; what the reporters read
(they never import the stages below drift's result)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sp_config_guard.drift.result import DriftResult, Rollup

LEVELS = ("region", "hospital", "department")


@dataclass(frozen=True)
class Release:
    """A standard revision released between two steps: first seen at ``commit``."""

    commit: str
    date: str
    kind: str
    standard: str
    name: str
    revision: str
    previous: str | None
    file: str


@dataclass(frozen=True)
class Point:
    """The drift at one step: the commit, its time, counts, and the roll-ups per level."""

    commit: str
    date: str
    variants: int
    deviations: int
    problems: int
    total: Rollup
    rollups: Mapping[str, tuple[Rollup, ...]]


@dataclass
class DriftHistory:
    """Every step's point, the releases on the way, and the newest step's whole drift."""

    points: list[Point] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    latest: DriftResult = field(default_factory=DriftResult)
    spec: str = "HEAD"
    since: str | None = None
    every: str | None = None

    def exit_code(self) -> int:
        """The newest step's exit code (1 when a file of it could not be read)."""
        return self.latest.exit_code()
