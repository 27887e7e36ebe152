"""Git mode's repository (:mod:`~sp_config_guard.load.staged`): the artifacts as git's index
holds them, looked up in the cache's table of it and loaded only when a check reads them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError
from sp_config_guard.load.gitrev import _cat, blob_document
from sp_config_guard.load.loader import Document, Facts, LazyDocument
from sp_config_guard.load.repository import Repository, Terms
from sp_config_guard.load.sources import decode
from sp_config_guard.load.staged import Staged


class StagedDocument(LazyDocument):
    """An artifact as git's index holds it: its data from the cache (by ``key``, its content
    digest), its text the staged content."""

    key: str

    def __init__(self, staged: Staged, row: tuple[Any, ...]) -> None:
        display, blob, key = row[0], row[1], row[2]
        path = staged.root / display
        super().__init__(path, display, Facts(*row[3:7]), lambda: _data(staged, key, blob))
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "_text", lambda: staged.content(path, display, blob))

    @property
    def text(self) -> str:
        """The staged text (empty if it cannot be read)."""
        if self.source is None:
            try:
                source = decode(self.__dict__["_text"](), self.display)
            except InputError:
                source = ""
            object.__setattr__(self, "source", source)
        return self.source or ""


def _data(staged: Staged, key: str, blob: str) -> dict[str, Any]:
    data = staged.store.parsed([key]).get(key)
    if isinstance(data, dict):
        return data
    try:  # another process emptied the cache: read the blob
        content = _cat(staged.root, [blob], "index")[0]
        return blob_document(content, Path("blob"), "blob").data
    except InputError:
        return {}


class IndexedRepository(Repository):
    """The repository index of git mode: look-ups answered from the cache's table, documents
    loaded when a check reads them (one document per file for the whole run); the documents
    of ``own`` (the files asked about, parsed in this run) stand for their rows."""

    def __init__(self, staged: Staged, own: Sequence[Document]) -> None:
        super().__init__(())
        self.staged = staged
        self._known = {doc.display: doc for doc in own}

    def _docs(self, rows: Iterable[tuple[Any, ...]], load: bool = False) -> list[Document]:
        docs = [self._known.get(row[0]) or self._made(row) for row in rows]
        if load:  # one read of the cache for all of them
            lazy = [d for d in docs if isinstance(d, StagedDocument) and "_data" not in d.__dict__]
            parsed = self.staged.store.parsed([doc.key for doc in lazy])
            for doc in lazy:
                if isinstance(parsed.get(doc.key), dict):
                    object.__setattr__(doc, "_data", parsed[doc.key])
        return docs

    def _made(self, row: tuple[Any, ...]) -> Document:
        doc = self._known[row[0]] = StagedDocument(self.staged, row)
        return doc

    @property
    def docs(self) -> list[Document]:
        """Every artifact (a whole-repository check reads them all)."""
        return self._docs(self.staged.rows("kind IS NOT NULL", ()), True)

    def count(self, at_most: int | None = None) -> int:
        """How many artifacts there are (no more than ``at_most``: the table is read only that
        far, where counting all 100,000 rows costs 8 ms)."""
        rows = "SELECT 1 FROM tree WHERE kind IS NOT NULL"
        if at_most is not None:
            rows += f" LIMIT {int(at_most)}"
        return int(self.staged.db.execute(f"SELECT COUNT(*) FROM ({rows})").fetchone()[0])

    def get(self, kind: str, id_: str) -> Document | None:
        """The first artifact of ``kind`` with ``id_`` in file order."""
        found = self._docs(self.staged.rows("kind = ? AND id = ?", (kind, id_))[:1])
        return found[0] if found else None

    def with_id(self, id_: str) -> list[Document]:
        """Every artifact with ``id_``, of any kind."""
        return self._docs(self.staged.rows("id = ? AND kind IS NOT NULL", (id_,)))

    def variants_of(self, doc: Document) -> list[Document]:
        """Local variants derived from ``doc`` (user-level build is never governed)."""
        if doc.kind is None or doc.id is None:
            return []
        where = "kind = ? AND parent = ? AND id IS NOT NULL AND level IS NOT 'user'"
        return self._docs(self.staged.rows(where, (doc.kind, doc.id)))

    def of_kind(self, kind: str) -> list[Document]:
        """Every artifact of ``kind``, loaded."""
        return self._docs(self.staged.rows("kind = ? AND id IS NOT NULL", (kind,)), True)

    def holding(self, wanted: Collection[str], terms: Terms) -> list[Document]:
        """The artifacts with any of ``wanted`` among their terms, from the index of terms
        (made with the same ``terms``)."""
        return self._docs(self.staged.holding(wanted))

    def holding_value(self, kinds: Collection[str], value: str) -> list[Document] | None:
        """Artifacts of ``kinds`` holding ``value``, from the index of terms (whose terms
        include ``=value`` for every string and integer of a content), loaded."""
        rows = [row for row in self.staged.holding({f"={value}"}) if row[3] in kinds]
        return self._docs(rows, True)
