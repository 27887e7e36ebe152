"""The incremental walk behind ``spguard drift --history`` (:mod:`sp_config_guard.drift.history`):
the repository at one step after another, read from git objects, each variant classified again
only when something it depends on changed.

Between two steps ``git diff-tree`` says which files changed; only their blobs are read (one
``git cat-file`` per step for all of them, never the work tree) and parsed. Each variant's
classification is kept under a key of everything it depends on: the variant's file and blob,
its standard's file and blob, the blob of the standard at the revision the variant copied (for
a stale copy, from the file's history up to the step), and the waivers that can cover it and
are valid on the step's day (with the blob of the artifact a waiver's path is matched in). A
variant whose key is unchanged keeps its deviations; the others are classified by the same
function a full ``drift`` runs (:func:`~sp_config_guard.drift.classify.drift_one`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from sp_config_guard.drift.classify import drift_one, organisation_names
from sp_config_guard.drift.divergence import divergence_section
from sp_config_guard.drift.result import Deviation, DriftResult, Variant
from sp_config_guard.errors import InputError, Problem
from sp_config_guard.lint.divergence import DEFAULT_LIMITS, Thresholds
from sp_config_guard.lint.waivers import Waiver
from sp_config_guard.load.gitlog import Commit, ancestry, blobs, changes, file_versions, listing
from sp_config_guard.load.gitrev import blob_document
from sp_config_guard.load.identity import identity_findings
from sp_config_guard.load.loader import Document, Wanted, is_artifact_path
from sp_config_guard.load.repository import Repository
from sp_config_guard.model.envelope import copied_revision
from sp_config_guard.model.kinds import KindRegistry, default_registry
from sp_config_guard.parallel import fork_map, workers_wanted
from sp_config_guard.result import Finding


def walk_key(display: str) -> tuple[tuple[int, str], ...]:
    """The order in which :func:`~sp_config_guard.load.loader.iter_files` finds a file: a
    folder's files (by name) before its sub-folders (by name)."""
    *folders, name = display.split("/")
    return (*((1, f) for f in folders), (0, name))


Evaluated = tuple[Variant, list[Deviation], Counter[str]]


def _summary(variant: Variant, deviations: list[Deviation]) -> Counter[str]:
    counts: Counter[str] = Counter(d.cls for d in deviations)
    for d in deviations:
        exposure = d.exposure
        counts["+exposure" if exposure is not None else "+unknown"] += (
            1 if exposure is None else exposure
        )
    return counts


def _parse(item: tuple[str, Path, bytes | int]) -> Document | Problem:
    """The document in a blob, or why it could not be read (runs in a worker)."""
    display, path, blob = item
    try:
        return blob_document(blob, path, display)
    except InputError as err:
        return err.problem


class Walker:
    """The repository at the step last taken, and what is known from the steps before."""

    def __init__(
        self,
        top: Path,
        root: Path,
        end: str,
        wanted: Wanted | None = None,
        waivers: Sequence[Waiver] = (),
        registry: KindRegistry | None = None,
        workers: int | None = None,
    ) -> None:
        self.top, self.root, self.end = top, root, end
        relative = root.resolve().relative_to(top.resolve()).as_posix()
        self.subdir = "" if relative == "." else relative
        self.wanted, self.waivers = wanted, list(waivers)
        self.registry = registry or default_registry()
        self.workers = workers_wanted(workers)
        self.commit: str | None = None
        self.entries: dict[str, str] = {}  # display -> blob id
        self.docs: dict[str, Document | Problem] = {}  # display -> what its blob holds
        self.order: list[str] = []
        self.memo: dict[tuple[Any, ...], Evaluated] = {}
        self.versions: dict[str, dict[str, Any] | None] = {}  # blob id -> a standard's data
        self.by_artifact: dict[str, list[Waiver]] = {}
        self.evaluated = 0  # variants classified (not taken from a step before), for tests

    def _from_top(self, display: str) -> str:
        return f"{self.subdir}/{display}" if self.subdir else display

    def _display(self, path: str) -> str | None:
        """The name of a file (from the work tree's top) in reports, None if no artifact."""
        if self.subdir:
            if not path.startswith(self.subdir + "/"):
                return None
            path = path[len(self.subdir) + 1 :]
        if not is_artifact_path(PurePosixPath(path)):
            return None
        return path if self.wanted is None or self.wanted(path) else None

    def _advance(self, commit: str) -> None:
        """Bring the file listing to ``commit``, forgetting the documents of changed files."""
        if self.commit is None:
            found: Mapping[str, str | None] = listing(self.top, commit, self.subdir)
        else:
            found = changes(self.top, self.commit, commit, self.subdir)
        before = set(self.entries)
        for path, oid in found.items():
            display = self._display(path)
            if display is None:
                continue
            self.docs.pop(display, None)
            if oid is None:
                self.entries.pop(display, None)
            else:
                self.entries[display] = oid
        if set(self.entries) != before:
            self.order = sorted(self.entries, key=walk_key)
        self.commit = commit
        self._read([d for d in self.order if d not in self.docs], commit)

    def _read(self, displays: list[str], commit: str) -> None:
        """Parse the blobs of ``displays`` (one ``cat-file`` for all; a blob once)."""
        known = {self.entries[d]: doc for d, doc in self.docs.items() if isinstance(doc, Document)}
        wanted = list(dict.fromkeys(self.entries[d] for d in displays))
        fetch = [oid for oid in wanted if oid not in known]
        contents = dict(zip(fetch, blobs(self.top, fetch, commit[:12]), strict=True))
        todo = []
        for display in displays:
            oid, path = self.entries[display], self.top / self._from_top(display)
            same = known.get(oid)
            if same is not None:
                self.docs[display] = Document(path, display, same.source, same.data)
            else:
                todo.append((display, path, contents[oid]))
        for (display, _, _), doc in zip(todo, fork_map(_parse, todo, self.workers), strict=True):
            self.docs[display] = doc
            if isinstance(doc, Document):
                known.setdefault(self.entries[display], doc)

    def _base(self, standard: Document, revision: str, commit: str) -> tuple[str, Any] | None:
        """(blob id, data) of the standard as it was at ``revision``: the newest version of its
        file up to ``commit`` with that revision (as a ``drift`` of that commit finds it)."""
        versions = file_versions(self.top, self.end, self._from_top(standard.display))
        reachable = ancestry(self.top, commit)
        missing = [oid for c, oid in versions if c in reachable and oid not in self.versions]
        for oid, blob in zip(missing, blobs(self.top, missing, commit[:12]), strict=True):
            try:
                self.versions[oid] = blob_document(blob, standard.path, standard.display).data
            except InputError:
                self.versions[oid] = None  # that version did not parse: not the one looked for
        for c, oid in versions:
            data = self.versions.get(oid) if c in reachable else None
            if data is not None and str(data.get("revision")) == revision:
                return oid, data
        return None

    def _waiver_key(self, doc: Document, repo: Repository, today: date) -> tuple[Any, ...]:
        """The waivers that may cover ``doc`` and are valid on ``today``, and the blob of the
        artifact a waiver's path is matched in."""
        artifact = doc.id or ""
        matching = self.by_artifact.get(artifact)
        if matching is None:
            matching = self.by_artifact[artifact] = [
                w for w in self.waivers if any(fnmatchcase(artifact, p) for p in w.artifacts)
            ]
        valid = tuple(w.id for w in matching if today <= w.expires)
        if not any(w.path is not None for w in matching):
            return valid
        target = repo.get(doc.kind or "", artifact)
        return valid, (target.display, self.entries[target.display]) if target else None

    def step(
        self, at: Commit, divergences: bool = False, limits: Sequence[Thresholds] = ()
    ) -> tuple[DriftResult, list[Evaluated]]:
        """The drift of the repository at commit ``at`` (with ``divergences``, those too), and
        each variant's evaluation in the order of the result."""
        self._advance(at.commit)
        docs = [d for name in self.order if isinstance(d := self.docs[name], Document)]
        repo = Repository(docs)
        today = at.day
        bases: dict[tuple[str, str], Any] = {}
        keys: list[tuple[Any, ...] | None] = []
        for doc in docs:
            standard = repo.standard_of(doc)
            level = (doc.data.get("scope") or {}).get("level")
            if (
                standard is None
                or level in (None, "central", "user")
                or doc.kind not in (self.registry)
            ):
                keys.append(None)
                continue
            stale = copied_revision(doc.data, standard.data)
            base = None
            if stale is not None:
                found = bases.get((standard.display, stale))
                if (standard.display, stale) not in bases:
                    found = bases[(standard.display, stale)] = self._base(
                        standard, stale, at.commit
                    )
                base = found[0] if found else None
            keys.append(
                (
                    doc.display,
                    self.entries[doc.display],
                    standard.display,
                    self.entries[standard.display],
                    base,
                    self._waiver_key(doc, repo, today),
                )
            )
        todo = [doc for doc, key in zip(docs, keys, strict=True) if key and key not in self.memo]
        counted: dict[str, int] = {}
        keyed: dict[str, dict[str, Any]] = {}

        def base_of(standard: Document, revision: str) -> dict[str, Any] | None:
            found = bases.get((standard.display, revision))
            return found[1] if found else None

        def one(doc: Document) -> tuple[Variant, list[Deviation]] | None:
            return drift_one(doc, repo, self.waivers, today, base_of, self.registry, counted, keyed)

        fresh = fork_map(one, todo, self.workers)
        self.evaluated += len(todo)
        by_display = {doc.display: found for doc, found in zip(todo, fresh, strict=True)}
        memo: dict[tuple[Any, ...], Evaluated] = {}
        evaluated: list[Evaluated] = []
        for doc, key in zip(docs, keys, strict=True):
            if key is None:
                continue
            if key in self.memo:
                memo[key] = self.memo[key]
            else:
                got = by_display[doc.display]
                assert got is not None, doc.display
                memo[key] = (*got, _summary(*got))
            evaluated.append(memo[key])
        self.memo = memo  # only what this step uses: memory stays that of one repository
        result = DriftResult(names=organisation_names(repo))
        for variant, deviations, _ in evaluated:
            result.variants.append(variant)
            result.deviations += deviations
        unread = [
            Finding.from_problem(p) for n in self.order if isinstance(p := self.docs[n], Problem)
        ]
        result.problems = unread + identity_findings(docs, self.registry)
        if divergences:
            result.divergences = divergence_section(repo, limits or DEFAULT_LIMITS, self.workers)
        return result, evaluated
