"""Errors that carry a place in a file, so every message can say where and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found while reading or converting input: code, message and place."""

    code: str
    message: str
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

    def __str__(self) -> str:
        return f"{self.where()}: {self.code} {self.message}"


class InputError(Exception):
    """Bad input: raised with a :class:`Problem` and caught where one file's run ends."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UsageError(Exception):
    """Bad invocation or configuration (exit code 2)."""
