"""What ``spguard rules test`` found: one outcome per case of the ``cases/<CODE>.yaml`` files
beside the rule sets, plain data for the reporters (the runner is
:mod:`sp_config_guard.lint.rule_cases`)."""

from __future__ import annotations

from dataclasses import dataclass

from sp_config_guard.result import EXIT_CLEAN, EXIT_FINDINGS


@dataclass(frozen=True)
class CaseOutcome:
    """One case: an artifact that must pass, one that must fail at ``expected``, or a case
    file that cannot be run (``problem``). ``found`` are the paths the rule reported, each
    with its message; a case passes when they are exactly the expected paths."""

    file: str
    line: int
    rule: str
    case: str
    """``pass`` or ``fail`` (``file`` for a case file that cannot be run)."""
    artifact: str
    expected: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()
    problem: str | None = None

    @property
    def passed(self) -> bool:
        """Whether the rule did exactly what the case says."""
        return self.problem is None and sorted(p for p, _ in self.found) == sorted(self.expected)

    def missing(self) -> list[str]:
        """Expected paths the rule did not report (one per missing finding)."""
        left = [p for p, _ in self.found]
        out = []
        for path in self.expected:
            if path in left:
                left.remove(path)
            else:
                out.append(path)
        return out

    def unexpected(self) -> list[tuple[str, str]]:
        """Findings the case did not expect (path and message)."""
        wanted = list(self.expected)
        out = []
        for path, message in self.found:
            if path in wanted:
                wanted.remove(path)
            else:
                out.append((path, message))
        return out


@dataclass(frozen=True)
class RuleTestResult:
    """Every case of the rule sets tested, and the rules that have no case file."""

    outcomes: tuple[CaseOutcome, ...]
    untested: tuple[str, ...] = ()

    @property
    def failed(self) -> list[CaseOutcome]:
        """The cases that failed."""
        return [o for o in self.outcomes if not o.passed]

    def exit_code(self) -> int:
        """1 when a case failed or there was none to run (never a silent pass), else 0."""
        return EXIT_FINDINGS if self.failed or not self.outcomes else EXIT_CLEAN
