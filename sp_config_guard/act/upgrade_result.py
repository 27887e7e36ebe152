"""The outcome of ``spguard upgrade``: per local variant what the upgrade did (or would do),
and the exit code (``--check``: 1 when any variant would change, for CI; else 1 when a
conflict is open or a variant could not be upgraded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sp_config_guard.act.merge import Conflict
from sp_config_guard.result import EXIT_CLEAN, EXIT_FINDINGS, Finding

STATES = ("upgraded", "conflicts", "completed", "pending", "not-upgradable")
"""``upgraded``: merged and brought up to the new revision; ``conflicts``: merged where the
contract decides, the conflicts written to ``meta.upgrade.conflicts``, the revision kept;
``completed``: a builder resolved every conflict of an earlier run, the revision is set;
``pending``: conflicts of an earlier run are still open; ``not-upgradable``: no base (or no
target) was found, with the reason."""


@dataclass(frozen=True)
class VariantUpgrade:
    """One local variant whose standard has moved on: what was taken from the standard, what
    local changes were kept, the conflicts, in the words of ``spguard diff``."""

    file: str
    kind: str
    artifact: str
    standard: str
    scope: dict[str, Any]
    state: str
    from_revision: str | None
    to_revision: str | None
    changes: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    reason: str = ""
    base: str = ""
    changed: bool = False

    @property
    def department(self) -> tuple[str, str, str]:
        """(region, hospital, department) of the variant's scope, empty where it has none."""
        region, hospital, department = (
            str(self.scope.get(k) or "") for k in ("region", "hospital", "department")
        )
        return region, hospital, department


@dataclass
class UpgradeResult:
    """Every variant the run looked at whose standard has moved on, and the problems."""

    variants: list[VariantUpgrade] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    current: int = 0
    dry: bool = False
    check: bool = False
    command: str = "upgrade"

    def count(self, state: str) -> int:
        """How many variants ended in ``state``."""
        return sum(1 for v in self.variants if v.state == state)

    @property
    def changed(self) -> list[VariantUpgrade]:
        """The variants whose files were (or would be) rewritten."""
        return [v for v in self.variants if v.changed]

    def exit_code(self) -> int:
        """With ``check``: 1 when a file would change. Else 1 when a conflict is open or a
        variant could not be upgraded. Either way 1 when a file could not be read."""
        if self.check:
            return EXIT_FINDINGS if self.changed or self.problems else EXIT_CLEAN
        stuck = any(v.state in ("conflicts", "pending", "not-upgradable") for v in self.variants)
        return EXIT_FINDINGS if stuck or self.problems else EXIT_CLEAN
