"""What the commands other than the checks give back, as immutable records reporters read:
rule listings and explanations, spguard's own codes, baseline changes and fixes. (Apart from
:mod:`~sp_config_guard.result` so that a lint, which needs none of them, does not build their
classes: each dataclass costs about 1 ms a start.)"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sp_config_guard.errors import Problem
from sp_config_guard.result import Finding, Result, RuleInfo, exit_code


@dataclass(frozen=True)
class RuleDetails:
    """A rule as ``rules list`` and ``rules explain`` show it: plain data, so no reporter
    needs the rule engine."""

    info: RuleInfo
    enabled: bool
    file: str
    kinds: tuple[str, ...] | None
    levels: tuple[str, ...]
    where: tuple[tuple[str, Any], ...]
    check_type: str
    options: str
    """The check's options as canonical YAML."""
    examples: tuple[str, str] | None = None
    """(file name, text) of the rule's examples, when it has them."""
    settings: Any = None
    """The check's options as plain data (for the JSON form; ``options`` is its text)."""
    source: str = ""
    """The rule set's file as listings name it: relative to the shipped data or the root."""
    shipped: bool = False
    """Whether the rule set is one the tool ships."""


@dataclass(frozen=True)
class ToolCode:
    """One of spguard's own problem codes as ``rules explain`` shows it, in one language."""

    code: str
    title: str
    means: str
    action: str


@dataclass(frozen=True)
class RuleListing:
    """The rules of a run, for ``rules list``."""

    rules: tuple[RuleDetails, ...]


@dataclass(frozen=True)
class RuleExplanation:
    """The rules one ``rules explain`` asked for (usually one; a name may match several)."""

    rules: tuple[RuleDetails, ...]
    codes: tuple[ToolCode, ...] = ()
    """spguard's own problem codes it asked for (LOAD001, WAV003, ...)."""


@dataclass(frozen=True)
class BaselineChange:
    """What writing a baseline did: the entries dropped as stale and added (each as
    ``code kind artifact path``), how many it holds, and the files it was written without."""

    file: str
    dropped: tuple[str, ...]
    added: tuple[str, ...]
    entries: int
    problems: tuple[Finding, ...] = ()
    command: str = "baseline create"
    """``baseline create`` or ``baseline update``."""

    def exit_code(self) -> int:
        """1 when a file could not be read (the baseline was written without it), else 0."""
        return exit_code(False, self.problems)


@dataclass(frozen=True)
class FileFix:
    """What fixing one file did (or would do): its changes in words, and the repaired
    findings."""

    file: str
    changes: tuple[str, ...]
    fixed: tuple[Finding, ...]
    diff: str = ""


@dataclass
class FixResult:
    """The outcome of ``spguard fix``: the lint run it repaired findings of, and per file
    what it changed (or would change)."""

    lint: Result
    files: list[FileFix] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dry: bool = False
    command: str = "fix"

    @property
    def fixed(self) -> int:
        """How many findings were (or would be) repaired."""
        return sum(len(item.fixed) for item in self.files)

    def remaining(self) -> list[Finding]:
        """The findings left once the repairs are written (all of them on a dry run)."""
        done = {id(f) for item in self.files for f in item.fixed}
        return [f for f in self.lint.findings if self.dry or id(f) not in done]

    def exit_code(self) -> int:
        """As ``lint``'s on what remains (on a dry run: on what lint finds now); a file that
        could not be repaired is a problem (exit 1)."""
        remaining = replace(self.lint, findings=self.remaining())
        return max(remaining.exit_code(), exit_code(False, self.problems))
