"""The normalize run: raw exports (through their profiles) or canonical files in, canonical
tree out; with ``check`` nothing is written and differences are reported instead."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem, UsageError
from sp_config_guard.load.loader import YAML_SUFFIXES, refuse_outside_link
from sp_config_guard.load.sources import atomic_write, decode, read_bytes
from sp_config_guard.messages import Msg, msg
from sp_config_guard.model.envelope import envelope_problem
from sp_config_guard.model.kinds import KindRegistry, default_registry
from sp_config_guard.normalize import importers
from sp_config_guard.normalize.canonical import KeyCollision, artifact_path, canonicalise, render
from sp_config_guard.normalize.comments import keep_comments, schema_identity
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord
from sp_config_guard.normalize.out_tree import (
    MAX_PART,
    name_problem,
    other_artifact,
    refuse_overlap,
    remove_stale_temps,
    unsafe_target,
)
from sp_config_guard.normalize.profiles import Profile, load_profile, map_record
from sp_config_guard.parallel import fork_map, workers_wanted
from sp_config_guard.result import exit_code
from sp_config_guard.speedups.canonical_yaml import parse_canonical

EXPORT_SUFFIXES = (".json", ".xml", ".csv", ".xlsx", *YAML_SUFFIXES)
# Files of a configuration repository that are neither exports nor artifacts.
REPOSITORY_FILES = frozenset({"spguard.yaml", "waivers.yaml", "baseline.yaml"})


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
    dry: bool = False
    """Whether the run only checked (``--check``, ``--diff``) and wrote nothing."""

    def exit_code(self) -> int:
        """1 when a file is not in canonical form or could not be read, else 0."""
        return exit_code(bool(self.changed), self.problems)


@dataclass(frozen=True)
class _Output:
    target: Path
    display: str
    text: str
    origin: str
    artifact: tuple[Any, Any]  # (kind, id)


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
                msg("MAP002.several", names=names),
                display,
            )
        )
    return matching[0] if matching else None


def _records(
    path: Path, display: str, relative: str, profile: Profile | None, encoding: str | None
) -> Iterator[tuple[dict[str, Any], str, Msg, SourceRecord | None] | InputError]:
    """(data, decimal separator, origin label, source record) for every record of one input;
    a record that cannot be mapped comes as its error, and the other records go on."""
    if profile is None:  # canonical files (normalised in place): no link out of the repository
        refuse_outside_link(path, display)
    if not path.exists():
        raise InputError(Problem("LOAD000", msg("LOAD000.missing"), display))
    if profile is None:
        if path.suffix not in (".json", *YAML_SUFFIXES):
            raise InputError(
                Problem(
                    "MAP003",
                    msg("MAP003.no_profile"),
                    display,
                )
            )
        fmt = "json" if path.suffix == ".json" else "yaml"
        options = ReadOptions(encoding=encoding or "utf-8")
        fast = _canonical_records(path, display, options) if fmt == "yaml" else None
        for record in fast if fast is not None else importers.get(fmt)(path, display, options):
            if not isinstance(record.values, dict) or "kind" not in record.values:
                raise InputError(
                    Problem(
                        "MAP003",
                        msg("MAP003.no_kind", label=record.label),
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
            yield record.problem("LOAD009", msg("LOAD009.export_too_deep"))
            continue
        data.setdefault("meta", {})["source"] = relative
        yield data, profile.decimal, record.label, record


def _canonical_records(path: Path, display: str, options: ReadOptions) -> list[SourceRecord] | None:
    """The one record of a file already in canonical form, read by the fast canonical parser
    (which gives exactly what the YAML importer's strict loader gives); None for anything
    else, which then goes through the importer."""
    text = decode(read_bytes(path, display, "yaml"), display, options.encoding)
    data = parse_canonical(text)
    return None if data is None else [SourceRecord(data, display, msg("record.label", index=1))]


def _target(data: dict[str, Any], root: Path, display: str, label: Msg) -> Path:
    if data.get("id") in (None, ""):  # a null record, or one whose id maps to nothing
        raise InputError(Problem("NORM002", msg("NORM002.no_id", label=label), display))
    relative = artifact_path(data)
    scope = data.get("scope") or {}
    named = [
        data.get("kind"),
        data.get("id"),
        *(scope.get(k) for k in ("region", "hospital", "department", "user")),
    ]
    for part in [*relative.parts[:-1], relative.stem, *(str(v) for v in named if v is not None)]:
        if key := name_problem(part):
            message = msg(key, label=label, part=repr(part), limit=MAX_PART)
            raise InputError(Problem("NORM002", message, display))
    return root / relative


@dataclass(frozen=True)
class _Planned:
    """One record normalised (in a worker, maybe): where it goes and its canonical text."""

    target: Path
    display: str
    label: Msg
    line: int | None
    kind: Any
    id: Any
    text: str

    @property
    def where(self) -> str:
        """The file and record it came from, for messages."""
        return f"{self.display} ({self.label})"


def _plan_file(
    item: tuple[Path, str, str],
    profiles: Sequence[Profile],
    settings: NormalizeSettings,
    registry: KindRegistry,
) -> list[Problem | _Planned]:
    """The records of one input, normalised and rendered, or their problems, in order."""
    path, display, relative = item
    try:
        profile = _profile_for(relative, display, profiles)
        records = list(_records(path, display, relative, profile, settings.encoding))
    except InputError as err:
        return [err.problem]
    if settings.out is None and (profile is not None or len(records) != 1):
        return [
            Problem(
                "NORM003",
                msg("NORM003.in_place"),
                display,
            )
        ]
    planned: list[Problem | _Planned] = []
    for record_item in records:
        if isinstance(record_item, InputError):
            planned.append(record_item.problem)
            continue
        data, decimal, label, record = record_item
        line = record.line if record else None
        try:
            kind_name = data.get("kind")
            if kind_name not in registry:
                known = ", ".join(k.name for k in registry)
                detail = msg("LOAD008.unknown_kind", kind=repr(kind_name), known=known)
                message = msg("record.problem", label=label, detail=detail)
                raise InputError(Problem("LOAD008", message, display, line))
            clean = canonicalise(data, registry.get(str(kind_name)), decimal)
            typed = envelope_problem(clean)  # after the schema's types are given to its values
            if typed is not None:
                message = msg("record.problem", label=label, detail=typed[1])
                raise InputError(Problem("LOAD007", message, display, line))
            target = path if settings.out is None else _target(clean, settings.out, display, label)
        except InputError as err:
            planned.append(err.problem)
            continue
        except RecursionError:
            detail = msg("LOAD009.export_too_deep")
            message = msg("record.problem", label=label, detail=detail)
            planned.append(Problem("LOAD009", message, display, line))
            continue
        except KeyCollision as err:
            message = msg("NORM005.collision", label=label, key=err.key)
            planned.append(Problem("NORM005", message, display, line))
            continue
        text = render(clean)
        planned.append(
            _Planned(target, display, label, line, clean.get("kind"), clean.get("id"), text)
        )
    return planned


def plan(
    settings: NormalizeSettings, registry: KindRegistry, result: NormalizeResult
) -> list[_Output]:
    """The canonical files the inputs normalise to (problems recorded, nothing written)."""
    profiles = load_profiles(settings.profiles, settings.encoding, result)
    # keyed by the target in any case: "ABC" and "abc" are one file on macOS and Windows
    outputs: dict[str, _Output] = {}
    inputs = list(_inputs(settings.inputs))
    # every input planned in input order: in forked workers for large runs, else here
    planned = fork_map(
        partial(_plan_file, profiles=profiles, settings=settings, registry=registry),
        inputs,
        workers_wanted(),
        label="normalize",
    )
    for items in planned:
        for item in items:
            if isinstance(item, Problem):
                result.problems.append(item)
            elif (key := item.target.as_posix().casefold()) in outputs:
                result.problems.append(
                    Problem(
                        "NORM001",
                        msg(
                            "NORM001.twice",
                            label=item.label,
                            kind=str(item.kind),
                            id=repr(item.id),
                            origin=outputs[key].origin,
                        ),
                        item.display,
                        item.line,
                    )
                )
            else:
                target, artifact = item.target, (item.kind, item.id)
                outputs[key] = _Output(target, target.as_posix(), item.text, item.where, artifact)
    return sorted(outputs.values(), key=lambda output: output.target)


def run_normalize(
    settings: NormalizeSettings, registry: KindRegistry | None = None
) -> NormalizeResult:
    """Normalise, then write (atomically, only files whose bytes change) or check; an
    ``encoding`` that is no character set is a :class:`UsageError`."""
    unknown = importers.encoding_problem(settings.encoding) if settings.encoding else None
    if unknown is not None:
        raise UsageError(f"--encoding: {unknown}")
    result = NormalizeResult(dry=settings.check or settings.diff)
    if settings.out is not None:
        refuse_overlap(settings.out, settings.inputs, bool(settings.profiles))
    cleaned: set[Path] = set()
    registry = registry or default_registry()
    for output in plan(settings, registry, result):
        if problem := unsafe_target(settings.out, output.target, output.display):
            result.problems.append(problem)
            continue
        try:
            # bytes, not read_text: universal newlines would hide CRLF line ends
            old = (
                read_bytes(output.target, output.display, "yaml").decode("utf-8")
                if output.target.is_file()
                else None
            )
        except (InputError, UnicodeDecodeError):
            old = None
        text = output.text
        if old is not None and output.artifact[0] in registry:
            # a person's comments in the file stay beside their fields
            root = registry.get(str(output.artifact[0])).root
            text = keep_comments(old, text, schema_identity(root))
        replaces = settings.out is not None and old is not None and old != text
        if replaces and (
            problem := other_artifact(old or "", output.artifact, output.origin, output.display)
        ):
            result.problems.append(problem)
            continue
        if old == text:
            result.unchanged.append(output.display)
            continue
        if settings.diff:
            result.diffs.append(
                "".join(
                    difflib.unified_diff(
                        (old or "").splitlines(keepends=True),
                        text.splitlines(keepends=True),
                        fromfile=f"a/{output.display}",
                        tofile=f"b/{output.display}",
                    )
                )
            )
        if settings.check or settings.diff:
            result.changed.append(output.display)
            continue
        if settings.out is not None and output.target.parent not in cleaned:
            cleaned.add(output.target.parent)
            remove_stale_temps(output.target.parent)
        try:
            atomic_write(output.target, text)
        except OSError as err:
            result.problems.append(
                Problem(
                    "NORM004",
                    msg("NORM004.write", reason=err.strerror),
                    output.display,
                )
            )
            continue
        result.written.append(output.display)
    return result
