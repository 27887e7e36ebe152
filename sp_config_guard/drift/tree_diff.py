"""``spguard diff``: what changed between two files, two trees or two git revisions, artifact
by artifact, said the way a reviewer says it ("group 100 order line 1001: dose 5 mg -> 10 mg");
with ``drift``, also what each change does to the deviation from the standard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from sp_config_guard.drift.artifact_diff import Change, diff_artifacts, display_path
from sp_config_guard.drift.classify import drift
from sp_config_guard.drift.result import class_name
from sp_config_guard.drift.wording import change_in_words
from sp_config_guard.errors import Problem, UsageError
from sp_config_guard.load.gitrev import has_path, read_tree, sides, standard_at_revision, toplevel
from sp_config_guard.load.loader import Document, Wanted, absolute, printable
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.workspace import load
from sp_config_guard.messages import t
from sp_config_guard.model.kinds import KindRegistry, default_registry
from sp_config_guard.result import exit_code

Scope = tuple[Path, Wanted | None]  # a side's repository root and the files it wants


@dataclass(frozen=True)
class ArtifactDiff:
    """The changes of one artifact (``status``: added, removed, modified, moved)."""

    kind: str
    id: str
    status: str
    file: str
    old_file: str | None
    label: str
    changes: tuple[Change, ...] = ()
    texts: tuple[str, ...] = ()
    drift: tuple[str, ...] = ()


@dataclass
class DiffResult:
    """Every artifact that differs, and files that could not be read."""

    artifacts: list[ArtifactDiff] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the two sides differ."""
        return bool(self.artifacts)

    def exit_code(self) -> int:
        """1 when the two sides differ or a file could not be read, else 0."""
        return exit_code(self.changed, self.problems)


# -- human wording (the words themselves: sp_config_guard.drift.wording) ----------------------


def artifact_label(doc: Document, repo: Repository | None) -> str:
    """``OrderSet 304100234 (Rigshospitalet, Kardiologisk Klinik)``."""
    scope = doc.data.get("scope") or {}
    parts = []
    if scope.get("level") == "central":
        parts.append("central standard")
    elif scope.get("hospital"):
        parts.append(str(scope["hospital"]).replace("-", " ").title().replace(" Og ", " og "))
    elif scope.get("region"):
        parts.append(f"Region {str(scope['region']).title()}")
    if scope.get("department"):
        name = _department_name(repo, str(scope["department"]))
        parts.append(name or str(scope["department"]))
    if scope.get("user"):
        parts.append(f"user {scope['user']}")
    return f"{doc.kind} {doc.id} ({', '.join(parts)})" if parts else f"{doc.kind} {doc.id}"


def _department_name(repo: Repository | None, shak: str) -> str | None:
    for dept in repo.of_kind("Department") if repo else []:
        if (dept.data.get("spec") or {}).get("shak_code") == shak:
            return str(dept.data.get("name"))
    return None


# -- comparing sides ---------------------------------------------------------------------------


def load_side(
    path: Path, root: Path, wanted: Wanted | None
) -> tuple[list[Document], list[Problem]]:
    """The artifacts in a file or a tree on disk that its repository's configuration wants
    (``wanted``, relative to ``root``), loaded as every command loads them but uncached (a diff
    writes nothing); a name that cannot be printed as it is, quoted, as a revision's side
    names it."""
    loaded = load([path], root, wanted, use_cache=False)
    docs = [replace(doc, display=printable(doc.display)) for doc in loaded.docs]
    return docs, [replace(p, file=printable(p.file)) for p in loaded.problems]


def compare(
    old: Sequence[Document],
    new: Sequence[Document],
    with_drift: bool = False,
    registry: KindRegistry | None = None,
    bases: tuple[Path, Path] | None = None,
) -> DiffResult:
    """The semantic difference between two sets of artifacts, matched by kind and id; an
    artifact has ``moved`` when its place in its side (the path below that side's folder in
    ``bases``) differs. Without bases nothing is ``moved``."""
    registry = registry or default_registry()
    before = {(d.kind or "", d.id or ""): d for d in old}
    after = {(d.kind or "", d.id or ""): d for d in new}
    old_repo, new_repo = Repository(old), Repository(new)
    result = DiffResult()
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        kind = registry.kinds.get(key[0])
        if a is None or b is None:
            doc = b or a
            assert doc is not None
            status = "added" if a is None else "removed"
            label = artifact_label(doc, new_repo if b else old_repo)
            result.artifacts.append(
                ArtifactDiff(
                    key[0],
                    key[1],
                    status,
                    doc.display,
                    None,
                    label,
                    drift=_drift_effect(a, b, old_repo, new_repo) if with_drift else (),
                )
            )
            continue
        changes = diff_artifacts(a.data, b.data, kind)
        moved = bases is not None and _place(a, bases[0]) != _place(b, bases[1])
        if not changes and not moved:
            continue
        root = kind.root if kind else None
        texts = tuple(change_in_words(c, root, a.data, b.data) for c in changes)
        result.artifacts.append(
            ArtifactDiff(
                key[0],
                key[1],
                "moved" if moved and not changes else "modified",
                b.display,
                a.display if moved else None,
                artifact_label(b, new_repo),
                tuple(changes),
                texts,
                _drift_effect(a, b, old_repo, new_repo) if with_drift else (),
            )
        )
    return result


def _place(doc: Document, base: Path) -> PurePosixPath:
    """Where an artifact's file is in the tree (or file) ``base`` it was read from: the same
    for a file of two copies of one tree, of a revision and the work tree, from any folder."""
    path, top = PurePosixPath(absolute(doc.path)), PurePosixPath(absolute(base))
    return path.relative_to(top) if path.is_relative_to(top) else path


def _deviations(doc: Document | None, repo: Repository) -> dict[str, str]:
    if doc is None:
        return {}
    found = drift(repo, only=[doc], base_of=standard_at_revision)
    return {d.path: d.cls for d in found.deviations}


def _drift_effect(
    a: Document | None, b: Document | None, old_repo: Repository, new_repo: Repository
) -> tuple[str, ...]:
    """What a change does to the deviations from the standard: per path, ``new deviation``,
    ``deviation removed`` or ``deviation changed``; ``none`` when nothing changes."""
    before, after = _deviations(a, old_repo), _deviations(b, new_repo)
    out = []
    for path in sorted(before.keys() | after.keys()):
        if path not in before:
            out.append(t("diff.deviation_new", cls=class_name(after[path]), path=path))
        elif path not in after:
            out.append(t("diff.deviation_removed", cls=class_name(before[path]), path=path))
        elif before[path] != after[path]:
            old, new = class_name(before[path]), class_name(after[path])
            out.append(t("diff.deviation_changed", old=old, new=new, path=path))
    return tuple(out) or ("none",)


def diff_paths(
    old: Path, new: Path, scopes: tuple[Scope, Scope], with_drift: bool = False
) -> DiffResult:
    """Diff two files or two trees on disk (that exist: the API has checked), each read as
    the configuration of its repository says (``scopes``)."""
    a, pa = load_side(old, *scopes[0])
    b, pb = load_side(new, *scopes[1])
    bases = (old if old.is_dir() else old.parent, new if new.is_dir() else new.parent)
    result = compare(a, b, with_drift, bases=bases)
    result.problems = pa + pb
    return result


def diff_git(spec: str, path: Path, scope: Scope, with_drift: bool = False) -> DiffResult:
    """Diff ``REV`` against the work tree, ``A..B``, or ``A...B`` (what B changed since it
    left A) for the tree at ``path``, each side read as the work tree's configuration says
    (``scope``)."""
    top = toplevel(path.resolve())
    subdir = (
        PurePosixPath(path.resolve().relative_to(top).as_posix())
        if path.resolve() != top
        else PurePosixPath(".")
    )
    root, wanted = scope
    old, new = sides(top, spec)
    if not path.exists() and not any(has_path(top, s, subdir) for s in (old, new) if s):
        raise UsageError(t("git.no_path", path=path, spec=spec))
    a, pa = read_tree(top, old, subdir, root, wanted)
    b, pb = read_tree(top, new, subdir, root, wanted) if new else load_side(path, root, wanted)
    result = compare(a, b, with_drift, bases=(top / subdir, top / subdir if new else path))
    result.problems = pa + pb
    return result


__all__ = [
    "ArtifactDiff",
    "DiffResult",
    "change_in_words",
    "compare",
    "diff_git",
    "diff_paths",
    "display_path",
]
