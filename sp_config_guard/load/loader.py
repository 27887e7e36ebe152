"""Finding and reading canonical artifact files: one artifact per YAML file, read safely;
a file that cannot be read becomes a problem in the result, never a crash."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from sp_config_guard.errors import InputError, Problem, UsageError
from sp_config_guard.load.discovery import find_config, is_repository
from sp_config_guard.load.sources import decode, link_outside, max_bytes, read_file, too_big
from sp_config_guard.load.walk import folders
from sp_config_guard.load.yamlio import parse_yaml, position
from sp_config_guard.messages import msg, t
from sp_config_guard.model.envelope import envelope_problem
from sp_config_guard.model.shipped import shipped_validator
from sp_config_guard.model.wording import schema_error_message
from sp_config_guard.speedups.canonical_yaml import parse_canonical

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Document:
    """One artifact file: where it is, its data, and its text (read from the file on first
    use when the data came from the cache)."""

    path: Path
    display: str
    source: str | None
    data: dict[str, Any]

    @property
    def text(self) -> str:
        """The file's text (for positions of findings)."""
        if self.source is None:
            try:
                text = decode(read_input(self.path, self.display)[0], self.display)
            except InputError:
                text = ""
            object.__setattr__(self, "source", text)
        return self.source or ""

    @property
    def kind(self) -> str | None:
        """The artifact's kind, if it names one."""
        kind = self.data.get("kind")
        return kind if isinstance(kind, str) else None

    @property
    def id(self) -> str | None:
        """The artifact's id, if it has one."""
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @cached_property
    def facts(self) -> Facts:
        """What the repository index needs: kind, id, the id it derives from, scope level."""
        parent = self.data.get("derived_from")
        parent_id = parent.get("id") if isinstance(parent, dict) else None
        level = (self.data.get("scope") or {}).get("level")
        return Facts(
            self.kind,
            self.id,
            parent_id if isinstance(parent_id, str) else None,
            level if isinstance(level, str) else None,
        )


class Facts(NamedTuple):
    """The index facts of an artifact (see :attr:`Document.facts`)."""

    kind: str | None
    id: str | None
    parent: str | None
    level: str | None


class LazyDocument(Document):
    """A document whose data is read (from the cache) only when a check looks at it; its
    index facts are known without reading it."""

    _facts: Facts
    _load: Callable[[], dict[str, Any]]

    def __init__(
        self, path: Path, display: str, facts: Facts, load: Callable[[], dict[str, Any]]
    ) -> None:
        for name, value in (("path", path), ("display", display), ("source", None)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_facts", facts)
        object.__setattr__(self, "_load", load)

    @property
    def data(self) -> dict[str, Any]:
        """The artifact's data, loaded on first use."""
        loaded: dict[str, Any] | None = self.__dict__.get("_data")
        if loaded is None:
            loaded = self._load()
            object.__setattr__(self, "_data", loaded)
        return loaded

    @property
    def kind(self) -> str | None:
        """The artifact's kind, from the index facts."""
        return self._facts.kind

    @property
    def id(self) -> str | None:
        """The artifact's id, from the index facts."""
        return self._facts.id

    @property
    def facts(self) -> Facts:
        """The index facts, known without loading the data."""
        return self._facts


_KIND_FOLDER = re.compile(r"^[A-Z][A-Za-z0-9]*$")


def is_artifact_path(relative: PurePosixPath, suffixes: tuple[str, ...] = YAML_SUFFIXES) -> bool:
    """Whether a file at ``relative`` (to the repository root) is where :func:`iter_files`
    finds artifacts: a YAML file in a kind folder, nothing hidden on the way."""
    return (
        len(relative.parts) >= 2
        and relative.suffix in suffixes
        and bool(_KIND_FOLDER.match(relative.parent.name))
        and not any(part.startswith(".") for part in relative.parts)
    )


def iter_files(
    paths: Sequence[Path], root: Path, suffixes: tuple[str, ...] = YAML_SUFFIXES
) -> Iterator[tuple[Path, str]]:
    """(path, display) of every artifact file under ``paths``, in a stable order; the display
    is the file's name in reports, relative to the repository ``root`` (:func:`shown`).

    In a folder, artifacts are the YAML files in kind folders (``.../<Kind>/<id>.yaml``), so
    config files, rule sets and CI files beside them are never mistaken for artifacts; the root
    of a repository is never a kind folder, whatever its name (``H/``, ``SPConfig/``); a file
    named explicitly is always read. Hidden folders are skipped, symlinked ones not followed."""
    for top in paths:
        if not top.is_dir():
            yield top, shown(top, root)
            continue
        lead = shown(top, root)
        lead = "" if lead == "." else lead + "/"
        cut = len(os.fspath(top))
        top_name = os.path.basename(os.path.abspath(top))  # also for "." in a kind folder
        top_is_kind = bool(_KIND_FOLDER.match(top_name)) and not is_repository(top)
        for index, (folder, files) in enumerate(folders(os.fspath(top))):
            if not (top_is_kind if index == 0 else _KIND_FOLDER.match(os.path.basename(folder))):
                continue
            base = Path(folder)
            # every folder below ``top`` is named as ``top`` joined with the rest (os.walk's)
            inner = folder[cut:].strip(os.sep).replace(os.sep, "/")
            prefix = lead + inner + "/" if inner else lead
            for name in sorted(files):
                if name.endswith(suffixes) and not name.startswith("."):
                    yield base / name, prefix + name


def _relative(path: Path) -> Path:
    """``path`` relative to the working folder when it is inside it (short names to open)."""
    try:
        return path.relative_to(Path.cwd()) if path != Path.cwd() else Path(".")
    except ValueError:
        return path


Wanted = Callable[[str], bool]  # whether a file (named relative to the root) is read


def _walked(folder: Path, root: Path, wanted: Wanted | None) -> list[tuple[Path, str]]:
    """(path, display) of every artifact file under ``folder`` that ``wanted`` accepts,
    named relative to the repository ``root``."""
    files = iter_files([_relative(folder)], root)
    return [(path, name) for path, name in files if wanted is None or wanted(name)]


def artifact_files(
    paths: Sequence[Path], root: Path, wanted: Wanted | None = None, whole: bool = True
) -> tuple[list[tuple[Path, str]], set[str] | None]:
    """What a command reads, and what it was asked about: (path, display) of every artifact
    file under ``root`` (``whole``, for cross-file checks; else only under the folders named)
    and under every path named (a file named is read even outside a kind folder, so a file
    that is not an artifact is reported, never passed over), those ``wanted`` accepts (the
    configuration's ``include`` and ``exclude``);
    and the displays of the files asked about (those named that ``wanted`` accepts and the
    files read in the folders named: a file the configuration excludes is never counted as
    checked), None when a folder named holds the whole repository."""
    files = _walked(root, root, wanted) if whole else []
    folders = [path for path in paths if path.is_dir()]
    named: dict[str, Path] = {}  # display -> path of the files named that ``wanted`` accepts
    for path in (path for path in paths if not path.is_dir()):
        display = shown(path, root)
        if wanted is None or wanted(display):
            named.setdefault(display, path)
    inside = os.path.join(str(root), "")
    walk = [f for f in folders if not (whole and os.path.join(absolute(f), "").startswith(inside))]
    if named or walk:  # read too: the files named, the folders named not walked yet
        listed = {display for _, display in files}
        for folder in walk:
            more = [(p, d) for p, d in _walked(folder, root, wanted) if d not in listed]
            files += more
            listed.update(d for _, d in more)
        files += [(path, display) for display, path in named.items() if display not in listed]
    if any(inside.startswith(os.path.join(absolute(folder), "")) for folder in folders):
        return files, None
    asked = set(named)
    prefixes = tuple(shown(folder, root) + "/" for folder in folders)
    if prefixes:
        asked.update(display for _, display in files if display.startswith(prefixes))
    return files, asked


def absolute(path: str | os.PathLike[str], here: str | None = None) -> str:
    """The absolute path of a file (relative to the working folder ``here``, or absolute),
    symlinks not resolved, without the cost of ``os.path.abspath`` when the path is already
    normal (no ``.`` or ``..`` segments, no doubled slashes), as :func:`iter_files` yields it."""
    display = os.fspath(path)
    if display.startswith("/") or "/." in f"/{display}" or "//" in display:
        return os.path.abspath(display)
    return os.path.join(here or os.getcwd(), display)


def shown(path: str | os.PathLike[str], root: Path) -> str:
    """How every report names a file: relative to the repository ``root`` with forward
    slashes (``central/Medication/100101.yaml``, ``.`` for the root itself), the same from
    whatever folder spguard runs in; a file outside the root by its absolute path.

    Findings, waivers, deviations and diffs name their files through this function, and
    reporters print that name as it is."""
    full, base = absolute(path), absolute(root)
    relative = _under(full, base)
    if relative is None:  # reached through a symbolic link to (a folder of) the repository?
        folder, name = os.path.split(full)
        relative = _under(os.path.join(os.path.realpath(folder), name), os.path.realpath(base))
    return (relative if relative is not None else full).replace(os.sep, "/")


def _under(full: str, base: str) -> str | None:
    """``full`` relative to ``base`` when it is ``base`` or inside it (both absolute)."""
    if full == base:
        return "."
    inside = os.path.join(base, "")
    return full[len(inside) :] if full.startswith(inside) else None


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def printable(name: str) -> str:
    """A file name as a report can print it on one line: as it is, or, when it holds a control
    character, a line or paragraph separator or a byte that is not UTF-8 (decoded by
    :func:`os.fsdecode`), in double quotes with escapes, as git quotes names
    (``"central/Medication/a\\nb.yaml"``; a byte as ``\\xff``, a character as ``\\u0085``).
    A name that was a line break cannot make fake lines of a text report or a CI log."""
    if not any(_unprintable(c) for c in name):
        return name
    out = []
    for char in name:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif "\udc80" <= char <= "\udcff":  # a byte os.fsdecode could not decode
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif _unprintable(char):
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0x7F else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _unprintable(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")


def read_input(path: Path, display: str, what: str = "yaml") -> tuple[bytes, os.stat_result]:
    """The bytes of an input file of a repository, and the stat of what was read: the one
    way every artifact, configuration, rule-set, waivers and baseline file is read
    (:func:`~sp_config_guard.load.sources.read_file`: bounded, a regular file only, never
    through a link out of the repository around it); raises :class:`InputError`."""
    if not os.path.lexists(path):
        raise InputError(Problem("LOAD000", msg("LOAD000.missing"), display))
    root = find_config(path.parent)[0] if os.path.islink(path) else None
    return read_file(path, display, what, root)


def read_documents(path: Path, display: str) -> tuple[str, list[Any]]:
    """Text and parsed documents of a YAML file (raises :class:`InputError`)."""
    text = decode(read_input(path, display)[0], display)
    return text, parse_yaml(text, display)


_WHAT = {"baseline": "file.what.baseline", "waivers": "file.what.waivers"}
_WHAT["rule-cases"] = "file.what.rule_cases"  # spguard rules test


def read_validated(path: Path, display: str, schema: str) -> tuple[str, dict[str, Any]]:
    """Text and data of a YAML file valid against a shipped schema; raises
    :class:`UsageError` naming ``display:line:column`` of the first problem."""
    try:
        text, docs = read_documents(path, display)
    except InputError as err:
        raise UsageError(str(err.problem)) from None
    data = docs[0] if len(docs) == 1 else None
    errors = sorted(
        shipped_validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path)
    )
    if errors:
        line, column = position(text, list(errors[0].absolute_path))
        raise UsageError(
            t(
                "file.invalid",
                where=f"{display}:{line}:{column}",
                what=t(_WHAT[schema]),
                detail=schema_error_message(errors[0], content=False),  # never echo the file
            )
        )
    assert isinstance(data, dict)
    return text, data


def refuse_outside_link(path: Path, display: str) -> None:
    """Raise :class:`InputError` when ``path`` is a symbolic link that loops, dangles or
    leads out of its repository (the folder with spguard.yaml, else the git work tree)."""
    if os.path.islink(path):
        problem = link_outside(path, find_config(path.parent)[0], display)
        if problem is not None:
            raise InputError(problem)


def load_document(path: Path, display: str) -> Document:
    """The single artifact in a canonical file (raises :class:`InputError`)."""
    return parse_document(read_input(path, display)[0], path, display)


def parse_document(data: bytes, path: Path, display: str) -> Document:
    """The single artifact in the bytes of a file (of the work tree, or a revision's blob);
    raises :class:`InputError`: over the size limit, not UTF-8, not exactly one YAML document,
    not a mapping with a ``kind``.

    Files in canonical form are read by the fast canonical parser; anything it does not
    accept (and every problem) goes through the full, strict YAML loader."""
    if len(data) > max_bytes("yaml"):  # a revision's blob is not read through read_file
        raise too_big(len(data), max_bytes("yaml"), display)
    text = decode(data, display)
    return typed(Document(path, display, text, artifact_data(text, display)))


def artifact_data(text: str, display: str) -> dict[str, Any]:
    """The artifact in ``text``: by the fast canonical parser where it accepts the text, else
    by the full, strict YAML loader; raises :class:`InputError` (LOAD007) unless it is
    exactly one YAML document, a mapping with a ``kind``."""
    fast = parse_canonical(text)
    if fast is not None and isinstance(fast.get("kind"), str):
        return fast
    docs = parse_yaml(text, display)
    if len(docs) != 1:
        raise InputError(
            Problem(
                "LOAD007",
                msg("LOAD007.documents", count=len(docs)),
                display,
                1,
                1,
            )
        )
    parsed = docs[0]
    if not isinstance(parsed, dict):
        raise InputError(
            Problem(
                "LOAD007",
                msg("LOAD007.not_mapping"),
                display,
                1,
                1,
            )
        )
    if not isinstance(parsed.get("kind"), str):
        raise InputError(Problem("LOAD007", msg("LOAD007.no_kind"), display, 1, 1))
    return parsed


def typed(doc: Document) -> Document:
    """``doc``, if its envelope has the types every reader expects (``model.envelope``);
    else an :class:`InputError` (LOAD007) at the field."""
    problem = envelope_problem(doc.data)
    if problem is None:
        return doc
    line, column = position(doc.text, problem[0])
    raise InputError(Problem("LOAD007", problem[1], doc.display, line, column))
