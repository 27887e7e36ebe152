"""Errors that carry a place in a file, so every message can say where and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sp_config_guard.messages import Msg, t

# Here rather than in result.py (which imports them), so that the CLI can define its options
# and exit without building the result's records: ``spguard --help`` never imports result.py.
SEVERITIES = ("error", "warning", "info")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass(frozen=True)
class Problem:
    """One problem found while reading or converting input: code, message and place. The
    message is rendered when shown, in the language of the run."""

    code: str
    msg: Msg
    file: str
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        """``file:line:column`` with as much of the place as is known."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def message(self) -> str:
        """The message in the current language."""
        return str(self.msg)

    def __str__(self) -> str:
        return f"{self.where()}: {self.code} {self.message}"


class InputError(Exception):
    """Bad input: raised with a :class:`Problem` and caught where one file's run ends."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UsageError(Exception):
    """Bad invocation or configuration (exit code 2)."""


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` naming the known value closest to ``value`` (the first in
    order of equally close ones), or nothing when none is close (as difflib's cut-off)."""
    import difflib  # only for a name that is not known

    def ratio(candidate: str) -> float:
        return difflib.SequenceMatcher(None, value, candidate).ratio()

    best = max(sorted(known), key=ratio, default=None)
    return t("hint.did_you_mean", name=repr(best)) if best and ratio(best) >= 0.6 else ""
