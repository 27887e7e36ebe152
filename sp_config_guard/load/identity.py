"""What only shows across the files of a repository or against the kind registry: an artifact
of an unknown kind (LOAD008) and a kind and id that two files use (SCH003). ``validate``,
``lint`` and ``drift`` all report them from here, with the same codes and places."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sp_config_guard.errors import Problem
from sp_config_guard.load.loader import Document
from sp_config_guard.load.yamlio import line_column, positions
from sp_config_guard.messages import msg
from sp_config_guard.model.kinds import KindRegistry
from sp_config_guard.result import Finding


class Identities:
    """Checks artifacts one at a time, in file order: the first file with a kind and id owns
    them, a later one is SCH003."""

    def __init__(
        self, registry: KindRegistry, owner: Callable[[str, str], str | None] | None = None
    ) -> None:
        self.registry = registry
        self.owner = owner  # the file owning a kind and id, when an index knows it
        self._first: dict[tuple[str, str], str] = {}

    def check(self, doc: Document) -> list[Finding]:
        """LOAD008 when ``doc`` is of an unknown kind, SCH003 when its kind and id are taken."""
        kind = doc.kind or ""
        if kind not in self.registry:
            line, column = line_column(positions(doc.text), ["kind"])
            known = ", ".join(k.name for k in self.registry)
            message = msg("LOAD008.unknown_kind", kind=repr(kind), known=known)
            return [Finding.from_problem(Problem("LOAD008", message, doc.display, line, column))]
        if doc.id is None:
            return []
        key = (kind, doc.id)
        first = self.owner(*key) if self.owner else self._first.setdefault(key, doc.display)
        if first in (None, doc.display):
            return []
        line, column = line_column(positions(doc.text), ["id"])
        used = msg("SCH003.id_used", kind=kind, id=repr(doc.id), other=first)
        return [
            Finding(
                doc.display,
                line,
                column,
                "SCH003",
                "error",
                str(used),
                "$.id",
                kind,
                doc.id,
                ident=used.ident,
            )
        ]


def identity_findings(
    docs: Iterable[Document],
    registry: KindRegistry,
    owner: Callable[[str, str], str | None] | None = None,
) -> list[Finding]:
    """LOAD008 and SCH003 of every artifact of a repository (see :class:`Identities`), or
    with ``owner`` of the artifacts ``docs`` of a larger one."""
    identities = Identities(registry, owner)
    return [finding for doc in docs for finding in identities.check(doc)]
