"""What a change removes, and what depended on it: a commit that deletes or renames an
artifact breaks the artifacts that referred to it (a reference to a missing medication, a
variant whose standard is gone), though none of them is in the commit. ``lint --changed``
reports on them too (pre-commit passes only the files a commit adds or changes).

An artifact is removed when the change deletes its file (a rename deletes the old name) and
no artifact of the same kind and id is left. Its dependents are the artifacts that hold its
id as a value anywhere (the ids every cross-file check looks up: references,
``derived_from``), or another value a ``reference`` finds it by (``by``: a Department's SHAK
code, which department build holds in its scope), or embed another such value in a text as a
token (``token``: a deleted SmartPhrase's mnemonic, ``.MEDAFSTEM``, in a template's body) and,
for a removed variant, its standard and the standard's other variants (checks that compare a
family, such as ``consistent``)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import Any

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.lint.checks import member, token
from sp_config_guard.load.config import Config
from sp_config_guard.load.loader import Document, Facts, is_artifact_path
from sp_config_guard.load.repository import Repository
from sp_config_guard.messages import t


def removed(root: Path, config: Config | None, since: tuple[str, str] | None) -> list[Facts]:
    """The index facts of every artifact file under ``root`` (that the configuration
    includes) that the change deletes: the staged change, or the one between ``since``."""
    return [facts for facts, _ in removed_with_names(root, config, since)]


def removed_with_names(
    root: Path,
    config: Config | None,
    since: tuple[str, str] | None,
    members: Mapping[str, Iterable[str]] | None = None,
    deletions: Sequence[tuple[str, bytes | int]] | None = None,
) -> list[tuple[Facts, tuple[str, ...]]]:
    """:func:`removed`, each with the other names the artifact went by: the values of its
    ``members`` (per kind, dotted paths such as ``spec.shak_code``, by which a ``reference``
    with ``by`` finds it) in the deleted content. ``deletions``: the staged change's deleted
    files (name from ``root``, former content) when the caller already asked git for them."""
    if deletions is None:
        from sp_config_guard.load.gitrev import NotAWorkTree, deleted, toplevel  # git, lazily

        try:
            top = toplevel(root)
        except NotAWorkTree:
            raise UsageError(t("git.changed_not_work_tree", root=root)) from None
        base = root.resolve()  # git names the top as it really is, links resolved
        deletions = [
            (os.path.relpath(top / name, base), content) for name, content in deleted(top, since)
        ]
    out = []
    for name, content in deletions:
        relative = Path(name)
        path = PurePosixPath(relative.as_posix())
        if relative.parts[0] == os.pardir or not is_artifact_path(path):
            continue
        if config is None or config.wanted(path.as_posix()):
            out.append(_facts(path, content, members or {}))
    return out


def _facts(
    path: PurePosixPath, content: bytes | int, members: Mapping[str, Iterable[str]]
) -> tuple[Facts, tuple[str, ...]]:
    """The facts of a deleted file's last content, read as the work tree's files are, and
    the values of its kind's ``members``; if that cannot be read (or is over the size
    limit), the kind and id its place names (``<Kind>/<id>.yaml``) and no other names."""
    from sp_config_guard.load.gitrev import blob_document

    with suppress(InputError):
        doc = blob_document(content, Path(path), path.as_posix())
        found = [member(doc.data, dotted) for dotted in members.get(doc.kind or "", ())]
        names = (str(v) for v in found if isinstance(v, str | int) and not isinstance(v, bool))
        return doc.facts, tuple(names)
    return Facts(path.parent.name, path.stem, None, None), ()


def dependents(
    repo: Repository, gone: Iterable[Facts], names: Iterable[str] = ()
) -> list[Document]:
    """The artifacts of ``repo`` whose findings can change because the artifacts of ``gone``
    are no longer there (those of which ``repo`` still has one of the same kind and id are
    not gone); ``names``: other values the gone artifacts were found by (a deleted
    Department's SHAK code), held by their dependents as ids are."""
    gone = [f for f in gone if f.kind and f.id and repo.get(f.kind, f.id) is None]
    ids = {f.id for f in gone if f.id} | (set(names) if gone else set())
    words = token.names(ids)  # the ids and names that a text can embed as a token
    # the data, not the text: YAML can write an id in many ways ("\x31...", 100_101)
    wanted = {f"={i}" for i in ids} | {f"~{w}" for w in words}
    found = {doc.display: doc for doc in repo.holding(wanted, terms)} if wanted else {}
    for facts in gone:
        standard = repo.get(facts.kind or "", facts.parent) if facts.parent else None
        if standard is not None:
            found.update((doc.display, doc) for doc in [standard, *repo.variants_of(standard)])
    return list(found.values())


def terms(data: dict[str, Any]) -> set[str]:
    """What an artifact's content can be found by as a dependent: ``=value`` for every
    string and integer it holds (what a reference can name), ``~name`` for every token name
    its texts embed (git mode keeps them in an index; the stat mode scans)."""
    found: set[str] = set()
    todo: list[Any] = [data]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
        elif isinstance(value, str):
            found.add(f"={value}")
            found.update(f"~{name}" for name in token.named(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            found.add(f"={value}")
    return found
