"""The repository index: every artifact by kind and id, standards and their variants, so
cross-file checks see the whole repository even when only a few files are linted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Any

from sp_config_guard.load.loader import Document

Terms = Callable[[dict[str, Any]], set[str]]  # what an artifact's content can be found by


class Repository:
    """All loaded artifacts of a configuration repository."""

    def __init__(self, docs: Iterable[Document]) -> None:
        self._all: list[Document] = list(docs)
        self._by_key: dict[tuple[str, str], Document] = {}
        self._by_id: dict[str, list[Document]] = defaultdict(list)
        self._variants: dict[tuple[str, str], list[Document]] = defaultdict(list)
        self._by_kind: dict[str, list[Document]] = defaultdict(list)
        for doc in self._all:
            kind, id_, parent, level = doc.facts
            if kind is None or id_ is None:
                continue
            self._by_kind[kind].append(doc)
            self._by_key.setdefault((kind, id_), doc)
            self._by_id[id_].append(doc)
            if level != "user" and parent is not None:  # personal build is never governed
                self._variants[(kind, parent)].append(doc)

    @property
    def docs(self) -> list[Document]:
        """Every artifact, in file order."""
        return self._all

    def count(self, at_most: int | None = None) -> int:
        """How many artifacts there are (no more than ``at_most``: enough to tell whether
        there are more)."""
        return len(self._all) if at_most is None else min(len(self._all), at_most)

    def get(self, kind: str, id_: str) -> Document | None:
        """The artifact of ``kind`` with ``id_``."""
        return self._by_key.get((kind, id_))

    def with_id(self, id_: str) -> list[Document]:
        """Every artifact with ``id_``, of any kind."""
        return list(self._by_id.get(id_, ()))

    def standard_of(self, doc: Document) -> Document | None:
        """The standard ``doc`` derives from (same kind, ``derived_from.id``)."""
        kind, parent = doc.facts.kind, doc.facts.parent
        return self.get(kind, parent) if kind is not None and parent is not None else None

    def variants_of(self, doc: Document) -> list[Document]:
        """Local variants derived from ``doc`` (personal, user-level build is never governed)."""
        if doc.kind is None or doc.id is None:
            return []
        return list(self._variants.get((doc.kind, doc.id), ()))

    def of_kind(self, kind: str) -> list[Document]:
        """Every artifact of ``kind``."""
        return list(self._by_kind.get(kind, ()))

    def holding_value(self, kinds: Collection[str], value: str) -> list[Document] | None:
        """Artifacts of ``kinds`` that may hold ``value`` (a string, or a number as its text)
        somewhere in their content, when an index can say without loading them all (git
        mode's); None here, where every document is in memory anyway."""
        return None

    def holding(self, wanted: Collection[str], terms: Terms) -> list[Document]:
        """The artifacts, in file order, with any of ``wanted`` among the ``terms`` of their
        content (a scan of every one)."""
        return [doc for doc in self._all if not terms(doc.data).isdisjoint(wanted)]

    def owner(self, kind: str, id_: str) -> str | None:
        """The file that owns a kind and id: the first one in file order."""
        doc = self.get(kind, id_)
        return doc.display if doc is not None else None
