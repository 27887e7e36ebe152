"""Where ``spguard upgrade`` finds a standard's earlier (and, with ``--to``, other) revisions:
the git history of the standard's file first (the file at the commit where it had that
revision, :func:`~sp_config_guard.load.gitrev.standard_at_revision`), then the archive of
released standards, a folder of ``<Kind>/<id>@<revision>.yaml`` files
(``.spguard/standards`` in the repository, or ``--archive DIR``): a copy of the standard's file
as it was released. A hidden folder is never read as artifacts, so the archive's files are no
duplicates of the standards. An archived file counts only when its kind, id and revision are
the ones looked for; nothing is ever guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.load.gitrev import file_at, standard_at_revision
from sp_config_guard.load.loader import Document, load_document, shown
from sp_config_guard.messages import t

ARCHIVE = Path(".spguard") / "standards"
"""The archive's place in a repository when no ``--archive`` is given."""

REVISION = re.compile(r"\d{4}\.\d+")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_KIND = re.compile(r"[A-Z][A-Za-z0-9]*")


def archive_name(kind: str, id_: str, revision: str) -> str | None:
    """The archive's file name of a standard's revision (``Medication/100101@2026.3.yaml``), or
    None when a part could name a place outside the archive."""
    if not (_KIND.fullmatch(kind) and _ID.fullmatch(id_) and REVISION.fullmatch(revision)):
        return None
    return f"{kind}/{id_}@{revision}.yaml"


@dataclass
class Found:
    """A standard's content at a revision, and where it came from (``git`` or the archive's
    file); ``why`` says why it was not found."""

    data: dict[str, Any] | None
    source: str = ""
    why: str = ""


@dataclass
class Bases:
    """The look-ups of one run, each answered once per (standard, revision)."""

    root: Path
    archive: Path | None = None
    _seen: dict[tuple[str, str], Found] = field(default_factory=dict)

    def folder(self) -> Path:
        """The archive folder of the run."""
        return self.archive if self.archive is not None else self.root / ARCHIVE

    def at_revision(self, standard: Document, revision: str) -> Found:
        """The standard as it was at ``revision``: from git history, else the archive."""
        key = (standard.display, revision)
        if key not in self._seen:
            self._seen[key] = self._look_up(standard, revision)
        return self._seen[key]

    def _look_up(self, standard: Document, revision: str) -> Found:
        why = ""
        try:
            data = standard_at_revision(standard, revision)
        except UsageError as err:  # a shallow clone that cut the file's history
            data, why = None, str(err)
        if data is not None:
            return Found(data, "git")
        archived = self._archived(standard, revision)
        if archived.data is not None:
            return archived
        folder = shown(self.folder(), self.root)
        reason = why or t("upgrade.no_base", revision=revision, archive=folder)
        return Found(None, why=archived.why or reason)

    def _archived(self, standard: Document, revision: str) -> Found:
        name = archive_name(standard.kind or "", standard.id or "", revision)
        if name is None:
            return Found(None)
        path = self.folder() / name
        if not path.is_file():
            return Found(None)
        display = shown(path, self.root)
        try:
            doc = load_document(path, display)
        except InputError as err:
            return Found(None, why=str(err.problem))
        wanted = (standard.kind, standard.id, revision)
        if (doc.kind, doc.id, str(doc.data.get("revision"))) != wanted:
            return Found(None, why=t("upgrade.archive_mismatch", file=display, revision=revision))
        return Found(doc.data, display)

    def target(self, standard: Document, to: str | None) -> Found:
        """The standard the copies are brought up to: as it is now, or at ``to`` (a standard
        revision ``YYYY.N``, or a git revision: a commit, tag or branch)."""
        if to is None:
            return Found(standard.data, standard.display)
        if REVISION.fullmatch(to):
            if str(standard.data.get("revision")) == to:
                return Found(standard.data, standard.display)
            return self.at_revision(standard, to)
        try:
            data = file_at(standard, to)
        except InputError as err:
            return Found(None, why=str(err.problem))
        if data is None:
            return Found(None, why=t("upgrade.not_at", rev=to))
        return Found(data, f"{to}:{standard.display}")
