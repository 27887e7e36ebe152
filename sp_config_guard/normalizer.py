"""The normalize run: raw exports (through their profiles) or canonical files in, canonical
tree out; with ``check`` nothing is written and differences are reported instead."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard import importers, progress
from sp_config_guard.canonical import KeyCollision, artifact_path, canonicalise, render
from sp_config_guard.errors import InputError, Problem
from sp_config_guard.importers import ReadOptions, SourceRecord
from sp_config_guard.kinds import KindRegistry, default_registry
from sp_config_guard.loader import YAML_SUFFIXES, refuse_outside_link
from sp_config_guard.profiles import Profile, load_profile, map_record
from sp_config_guard.sources import atomic_write

EXPORT_SUFFIXES = (".json", ".xml", ".csv", *YAML_SUFFIXES)
# Files of a configuration repository that are neither exports nor artifacts.
REPOSITORY_FILES = frozenset({"spguard.yaml", "waivers.yaml", "baseline.yaml"})
_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class NormalizeSettings:
    """What to normalise and where to put it."""

    inputs: Sequence[Path]
    out: Path | None = None
    profiles: Sequence[Path] = ()
    check: bool = False
    diff: bool = False
    encoding: str | None = None


@dataclass
class NormalizeResult:
    """What a normalize run did or would do."""

    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether the run should exit 1."""
        return bool(self.problems or self.changed)


@dataclass(frozen=True)
class _Output:
    target: Path
    display: str
    text: str
    origin: str


def load_profiles(
    paths: Sequence[Path], encoding: str | None, result: NormalizeResult
) -> list[Profile]:
    """Every profile in the given files and folders; a bad one is a problem, not a crash."""
    profiles = []
    for path in paths:
        files = (
            sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for file in files:
            try:
                profiles.append(load_profile(file, file.as_posix(), encoding))
            except InputError as err:
                result.problems.append(err.problem)
    return profiles


def _inputs(paths: Sequence[Path]) -> Iterator[tuple[Path, str, str]]:
    """(path, display, path relative to its export root) for every input file."""
    for root in paths:
        if root.is_dir():
            for file in sorted(
                p for p in root.rglob("*") if p.is_file() and p.suffix in EXPORT_SUFFIXES
            ):
                relative = file.relative_to(root)
                hidden = any(part.startswith(".") for part in relative.parts)
                if not hidden and relative.name not in REPOSITORY_FILES:
                    yield file, file.as_posix(), relative.as_posix()
        else:
            yield root, root.as_posix(), root.name


def _profile_for(relative: str, display: str, profiles: Sequence[Profile]) -> Profile | None:
    matching = [p for p in profiles if p.matches(relative)]
    if len(matching) > 1:
        names = ", ".join(p.name for p in matching)
        raise InputError(
            Problem(
                "MAP002",
                f"matched by several profiles ({names}); make their 'match' globs distinct",
                display,
            )
        )
    return matching[0] if matching else None


def _records(
    path: Path, display: str, relative: str, profile: Profile | None, encoding: str | None
) -> Iterator[tuple[dict[str, Any], str, str, SourceRecord | None] | InputError]:
    """(data, decimal separator, origin label, source record) for every record of one input;
    a record that cannot be mapped comes as its error, and the other records go on."""
    if profile is None:  # canonical files (normalised in place): no link out of the repository
        refuse_outside_link(path, display)
    if not path.exists():
        raise InputError(Problem("LOAD000", "no such file or folder", display))
    if profile is None:
        if path.suffix not in (".json", *YAML_SUFFIXES):
            raise InputError(
                Problem(
                    "MAP003",
                    "no mapping profile matches this export; pass --profile with one whose "
                    "'match' covers it",
                    display,
                )
            )
        fmt = "json" if path.suffix == ".json" else "yaml"
        for record in importers.get(fmt)(path, display, ReadOptions(encoding=encoding or "utf-8")):
            if not isinstance(record.values, dict) or "kind" not in record.values:
                raise InputError(
                    Problem(
                        "MAP003",
                        f"{record.label} has no 'kind' and no profile matches this file; "
                        "pass --profile",
                        display,
                    )
                )
            yield record.values, ".", record.label, None
        return
    for record in importers.get(profile.format)(path, display, profile.options):
        try:
            data = map_record(profile, record)
        except InputError as err:
            yield err
            continue
        except RecursionError:
            yield record.problem("LOAD009", "nesting is too deep to be an export")
            continue
        data.setdefault("meta", {})["source"] = relative
        yield data, profile.decimal, record.label, record


def _target(data: dict[str, Any], root: Path, display: str, label: str) -> Path:
    relative = artifact_path(data)
    scope = data.get("scope") or {}
    named = [
        data.get("kind"),
        data.get("id"),
        *(scope.get(k) for k in ("region", "hospital", "department", "user")),
    ]
    for part in [*relative.parts, *(str(v) for v in named if v is not None)]:
        if not _SAFE_PART.match(part) or part in ("..", "."):
            raise InputError(
                Problem(
                    "NORM002",
                    f"{label}: kind, scope or id give an unsafe file name {part!r}; "
                    "use letters, digits, '.', '_' and '-'",
                    display,
                )
            )
    return root / relative


def plan(
    settings: NormalizeSettings, registry: KindRegistry, result: NormalizeResult
) -> list[_Output]:
    """The canonical files the inputs normalise to (problems recorded, nothing written)."""
    profiles = load_profiles(settings.profiles, settings.encoding, result)
    outputs: dict[Path, _Output] = {}
    inputs = list(_inputs(settings.inputs))
    for path, display, relative in progress.track(inputs, len(inputs), "normalize"):
        try:
            profile = _profile_for(relative, display, profiles)
            records = list(_records(path, display, relative, profile, settings.encoding))
        except InputError as err:
            result.problems.append(err.problem)
            continue
        if settings.out is None and (profile is not None or len(records) != 1):
            result.problems.append(
                Problem(
                    "NORM003",
                    "only single-artifact canonical files are normalised in place; "
                    "give --out DIR for exports",
                    display,
                )
            )
            continue
        for item in records:
            if isinstance(item, InputError):
                result.problems.append(item.problem)
                continue
            data, decimal, label, record = item
            where = f"{display} ({label})"
            try:
                kind_name = data.get("kind")
                if kind_name not in registry:
                    known = ", ".join(k.name for k in registry)
                    raise InputError(
                        Problem(
                            "LOAD008",
                            f"{label}: unknown kind {kind_name!r}; known kinds: {known}",
                            display,
                            record.line if record else None,
                        )
                    )
                clean = canonicalise(data, registry.get(str(kind_name)), decimal)
                target = (
                    path if settings.out is None else _target(clean, settings.out, display, label)
                )
            except InputError as err:
                result.problems.append(err.problem)
                continue
            except RecursionError:
                line = record.line if record else None
                result.problems.append(
                    Problem("LOAD009", f"{label}: nesting is too deep", display, line)
                )
                continue
            except KeyCollision as err:
                line = record.line if record else None
                result.problems.append(Problem("NORM005", f"{label}: {err}", display, line))
                continue
            if target in outputs:
                result.problems.append(
                    Problem(
                        "NORM001",
                        f"{label}: {clean.get('kind')} {clean.get('id')!r} is also produced by "
                        f"{outputs[target].origin}; ids must be unique per kind and scope",
                        display,
                        record.line if record else None,
                    )
                )
                continue
            outputs[target] = _Output(target, target.as_posix(), render(clean), where)
    return [outputs[key] for key in sorted(outputs)]


def run_normalize(
    settings: NormalizeSettings, registry: KindRegistry | None = None
) -> NormalizeResult:
    """Normalise, then write (atomically, only files whose bytes change) or check."""
    result = NormalizeResult()
    for output in plan(settings, registry or default_registry(), result):
        try:
            # bytes, not read_text: universal newlines would hide CRLF line ends
            old = output.target.read_bytes().decode("utf-8") if output.target.is_file() else None
        except (OSError, UnicodeDecodeError):
            old = None
        if old == output.text:
            result.unchanged.append(output.display)
            continue
        if settings.diff:
            result.diffs.append(
                "".join(
                    difflib.unified_diff(
                        (old or "").splitlines(keepends=True),
                        output.text.splitlines(keepends=True),
                        fromfile=f"a/{output.display}",
                        tofile=f"b/{output.display}",
                    )
                )
            )
        if settings.check or settings.diff:
            result.changed.append(output.display)
            continue
        try:
            atomic_write(output.target, output.text)
        except OSError as err:
            result.problems.append(
                Problem(
                    "NORM004",
                    f"cannot write: {err.strerror}; the old file is intact",
                    output.display,
                )
            )
            continue
        result.written.append(output.display)
    return result
