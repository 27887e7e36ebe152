"""Findings and the result of a run: immutable records that every reporter reads."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sized
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

from sp_config_guard.errors import EXIT_CLEAN, EXIT_FINDINGS, SEVERITIES, Problem

# Problems with an input file itself: it could not be read or is not a valid artifact file.
INPUT_PROBLEM = "LOAD"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(parts: Iterable[str | int]) -> str:
    """An RFC 9535 JSONPath for a location: ``$.spec.groups[0].lines[2]``."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.match(part):
            out += f".{part}"
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out += f"['{escaped}']"
    return out


@dataclass(frozen=True)
class Repair:
    """The certain repair of a finding, in the artifact's data: ``set`` puts ``value`` at
    ``path`` (a field changed or removed: the standard's value); ``insert`` restores the item
    ``value`` in the list at ``path``, after the item whose ``identity`` is ``after`` (None:
    first) where the list is ``ordered``, else at its end. ``edit`` is the same repair in the
    file's text (lines ``start`` to ``end``, 1-based, end excluded, become ``text``)."""

    op: str
    path: tuple[str | int, ...]
    value: Any
    identity: str | None = None
    after: Any = None
    ordered: bool = True
    edit: tuple[int, int, str] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Repair:
        """The repair :func:`dataclasses.asdict` described (lists back to tuples)."""
        edit = data.get("edit")
        changed = {"path": tuple(data["path"]), "edit": None if edit is None else tuple(edit)}
        return _restored(cls, {**data, **changed}.items())


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Sorts by file, position, code, message and path."""

    file: str
    line: int
    column: int
    code: str
    severity: str = field(compare=False)
    message: str
    path: str = "$"
    kind: str | None = field(default=None, compare=False)
    artifact: str | None = field(default=None, compare=False)
    scope: str | None = field(default=None, compare=False)
    rule: str | None = field(default=None, compare=False)
    title: str | None = field(default=None, compare=False)
    ruleset: str | None = field(default=None, compare=False)
    ruleset_version: str | None = field(default=None, compare=False)
    owner: str | None = field(default=None, compare=False)
    docs: str | None = field(default=None, compare=False)
    value: Any = field(default=None, compare=False)
    waived_by: str | None = field(default=None, compare=False)
    baselined: bool = field(default=False, compare=False)
    ident: str | None = field(default=None, compare=False, repr=False)
    """The message's identity in every language (catalog key and fields), for findings
    without a rule; never shown."""
    # the fingerprint of the unredacted finding (--redact), so baselines and waivers still match
    redacted_from: str | None = field(default=None, compare=False)
    repair: Repair | None = field(default=None, compare=False, repr=False)
    """The finding's certain repair (``spguard fix``), for the checks that know one."""

    @property
    def fixable(self) -> bool:
        """Whether ``spguard fix`` repairs the finding: it has a certain repair and no waiver
        (a waiver says the deviation is agreed; a baselined finding is still repaired)."""
        return self.repair is not None and self.waived_by is None

    @property
    def fingerprint(self) -> str:
        """A stable identity from domain facts, never line numbers: code, kind, artifact,
        JSON path and value."""
        if self.redacted_from is not None:
            return self.redacted_from
        # a finding without a value (schema, load problems) is told apart by its message's
        # identity, never by its text: that depends on the language
        value = (
            (self.ident or self.message)
            if self.value is None and self.rule is None
            else json.dumps(self.value, sort_keys=True, ensure_ascii=False, default=str)
        )
        key = "\x1f".join(
            (self.code, self.kind or "", self.artifact or self.file, self.path, value)
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def active(self) -> bool:
        """Whether the finding counts towards failure (not waived, not in the baseline)."""
        return self.waived_by is None and not self.baselined

    def __str__(self) -> str:
        """``file:line:column: CODE message``, as a problem is shown on standard error."""
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"

    @property
    def input_problem(self) -> bool:
        """Whether the finding says a file could not be read or is not a valid artifact file
        (a ``LOAD`` code): that file was not checked, so no baseline accepts it."""
        return self.code.startswith(INPUT_PROBLEM)

    def as_record(self) -> dict[str, Any]:
        """A plain dict for machine reporters."""
        hidden = ("ident", "redacted_from", "repair")
        record = {name: getattr(self, name) for name in _FINDING_FIELDS if name not in hidden}
        record["fingerprint"] = self.fingerprint
        record["fixable"] = self.fixable
        return record

    @classmethod
    def from_problem(cls, problem: Problem, severity: str = "error") -> Finding:
        """A finding for a problem met while reading input."""
        return cls(
            problem.file,
            problem.line or 1,
            problem.column or 1,
            problem.code,
            severity,
            problem.message,
            ident=problem.msg.ident,
        )


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_STORED_FIELDS = (*(name for name in _FINDING_FIELDS if name != "repair"), "repair")
_T = TypeVar("_T")


def _restored(cls: type[_T], values: Iterable[tuple[str, Any]]) -> _T:
    """An instance of the frozen dataclass ``cls`` with these field values, made as unpickling
    makes one, without ``__init__``: its frozen assignments, one per field, cost twice the
    decoding of a stored result's JSON (19,000 findings: 0.27 s against 0.06 s)."""
    instance = object.__new__(cls)
    instance.__dict__.update(values)
    return instance


@dataclass(frozen=True)
class RuleInfo:
    """What reporters need to know about a rule (SARIF rules, JUnit suites, docs links)."""

    code: str
    name: str
    title: str
    severity: str
    ruleset: str
    version: str
    owner: str
    docs: str | None = None
    rationale: str = ""


@dataclass
class Result:
    """What a command found: its findings, how many files it looked at, the rules it ran."""

    command: str
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    rules: list[RuleInfo] = field(default_factory=list)
    fail_on: str = "error"
    """The severity the run fails at (the configuration's ``fail_on`` for ``lint``)."""
    docs_url: str | None = None
    """The configuration's ``docs_url``: where spguard's own codes are linked to (SARIF)."""
    stored_as: tuple[str, str] | None = field(default=None, compare=False, repr=False)
    """(repository root, key) of the lint result in the cache, when it is stored there: its
    reports are stored beside it (:mod:`sp_config_guard.report.stored`)."""

    def sorted_findings(self) -> list[Finding]:
        """Findings in reporting order."""
        return sorted(self.findings)

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        return {
            s: sum(1 for f in self.findings if f.severity == s and f.active) for s in SEVERITIES
        }

    def as_records(self) -> list[dict[str, Any]]:
        """Every finding as a plain dict, in reporting order."""
        return [finding.as_record() for finding in self.sorted_findings()]

    def to_json(self) -> dict[str, Any]:
        """Everything in the result as plain data (for the result cache): a finding as the
        list of its field values in :data:`_STORED_FIELDS` order (its repair last)."""
        return {
            "command": self.command,
            "files": self.files,
            "findings": [
                [
                    *(getattr(f, name) for name in _STORED_FIELDS[:-1]),
                    None if f.repair is None else asdict(f.repair),
                ]
                for f in self.findings
            ],
            "rules": [asdict(r) for r in self.rules],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        """The result :meth:`to_json` described."""
        findings = []
        for values in data["findings"]:
            if values[-1] is not None:
                values[-1] = Repair.from_json(values[-1])
            findings.append(_restored(Finding, zip(_STORED_FIELDS, values, strict=True)))
        return cls(data["command"], findings, data["files"], [RuleInfo(**r) for r in data["rules"]])

    @property
    def problems(self) -> list[Finding]:
        """The findings about input files that could not be read or are invalid."""
        return [f for f in self.findings if f.input_problem]

    def failed(self, fail_on: str = "error") -> bool:
        """Whether any open finding is at or above ``fail_on``."""
        threshold = SEVERITIES.index(fail_on)
        return any(f.active and SEVERITIES.index(f.severity) <= threshold for f in self.findings)

    def exit_code(self, fail_on: str | None = None) -> int:
        """The exit code of the run (see :func:`exit_code`), failing at ``fail_on`` (by
        default the run's own :attr:`fail_on`)."""
        return exit_code(self.failed(fail_on or self.fail_on), self.problems)


_READ_BACK = ("command", "findings", "files", "rules")


class StoredResult(Result):
    """A lint result from the cache, read back (``read``) only when something reads its
    findings, files, rules or command: a report stored beside it is written, and its exit
    code known (:attr:`known_exit`, the report's), without decoding and making its findings
    (at 100,000 artifacts 93,000 of them, 1.4 s with their report)."""

    def __init__(self, read: Callable[[], Result], stored_as: tuple[str, str]) -> None:
        # not the dataclass's __init__: what ``read`` gives is set on first use (__getattr__)
        self.fail_on, self.docs_url, self.stored_as = "error", None, stored_as
        self.known_exit: tuple[str, int] | None = None  # (fail_on, exit code) of a report
        self._read: Callable[[], Result] | None = read

    def __getattr__(self, name: str) -> Any:
        read = self.__dict__.get("_read")
        if name not in _READ_BACK or read is None:
            raise AttributeError(name)
        self._read, whole = None, read()
        for known in _READ_BACK:  # what was set before stays set
            self.__dict__.setdefault(known, getattr(whole, known))
        return self.__dict__[name]

    def exit_code(self, fail_on: str | None = None) -> int:
        """As :meth:`Result.exit_code`; from the stored report's when nothing was read back."""
        known = self.known_exit
        if self._read is not None and known is not None and known[0] == (fail_on or self.fail_on):
            return known[1]
        return super().exit_code(fail_on)


def exit_code(found: bool, problems: Sized = ()) -> int:
    """The exit code of every command that ran to the end: 1 when it found what it looks for
    (findings at or above the threshold, differences, deviations at or above ``--fail-on``,
    files not in canonical form) or when an input file could not be read or is invalid
    (``problems``: that file was not checked, so the run must not pass), else 0. Usage and
    configuration errors (2) and internal errors (3) are given by ``cli.main``."""
    return EXIT_FINDINGS if found or len(problems) else EXIT_CLEAN
